package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.dataset.RadiographCorpus;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.testsupport.Externals;

/**
 * Heatmaps for a model that outputs only probabilities, measured against a model that also shows
 * where it looked: the third-party fracture classifier packaged twice, once with its class maps
 * (the reference: its own CAM) and once as if it had none. On fractured radiographs each
 * logits-only method's map is compared with the CAM at the CAM's 7x7 cell centres (Pearson
 * correlation), and the default method must localise at least as well as the other. Measured here:
 * occlusion 0.30, 0.32, 0.28, 0.35, 0.29 (mean 0.31); SmoothGrad input x gradient 0.36, 0.13, 0.09,
 * 0.23, 0.41 (mean 0.25); gradient magnitude alone had mean 0.19.
 */
class LogitsHeatmapTest {
  private static final List<String> IMAGES =
      List.of(
          "data/radiographs/bone/lachside_train_fractured_100.png",
          "data/radiographs/bone/lachside_train_fractured_101.png",
          "data/radiographs/bone/lachside_train_fractured_102.png",
          "data/radiographs/bone/lachside_train_fractured_103.png",
          "data/radiographs/bone/lachside_train_fractured_104.png");

  @TempDir static Path dir;
  static Analyzer cam;
  static Analyzer occlusion;
  static Analyzer gradient;

  @BeforeAll
  static void open() throws Exception {
    AnalyzerOptions cpu = AnalyzerOptions.defaults(DeviceChoice.CPU).withWorkers(1);
    cam = Analyzer.open(ThirdPartyPackages.withCams(dir.resolve("cam")), cpu);
    ModelPackage logits =
        ThirdPartyPackages.assemble(
            dir.resolve("logits"),
            ThirdPartyPackages.labels(),
            new ModelCard.Outputs(0, null, null));
    occlusion = Analyzer.open(logits, cpu.withLogitsHeatmap(Heatmap.Method.OCCLUSION));
    gradient = Analyzer.open(logits, cpu.withLogitsHeatmap(Heatmap.Method.GRADIENT));
  }

  @AfterAll
  static void close() {
    for (Analyzer a : new Analyzer[] {cam, occlusion, gradient}) {
      if (a != null) {
        a.close();
      }
    }
  }

  @Test
  void gradientMapsComeFromAutogradWithoutDisturbingInference() throws Exception {
    Frame frame = RadiographCorpus.read(Externals.shared(IMAGES.get(0)));
    Prediction before = gradient.analyze(frame, ModalityLut.identity(), List.of());
    Prediction after = gradient.analyze(frame, ModalityLut.identity(), List.of());
    Prediction reference = cam.analyze(frame, ModalityLut.identity(), List.of());
    Heatmap map = before.heatmap("fractured").orElseThrow();
    assertEquals(Heatmap.Method.GRADIENT, map.method());
    double p = before.label("fractured").orElseThrow().probability();
    // BatchNorm statistics untouched by the backward passes: the same answer every time, and the
    // answer of the copy that never saw a gradient.
    assertEquals(p, after.label("fractured").orElseThrow().probability(), 1e-6);
    assertEquals(reference.label("fractured").orElseThrow().probability(), p, 1e-5);
    assertTrue(map.max() > 0 && map.max() <= p + 1e-6, "peak " + map.max() + " vs " + p);
  }

  @Test
  void theDefaultMethodFollowsTheModelsOwnMapAtLeastAsWellAsTheOther() throws Exception {
    double occ = 0;
    double grad = 0;
    StringBuilder log = new StringBuilder();
    for (String image : IMAGES) {
      Frame frame = RadiographCorpus.read(Externals.shared(image));
      Heatmap reference = map(cam, frame);
      double o = correlation(reference, map(occlusion, frame), frame);
      double g = correlation(reference, map(gradient, frame), frame);
      log.append(String.format("%s occlusion %.3f gradient %.3f%n", image, o, g));
      occ += o;
      grad += g;
    }
    occ /= IMAGES.size();
    grad /= IMAGES.size();
    log.append(String.format("mean occlusion %.3f gradient %.3f", occ, grad));
    System.out.println(log);
    double chosen = AnalyzerOptions.DEFAULT_LOGITS_HEATMAP == Heatmap.Method.GRADIENT ? grad : occ;
    assertTrue(chosen >= Math.max(occ, grad) - 1e-9, log.toString());
    assertTrue(chosen > 0.25, log.toString());
  }

  private static Heatmap map(Analyzer a, Frame frame) {
    return a.analyze(frame, ModalityLut.identity(), List.of()).heatmap("fractured").orElseThrow();
  }

  /** Pearson correlation of two maps read at the image pixels under the CAM's cell centres. */
  private static double correlation(Heatmap reference, Heatmap other, Frame frame) {
    ModelCard.Input in = cam.card().input();
    var mapping =
        org.radassist.inference.preprocess.ImageMapping.of(
            in.resize(), frame.columns(), frame.rows(), in.width(), in.height());
    double[] a = new double[49];
    double[] b = new double[49];
    for (int gy = 0; gy < 7; gy++) {
      for (int gx = 0; gx < 7; gx++) {
        int x = (int) Math.floor(mapping.toImageX((gx + 0.5) * in.width() / 7.0));
        int y = (int) Math.floor(mapping.toImageY((gy + 0.5) * in.height() / 7.0));
        a[gy * 7 + gx] = reference.value(x, y);
        b[gy * 7 + gx] = other.value(x, y);
      }
    }
    return pearson(a, b);
  }

  private static double pearson(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i] / a.length;
      mb += b[i] / b.length;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
  }
}
