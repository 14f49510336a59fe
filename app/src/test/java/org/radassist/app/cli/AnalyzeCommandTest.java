package org.radassist.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.SampleStudy;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.inference.demo.BuiltInModels;
import org.radassist.inference.phantom.Lesion;
import org.radassist.testsupport.Externals;
import picocli.CommandLine;

class AnalyzeCommandTest {
  @TempDir static Path tmp;
  static SampleStudy sample;
  static String uid;

  @BeforeAll
  static void makeSample() throws Exception {
    sample = SampleStudy.create(Files.createDirectories(tmp.resolve("in")));
    uid = DicomImage.read(sample.file()).sopInstanceUid();
  }

  private record Run(int exitCode, String out, String err) {}

  /** {@code analyze INPUT --out OUT [more]} with the test's own data folder. */
  private static Run analyze(String input, String out, String... more) {
    String[] args = {"--data-dir", tmp.resolve("data").toString(), "analyze", input, "--out", out};
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return run(all);
  }

  private static Run run(String... args) {
    CommandLine cl = RootCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void findingBoxOnTheSampleContainsThePlantedLesion() throws Exception {
    Path out = tmp.resolve("out-sample");
    Run run = analyze(sample.file().toString(), out.toString(), "--device", "cpu");
    assertEquals(0, run.exitCode(), run.err());

    JsonNode result = new ObjectMapper().readTree(out.resolve(uid + ".json").toFile());
    assertEquals(uid, result.get("sopInstanceUid").asText());
    assertEquals(SampleStudy.ROWS, result.get("rows").asInt());
    assertTrue(result.get("device").asText().startsWith("cpu"), "--device cpu is honoured");
    assertEquals(64, result.at("/model/sha256").asText().length());
    assertTrue(result.at("/labels/0/positive").asBoolean(), result.toPrettyString());

    Lesion lesion = sample.lesion();
    boolean hit = false;
    for (JsonNode f : result.get("findings")) {
      JsonNode box = f.get("box");
      hit |=
          lesion.centerX() >= box.get("x").asInt()
              && lesion.centerX() <= box.get("x").asInt() + box.get("width").asInt()
              && lesion.centerY() >= box.get("y").asInt()
              && lesion.centerY() <= box.get("y").asInt() + box.get("height").asInt();
    }
    assertTrue(hit, "no finding box contains the lesion at " + lesion + ": " + result);

    BufferedImage overlay = ImageIO.read(out.resolve(uid + ".overlay.png").toFile());
    assertEquals(SampleStudy.COLUMNS, overlay.getWidth());
    assertEquals(SampleStudy.ROWS, overlay.getHeight());
    String label = result.at("/labels/0/name").asText();
    BufferedImage heatmap = ImageIO.read(out.resolve(uid + ".heatmap-" + label + ".png").toFile());
    assertEquals(SampleStudy.COLUMNS, heatmap.getWidth());
    assertEquals(
        255,
        heatmap
            .getRaster()
            .getSample(
                result.at("/findings/0/peak/x").asInt(),
                result.at("/findings/0/peak/y").asInt(),
                0),
        40,
        "the heatmap is brightest near the finding's peak");

    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(uid + ".json", summary.at("/images/0/result").asText());
  }

  @Test
  void aCorruptFileIsReportedAndTheOthersAreStillAnalysed() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("mixed"));
    Files.copy(sample.file(), in.resolve("a-good.dcm"));
    Files.write(in.resolve("b-corrupt.dcm"), "DICM but not really".getBytes());
    Path out = tmp.resolve("out-mixed");
    Run run = analyze(in.toString(), out.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("b-corrupt.dcm"), run.err());
    assertEquals(1, run.err().strip().lines().count(), "one line per problem: " + run.err());
    assertTrue(Files.exists(out.resolve(uid + ".json")));
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(1, summary.get("analysed").asInt());
    assertEquals(1, summary.get("failed").asInt());
    boolean reasonGiven = false;
    for (JsonNode entry : summary.get("images")) {
      reasonGiven |=
          entry.get("file").asText().endsWith("b-corrupt.dcm")
              && !entry.path("error").asText().isBlank();
    }
    assertTrue(reasonGiven, "the corrupt file is listed with its reason: " + summary);
  }

  /**
   * Colour images a site sends along with its radiographs: an ultrasound in PALETTE COLOR, 32-bit
   * RGB and YBR_FULL_422. Each is analysed as the colours a viewer shows, with a real probability;
   * before, the palette image stopped the whole batch and the 32-bit one gave NaN.
   */
  @Test
  void colourImagesOfEveryKindAreAnalysedAsTheReaderSeesThem() throws Exception {
    String[] files = {
      "pydicom_data/OBXXXX1A_2frame.dcm",
      "pydicom_data/SC_rgb_32bit_2frame.dcm",
      "cornerstone_test_images/US-YBR_FULL_422-EVRLE.dcm"
    };
    Path in = Files.createDirectories(tmp.resolve("colour"));
    for (String f : files) {
      Path source = Externals.shared("data/dicom/" + f);
      Files.copy(source, in.resolve(source.getFileName()));
    }
    Path out = tmp.resolve("out-colour");
    // Chosen explicitly: automatic choice gives radiograph models only radiographs.
    Run run = analyze(in.toString(), out.toString(), "--model", BuiltInModels.CHEST_TUMOUR);
    assertEquals(0, run.exitCode(), run.err());
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(files.length, summary.get("analysed").asInt(), summary.toString());
    for (JsonNode entry : summary.get("images")) {
      JsonNode result =
          new ObjectMapper().readTree(out.resolve(entry.get("result").asText()).toFile());
      double p = result.at("/labels/0/probability").asDouble(Double.NaN);
      assertTrue(p >= 0 && p <= 1, entry.get("file").asText() + " got probability " + p);
    }
  }

  @Test
  void badUsageExitsWithTwo() {
    assertEquals(2, run("analyze", "x.dcm").exitCode(), "--out is required");
    assertEquals(
        2,
        run("analyze", "x.dcm", "--out", tmp.resolve("o").toString(), "--device", "tpu")
            .exitCode());
    assertEquals(
        2,
        run("analyze", "x.dcm", "--out", tmp.resolve("o").toString(), "--logits-heatmap", "x")
            .exitCode());
  }

  @Test
  void eachRadiographGetsTheBuiltInModelForItsBodyPartAndOtherModalitiesNoneUnlessChosen()
      throws Exception {
    Path in = Files.createDirectories(tmp.resolve("body-parts"));
    Files.copy(sample.file(), in.resolve("chest.dcm"));
    String wristUid = Uids.generate();
    Attributes wrist = ramp(wristUid);
    wrist.putString(Tag.PROTOCOL_NAME, VR.LO, "Handgelenk d.p.");
    DicomWriter.write(in.resolve("wrist.dcm"), wrist);
    String ctUid = Uids.generate();
    Attributes ct = ramp(ctUid);
    ct.putString(Tag.MODALITY, VR.CS, "CT");
    ct.putString(Tag.BODY_PART_EXAMINED, VR.CS, "CHEST");
    DicomWriter.write(in.resolve("ct.dcm"), ct);
    // The fracture model learned on hands, wrists and forearms; on a hip film it marked the side
    // marker in the collimated border.
    String hipUid = Uids.generate();
    Attributes hip = ramp(hipUid);
    hip.putString(Tag.BODY_PART_EXAMINED, VR.CS, "HIP");
    DicomWriter.write(in.resolve("hip.dcm"), hip);
    Path out = tmp.resolve("out-body-parts");
    Run auto = analyze(in.toString(), out.toString(), "--no-record");
    assertEquals(0, auto.exitCode(), "the CT slice is skipped, not failed: " + auto.err());
    assertTrue(auto.out().contains("no built-in model reads CT images"), auto.out());
    assertTrue(auto.out().contains("no built-in model is made for HIP radiographs"), auto.out());
    assertEquals(
        2,
        new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("skipped").asInt(),
        "the summary says why the CT slice and the hip film have no result");
    assertTrue(Files.notExists(out.resolve(ctUid + ".json")));
    assertTrue(Files.notExists(out.resolve(hipUid + ".json")));
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        BuiltInModels.CHEST_TUMOUR,
        json.readTree(out.resolve(uid + ".json").toFile()).at("/model/id").asText());
    assertEquals(
        BuiltInModels.BONE_FRACTURE,
        json.readTree(out.resolve(wristUid + ".json").toFile()).at("/model/id").asText());
    assertTrue(auto.out().contains("automatic: wrist (Protocol Name)"), auto.out());

    Path forced = tmp.resolve("out-forced");
    Run chosen =
        analyze(
            in.resolve("wrist.dcm").toString(),
            forced.toString(),
            "--no-record",
            "--model",
            BuiltInModels.CHEST_TUMOUR);
    assertEquals(0, chosen.exitCode(), chosen.err());
    assertEquals(
        BuiltInModels.CHEST_TUMOUR,
        json.readTree(forced.resolve(wristUid + ".json").toFile()).at("/model/id").asText());
    Run ctChosen =
        analyze(
            in.resolve("ct.dcm").toString(),
            forced.toString(),
            "--no-record",
            "--model",
            BuiltInModels.CHEST_TUMOUR);
    assertEquals(0, ctChosen.exitCode(), "a model the reader picks runs on any image");
  }

  /** A 256x192 DX image of a horizontal ramp, in a study of its own. */
  private static Attributes ramp(String sopInstanceUid) {
    int[] pixels = new int[256 * 192];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (i % 192) * 16;
    }
    return DxImageBuilder.create()
        .study(Uids.generate(), "S1", "A1", "")
        .series(Uids.generate(), 1, "")
        .instance(sopInstanceUid, 1)
        .pixels(256, 192, 12, pixels)
        .build();
  }

  /**
   * An image the record cannot file (no Study Instance UID) was printed and listed as analysed
   * while stderr said it was not saved; a result is announced only once it is committed.
   */
  @Test
  void anImageTheRecordCannotFileIsListedAsFailedNotAnalysed() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("no-study"));
    Files.copy(sample.file(), in.resolve("a.dcm"));
    Attributes orphan = ramp(Uids.generate());
    orphan.remove(Tag.STUDY_INSTANCE_UID);
    DicomWriter.write(in.resolve("orphan.dcm"), orphan);
    Path out = tmp.resolve("out-no-study");
    Run run = analyze(in.toString(), out.toString(), "--model", "chest-tumour-camnet");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("orphan.dcm"), run.err());
    assertTrue(run.out().contains("a.dcm"), run.out());
    assertTrue(!run.out().contains("orphan.dcm"), "not printed as analysed: " + run.out());
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(1, summary.get("analysed").asInt(), summary.toString());
    assertEquals(1, summary.get("failed").asInt(), summary.toString());
    for (JsonNode entry : summary.get("images")) {
      if (entry.get("file").asText().endsWith("orphan.dcm")) {
        assertTrue(entry.path("result").isMissingNode(), entry.toString());
        assertTrue(
            entry.get("error").asText().startsWith("not saved in the reading record: "),
            entry.toString());
      }
    }

    Path again = tmp.resolve("out-no-study-unrecorded");
    Run unrecorded = analyze(in.toString(), again.toString(), "--no-record");
    assertEquals(0, unrecorded.exitCode(), unrecorded.err());
    JsonNode listed = new ObjectMapper().readTree(again.resolve("summary.json").toFile());
    assertEquals(2, listed.get("analysed").asInt(), "--no-record files nothing: " + listed);
  }

  @Test
  void aCopyOfAnImageAReportAndADicomdirAreListedInTheSummaryAsSkippedWithTheirReason()
      throws Exception {
    Path in = Files.createDirectories(tmp.resolve("copies"));
    Files.copy(sample.file(), in.resolve("a.dcm"));
    Files.copy(sample.file(), in.resolve("b-copy.dcm"));
    Attributes report = ramp(Uids.generate());
    for (int tag : new int[] {Tag.PIXEL_DATA, Tag.ROWS, Tag.COLUMNS}) {
      report.remove(tag);
    }
    report.putString(Tag.MODALITY, VR.CS, "SR");
    DicomWriter.write(in.resolve("report.dcm"), report);
    Files.copy(
        Externals.shared("data/dicom/pydicom_test_files/dicomdirtests/DICOMDIR"),
        in.resolve("DICOMDIR"));
    Path out = tmp.resolve("out-copies");
    Run run = analyze(in.toString(), out.toString(), "--no-record");
    assertEquals(0, run.exitCode(), "nothing failed: " + run.err());

    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(4, summary.get("images").size(), "every input is listed: " + summary);
    assertEquals(1, summary.get("analysed").asInt());
    assertEquals(3, summary.get("skipped").asInt());
    assertEquals(0, summary.get("failed").asInt());
    assertTrue(summary.get("complete").asBoolean(), "a finished batch says so");
    for (JsonNode entry : summary.get("images")) {
      String file = entry.get("file").asText();
      if (file.endsWith("b-copy.dcm")) {
        assertTrue(entry.get("skipped").asText().contains("a.dcm"), entry.toString());
      } else if (file.endsWith("DICOMDIR")) {
        assertTrue(entry.get("skipped").asText().contains("index"), entry.toString());
      } else if (file.endsWith("report.dcm")) {
        assertTrue(
            entry.get("skipped").asText().contains("SR object without Pixel Data"),
            entry.toString());
      } else {
        assertEquals(uid + ".json", entry.get("result").asText());
      }
    }
  }

  @Test
  void aForcedGpuWithoutOneRunsOnTheCpuAndSaysSo() throws Exception {
    Path out = tmp.resolve("out-gpu");
    Run run = analyze(sample.file().toString(), out.toString(), "--device", "gpu", "--no-record");
    assertEquals(0, run.exitCode(), run.err());
    String device =
        new ObjectMapper().readTree(out.resolve(uid + ".json").toFile()).get("device").asText();
    if (device.startsWith("gpu")) {
      return;
    }
    assertTrue(run.err().contains("--device gpu, but no usable GPU: ran on cpu"), run.err());
  }

  @Test
  void aFilmOfABodyPartNoBuiltInModelIsMadeForIsSkippedUnlessAModelIsChosen() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("spine"));
    String spineUid = Uids.generate();
    Attributes spine = ramp(spineUid);
    spine.putString(Tag.BODY_PART_EXAMINED, VR.CS, "LSPINE");
    DicomWriter.write(in.resolve("spine.dcm"), spine);
    Path out = tmp.resolve("out-spine");
    Run auto = analyze(in.toString(), out.toString(), "--no-record");
    assertEquals(0, auto.exitCode(), auto.err());
    assertTrue(auto.out().contains("no built-in model is made for LSPINE radiographs"), auto.out());
    assertTrue(Files.notExists(out.resolve(spineUid + ".json")), "the chest model did not run");

    Run chosen =
        analyze(
            in.toString(), out.toString(), "--no-record", "--model", BuiltInModels.CHEST_TUMOUR);
    assertEquals(0, chosen.exitCode(), chosen.err());
    assertTrue(Files.exists(out.resolve(spineUid + ".json")));
  }

  @Test
  void aPackageInstalledInTheDataFolderIsChosenByTheIdOnItsCard() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("data").resolve("models"));
    Path pkg = BuiltInModels.extractTo(BuiltInModels.CHEST_TUMOUR, tmp.resolve("site"));
    Path card = pkg.resolve("model-card.json");
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(card.toFile());
    json.put("id", "site-chest");
    new ObjectMapper().writeValue(card.toFile(), json);
    Path installed = models.resolve("site-chest");
    Files.move(pkg, installed);
    Path out = tmp.resolve("out-installed");
    Run run =
        analyze(sample.file().toString(), out.toString(), "--no-record", "--model", "site-chest");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode result = new ObjectMapper().readTree(out.resolve(uid + ".json").toFile());
    assertEquals("site-chest", result.get("model").get("id").asText());
  }

  @Test
  void anUnknownModelIsRefusedBeforeAnyImageIsRead() {
    Run run =
        analyze(
            sample.file().toString(),
            tmp.resolve("out-unknown").toString(),
            "--model",
            tmp.resolve("no-such-package").toString());
    assertEquals(RootCommand.USAGE, run.exitCode(), "a name that names no model is bad usage");
    assertTrue(run.err().contains("no-such-package"), run.err());
    assertTrue(Files.notExists(tmp.resolve("out-unknown").resolve(uid + ".json")));
  }

  /** Of a multi-frame image the first frame is read, and the result says so. */
  @Test
  void aMultiFrameImageSaysWhichOfItsFramesWasAnalysed() throws Exception {
    Path mr = Externals.shared("data/dicom/pydicom_data/emri_small.dcm");
    Path out = tmp.resolve("out-frames");
    Run run =
        analyze(mr.toString(), out.toString(), "--model", "chest-tumour-camnet", "--no-record");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains(" frame 1 of 10 "), run.out());
    String sop = DicomImage.read(mr).sopInstanceUid();
    JsonNode result = new ObjectMapper().readTree(out.resolve(sop + ".json").toFile());
    assertEquals(0, result.get("frame").asInt());
    assertEquals(10, result.get("frames").asInt());
  }

  /** A folder with nothing to read says so and fails, instead of finishing silently. */
  @Test
  void aFolderWithNoDicomFileSaysSo() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty-folder"));
    Run run = analyze(empty.toString(), tmp.resolve("out-empty").toString(), "--no-record");
    assertEquals(RootCommand.FAILURE, run.exitCode());
    assertEquals("radassist: no DICOM file found in " + empty, run.err().strip());
  }
}
