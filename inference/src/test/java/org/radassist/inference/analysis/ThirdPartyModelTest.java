package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.dataset.RadiographCorpus;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;
import org.radassist.inference.preprocess.PreprocessedImage;
import org.radassist.inference.preprocess.Preprocessor;
import org.radassist.testsupport.Externals;

/**
 * Bring-your-own-model: the third-party TorchScript fracture classifier, packaged with a card
 * written here, gives in DJL the probabilities Debian's python3-torch gives on the same tensor, and
 * its class-activation output becomes the heatmap.
 */
class ThirdPartyModelTest {
  private static final String IMAGE = "data/radiographs/bone/lachside_train_fractured_100.png";

  @TempDir static Path dir;
  static ModelPackage pkg;
  static Analyzer analyzer;

  @BeforeAll
  static void open() throws Exception {
    pkg = ThirdPartyPackages.withCams(dir.resolve("pkg"));
    analyzer = Analyzer.open(pkg, AnalyzerOptions.defaults(DeviceChoice.CPU).withWorkers(1));
  }

  @AfterAll
  static void close() {
    if (analyzer != null) {
      analyzer.close();
    }
  }

  @Test
  void probabilitiesEqualPythonTorchOnTheSameTensorAndTheCamBecomesTheHeatmap() throws Exception {
    Frame frame = RadiographCorpus.read(Externals.shared(IMAGE));
    PreprocessedImage img =
        new Preprocessor(pkg.card().input()).apply(frame, ModalityLut.identity(), List.of());
    JsonNode ref = runPython(img);

    Prediction p = analyzer.analyze(frame, ModalityLut.identity(), List.of());
    for (int l = 0; l < 2; l++) {
      assertEquals(
          ref.get("probs").get(l).asDouble(), p.labels().get(l).probability(), 1e-4, "label " + l);
    }
    assertEquals("cpu", p.device());
    assertEquals(pkg.sha256(), p.model().sha256());

    Heatmap map = p.heatmap("fractured").orElseThrow();
    assertEquals(Heatmap.Method.CAM, map.method());
    assertEquals(frame.columns(), map.width());
    assertEquals(frame.rows(), map.height());
    // The heatmap is the per-cell softmax of the network's own class maps, sampled back through
    // the crop: at the image pixel nearest each cell's centre it has python's value for that cell,
    // up to what half a pixel's offset along each axis can move a bilinear value in [0, 1].
    JsonNode cell = ref.get("fracturedCellSoftmax");
    assertEquals(49, cell.size());
    double bound = (img.mapping().scaleX() + img.mapping().scaleY()) / 2 / 32 + 1e-4;
    for (int gy = 0; gy < 7; gy++) {
      for (int gx = 0; gx < 7; gx++) {
        int x = (int) Math.round(img.mapping().toImageX((gx + 0.5) * 32) - 0.5);
        int y = (int) Math.round(img.mapping().toImageY((gy + 0.5) * 32) - 0.5);
        assertEquals(
            cell.get(gy * 7 + gx).asDouble(), map.value(x, y), bound, "cell " + gx + "," + gy);
      }
    }
    float[] v = map.values();
    for (float f : v) {
      assertTrue(f >= 0 && f <= 1);
    }
    // "normal" has threshold 1.0: never positive, so never localised.
    assertFalse(p.label("normal").orElseThrow().positive());
    assertTrue(p.findings("normal").isEmpty());
  }

  @Test
  void aModelWithoutMapOutputGetsAnOcclusionHeatmapPeakingAtItsProbability() throws Exception {
    ModelPackage noCams =
        ThirdPartyPackages.assemble(
            dir.resolve("nocams"),
            ThirdPartyPackages.labels(),
            new ModelCard.Outputs(0, null, null));
    Frame frame = RadiographCorpus.read(Externals.shared(IMAGE));
    try (Analyzer a = Analyzer.open(noCams, AnalyzerOptions.defaults(DeviceChoice.CPU))) {
      Prediction p = a.analyze(frame, ModalityLut.identity(), List.of());
      Heatmap map = p.heatmap("fractured").orElseThrow();
      assertEquals(Heatmap.Method.OCCLUSION, map.method());
      double prob = p.label("fractured").orElseThrow().probability();
      assertTrue(map.max() <= prob + 1e-6, "peak never exceeds the probability");
      assertTrue(map.max() > 0, "hiding some region must change the answer");
    }
  }

  @Test
  void refusesAPackageWhoseOutputsDoNotMatchTheCard() throws Exception {
    List<ModelCard.Label> three =
        List.of(
            ThirdPartyPackages.labels().get(0),
            ThirdPartyPackages.labels().get(1),
            new ModelCard.Label("extra", LabelKind.OTHER, 0.5));
    ModelPackage wrongLabels =
        ThirdPartyPackages.assemble(dir.resolve("three"), three, new ModelCard.Outputs(0, 2, null));
    ModelPackageException e =
        assertThrows(
            ModelPackageException.class,
            () -> Analyzer.open(wrongLabels, AnalyzerOptions.defaults(DeviceChoice.CPU)));
    assertTrue(e.getMessage().contains("outputs do not match the card"), e.getMessage());
    assertTrue(e.getMessage().contains("need [1, 3]"), e.getMessage());

    ModelPackage wrongIndex =
        ThirdPartyPackages.assemble(
            dir.resolve("index"), ThirdPartyPackages.labels(), new ModelCard.Outputs(0, 5, null));
    e =
        assertThrows(
            ModelPackageException.class,
            () -> Analyzer.open(wrongIndex, AnalyzerOptions.defaults(DeviceChoice.CPU)));
    assertTrue(e.getMessage().contains("returns 3 output(s)"), e.getMessage());

    ModelPackage wrongActivation =
        ThirdPartyPackages.assemble(
            dir.resolve("act"),
            ThirdPartyPackages.labels(),
            new ModelCard.Outputs(0, 2, "sigmoid"));
    e =
        assertThrows(
            ModelPackageException.class,
            () -> Analyzer.open(wrongActivation, AnalyzerOptions.defaults(DeviceChoice.CPU)));
    assertTrue(e.getMessage().contains("outputs.activation says sigmoid"), e.getMessage());
  }

  /** Runs the same TorchScript file in python3-torch on exactly the tensor DJL received. */
  private static JsonNode runPython(PreprocessedImage img) throws Exception {
    String script =
        String.join(
            "\n",
            "import json, sys, numpy, torch",
            "m = torch.jit.load(sys.argv[1], map_location='cpu').eval()",
            "x = torch.from_numpy(numpy.fromfile(sys.argv[2], dtype='<f4')"
                + ".reshape(1, 3, 224, 224))",
            "with torch.no_grad():",
            "    probs, feats, cams = m(x)",
            "cell = torch.softmax(cams[0], dim=0)[0].flatten()",
            "print(json.dumps({'probs': probs[0].tolist(), 'fracturedCellSoftmax': cell.tolist()}))");
    return PythonTorchScripts.run(
        dir,
        script,
        pkg.weightsFile().toString(),
        PythonTorchScripts.tensorFile(dir, img.tensor()).toString());
  }
}
