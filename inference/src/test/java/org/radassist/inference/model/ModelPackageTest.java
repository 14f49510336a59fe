package org.radassist.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageTest {
  @TempDir Path dir;

  static ModelCard card(String sha) {
    return new ModelCard(
        "test-model",
        "Test model",
        "0.0.1",
        "classification-cam",
        "torchscript",
        new ModelCard.Weights("model.pt", sha),
        List.of(new ModelCard.Label("lesion", LabelKind.TUMOR, 0.5)),
        new ModelCard.Input(
            64, 64, 1, "letterbox", "dicom-voi", true, 255.0, new double[] {0}, new double[] {1}),
        new ModelCard.Outputs(0, 1, null),
        "tests",
        "none",
        Map.of(),
        "CC0",
        null);
  }

  private Path writePackage(byte[] weights) throws IOException {
    Files.write(dir.resolve("model.pt"), weights);
    card(ModelPackage.sha256(dir.resolve("model.pt"))).write(dir.resolve("model-card.json"));
    return dir;
  }

  @Test
  void loadsAFolderWhoseWeightsMatchTheCard() throws Exception {
    writePackage(new byte[] {1, 2, 3});
    ModelPackage pkg = ModelPackage.load(dir);
    assertEquals("test-model", pkg.card().id());
    assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", pkg.sha256());
  }

  @Test
  void refusesWeightsWhoseSha256DiffersFromTheCard() throws Exception {
    writePackage(new byte[] {1, 2, 3});
    Files.write(dir.resolve("model.pt"), new byte[] {1, 2, 4});
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir));
    assertTrue(e.getMessage().contains("sha256 of model.pt is"), e.getMessage());
    assertTrue(e.getMessage().contains("but the card says 039058c6"), e.getMessage());
  }

  @Test
  void refusesACardWithMissingFieldsNamingEachOfThem() throws Exception {
    writePackage(new byte[] {1});
    String json = Files.readString(dir.resolve("model-card.json"), StandardCharsets.UTF_8);
    json = json.replace("\"licence\"", "\"licenceX\"").replace("\"threshold\"", "\"thresholdX\"");
    Files.writeString(dir.resolve("model-card.json"), json);
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir));
    assertTrue(e.getMessage().contains("card is missing"), e.getMessage());
    assertTrue(e.getMessage().contains("licence"), e.getMessage());
    assertTrue(e.getMessage().contains("labels[0].threshold"), e.getMessage());
  }

  @Test
  void aCardThatIsNotValidJsonOrHasAWrongTypeIsRefusedInOneLineNamingTheField() throws Exception {
    writePackage(new byte[] {1});
    Path cardFile = dir.resolve("model-card.json");
    String json = Files.readString(cardFile, StandardCharsets.UTF_8);
    // Each: the text replaced, its replacement, and how the refusal ends.
    List<List<String>> cases =
        List.of(
            List.of(
                "\"width\" : 64",
                "\"width\" : \"wide\"",
                "is not a valid card: input.width must be a number, was wide"),
            List.of(
                "\"kind\" : \"tumor\"",
                "\"kind\" : \"lesion\"",
                "labels[0].kind: label kind must be tumor, fracture or other, was lesion"),
            List.of(
                "\"licence\"",
                "licence",
                "was expecting double-quote to start field name (line 36, column 3)"));
    for (List<String> c : cases) {
      Files.writeString(cardFile, json.replace(c.get(0), c.get(1)));
      ModelPackageException e =
          assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir));
      assertTrue(e.getMessage().endsWith(c.get(2)), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void refusesUnknownPolicies() throws Exception {
    writePackage(new byte[] {1});
    String json = Files.readString(dir.resolve("model-card.json"));
    Files.writeString(dir.resolve("model-card.json"), json.replace("letterbox", "squash"));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir));
    assertTrue(e.getMessage().contains("input.resize must be one of"), e.getMessage());
  }

  @Test
  void aCardKeepsItsBodyPartsAndRefusesAStageCountPerStageThatDoesNotFit() throws Exception {
    Files.write(dir.resolve("model.pt"), new byte[] {1});
    ModelCard base = card(ModelPackage.sha256(dir.resolve("model.pt")));
    ModelCard djl = camnet(base, new ModelCard.Architecture("camnet", List.of(8, 16), List.of(1)));
    djl.write(dir.resolve("model-card.json"));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir));
    assertTrue(e.getMessage().contains("architecture.convsPerStage"), e.getMessage());
    ModelCard read = ModelCard.read(dir.resolve("model-card.json"));
    assertTrue(read.coversBodyPart("wrist"));
    assertTrue(!read.coversBodyPart("CHEST") && !base.coversBodyPart("HAND"));
  }

  /** {@code base} as one of our own networks for hands and wrists. */
  private static ModelCard camnet(ModelCard base, ModelCard.Architecture architecture) {
    return new ModelCard(
        base.id(),
        base.name(),
        base.version(),
        base.task(),
        ModelCard.FORMAT_DJL,
        base.weights(),
        base.labels(),
        base.input(),
        base.outputs(),
        base.intendedUse(),
        base.trainingData(),
        base.metrics(),
        base.licence(),
        architecture,
        List.of("HAND", "WRIST"));
  }

  @Test
  void refusesADilationPerStageThatDoesNotFit() throws Exception {
    Files.write(dir.resolve("model.pt"), new byte[] {1});
    ModelCard base = card(ModelPackage.sha256(dir.resolve("model.pt")));
    ModelCard djl =
        camnet(
            base,
            new ModelCard.Architecture("camnet", List.of(8, 16), List.of(1, 1), List.of(1, 0)));
    djl.write(dir.resolve("model-card.json"));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir));
    assertTrue(e.getMessage().contains("architecture.dilationPerStage"), e.getMessage());
  }

  @Test
  void refusesAnEnsembleWithoutMembers() throws Exception {
    Files.write(dir.resolve("model.pt"), new byte[] {1});
    ModelCard base = card(ModelPackage.sha256(dir.resolve("model.pt")));
    camnet(base, new ModelCard.Architecture("camnet", List.of(8, 16), null, null, 0, null))
        .write(dir.resolve("model-card.json"));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir));
    assertTrue(e.getMessage().contains("architecture.members"), e.getMessage());
  }

  @Test
  void refusesAMissingWeightsFileAndAFolderWithoutCard() throws Exception {
    writePackage(new byte[] {1});
    Files.delete(dir.resolve("model.pt"));
    assertTrue(
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir))
            .getMessage()
            .contains("weights file model.pt is missing"));
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertTrue(
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(empty))
            .getMessage()
            .contains("has no model-card.json"));
  }

  @Test
  void refusesLabelsThatWouldWriteTheSameHeatmapFile() throws Exception {
    for (List<String> names :
        List.of(List.of("lesion", "lesion"), List.of("lesion", "Lesion"), List.of("a/b", "a_b"))) {
      writePackage(new byte[] {1});
      editCard(
          c -> {
            ArrayNode labels = (ArrayNode) c.get("labels");
            labels.add(labels.get(0).deepCopy());
            ((ObjectNode) labels.get(0)).put("name", names.get(0));
            ((ObjectNode) labels.get(1)).put("name", names.get(1));
          });
      ModelPackageException e =
          assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir));
      assertTrue(
          e.getMessage()
              .contains("labels " + names.get(0) + " and " + names.get(1) + " need distinct names"),
          e.getMessage());
    }
  }

  @Test
  void refusesSoftmaxOverASingleLabelWhichWouldAlwaysGiveOne() throws Exception {
    writePackage(new byte[] {1});
    editCard(c -> ((ObjectNode) c.get("outputs")).put("activation", "softmax"));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir));
    assertTrue(
        e.getMessage().contains("softmax over a single label always gives 1"), e.getMessage());
  }

  @Test
  void anOutputIsNamedByIndexOrByTheKeyOfADictEntry() throws Exception {
    writePackage(new byte[] {1});
    editCard(c -> ((ObjectNode) c.get("outputs")).put("probabilities", "logits"));
    ModelCard.Outputs outputs = ModelPackage.load(dir).card().outputs();
    assertEquals(OutputRef.named("logits"), outputs.probabilities());
    assertEquals(OutputRef.at(1), outputs.cams());
    editCard(c -> ((ObjectNode) c.get("outputs")).putArray("probabilities").add(0));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(dir));
    assertTrue(e.getMessage().contains("outputs.probabilities"), e.getMessage());
  }

  private void editCard(Consumer<ObjectNode> edit) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Path file = dir.resolve("model-card.json");
    ObjectNode card = (ObjectNode) mapper.readTree(file.toFile());
    edit.accept(card);
    mapper.writeValue(file.toFile(), card);
  }

  @Test
  void aZipMadeByCompressingAPackageFolderOnAMacLoads() throws Exception {
    writePackage(new byte[] {9, 9});
    Path zip = dir.resolveSibling(dir.getFileName() + "-mac.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : List.of("model-card.json", "model.pt")) {
        out.putNextEntry(new ZipEntry("pkg/" + name));
        out.write(Files.readAllBytes(dir.resolve(name)));
        out.closeEntry();
        out.putNextEntry(new ZipEntry("__MACOSX/pkg/._" + name));
        out.write(new byte[] {0, 5, 22, 7});
        out.closeEntry();
      }
    }
    assertArrayEquals(new byte[] {9, 9}, Files.readAllBytes(ModelPackage.load(zip).weightsFile()));
    Files.delete(zip);
  }

  @Test
  void aFileNamedZipThatIsNoZipIsSaidToBeUnreadable() throws Exception {
    Path zip = dir.resolve("model.zip");
    Files.writeString(zip, "not a zip");
    assertTrue(
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(zip))
            .getMessage()
            .contains("is not a readable zip"));
  }

  @Test
  void loadsAZipWithTheSameChecks() throws Exception {
    writePackage(new byte[] {9, 9});
    Path zip = dir.resolveSibling(dir.getFileName() + ".zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : List.of("model-card.json", "model.pt")) {
        out.putNextEntry(new ZipEntry("pkg/" + name));
        out.write(Files.readAllBytes(dir.resolve(name)));
        out.closeEntry();
      }
    }
    ModelPackage pkg = ModelPackage.load(zip);
    assertEquals(zip.toAbsolutePath().normalize(), pkg.source());
    assertArrayEquals(new byte[] {9, 9}, Files.readAllBytes(pkg.weightsFile()));
    Files.delete(zip);
  }

  @Test
  void refusesAZipEntryThatWouldEscapeThePackage() throws Exception {
    Path zip = dir.resolve("evil.zip");
    try (OutputStream os = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(os)) {
      out.putNextEntry(new ZipEntry("../escape.txt"));
      out.write(1);
      out.closeEntry();
    }
    assertTrue(
        assertThrows(ModelPackageException.class, () -> ModelPackage.load(zip))
            .getMessage()
            .contains("would unpack outside the package"));
  }
}
