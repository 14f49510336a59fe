package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.demo.DemoModel;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.phantom.Lesion;
import org.radassist.inference.phantom.Phantom;
import org.radassist.inference.phantom.PhantomImage;

/** The built-in model, through the whole pipeline, on phantoms it was not trained on. */
class DemoModelAnalysisTest {
  private static final long TEST_SEED = 7_000_000_000L;
  static Analyzer analyzer;

  @BeforeAll
  static void open() throws Exception {
    analyzer = Analyzer.open(DemoModel.load(), AnalyzerOptions.defaults(DeviceChoice.CPU));
  }

  @AfterAll
  static void close() {
    if (analyzer != null) {
      analyzer.close();
    }
  }

  private static Prediction analyze(PhantomImage img) {
    return analyzer.analyze(img.frame(), ModalityLut.identity(), List.of(img.suggestedWindow()));
  }

  @Test
  void aPhantomWithANoduleGivesAPositiveFindingWhoseBoxHoldsTheNoduleCentre() {
    PhantomImage img = new Phantom(512, 512).render(TEST_SEED + 1, true);
    Lesion lesion = img.lesion().orElseThrow();
    Prediction p = analyze(img);
    LabelResult nodule = p.label("nodule").orElseThrow();
    assertTrue(nodule.positive(), "probability " + nodule.probability());
    assertEquals(LabelKind.TUMOR, nodule.kind());
    assertFalse(p.findings().isEmpty());
    Finding best = p.findings().get(0);
    assertTrue(
        best.box().contains(lesion.centerX(), lesion.centerY()), best + " should hold " + lesion);
    assertTrue(best.score() >= nodule.threshold());
    assertTrue(best.box().contains(best.peak().x(), best.peak().y()));
    Heatmap map = p.heatmap("nodule").orElseThrow();
    assertEquals(512, map.width());
    assertEquals(Heatmap.Method.CAM, map.method());
    // Max pooling: the image probability is the strongest cell, which the heatmap reaches up to
    // the half-pixel offset between pixel centres and cell centres (1/64 cell per axis here).
    assertTrue(map.max() <= nodule.probability() + 1e-6);
    assertEquals(nodule.probability(), map.max(), 2.0 / 64);
    byte[] gray = map.toGray8();
    assertEquals(512 * 512, gray.length);
    int peak = best.peak().y() * 512 + best.peak().x();
    assertEquals(Math.round(map.max() * 255), gray[peak] & 0xff);
  }

  @Test
  void aGpuRequestWhereDjlSeesNoGpuRunsOnTheCpuInsteadOfFailing() throws Exception {
    Assumptions.assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0);
    try (Analyzer gpu =
        Analyzer.open(analyzer.modelPackage(), analyzer.options().withDevice(DeviceChoice.GPU))) {
      assertEquals("cpu", gpu.device());
      PhantomImage img = new Phantom(256, 256).render(TEST_SEED + 4, true);
      Prediction p = gpu.analyze(img.frame(), ModalityLut.identity(), List.of());
      assertEquals("cpu", p.device());
    }
  }

  @Test
  void aPhantomWithoutANoduleGivesNoFinding() {
    PhantomImage img = new Phantom(512, 512).render(TEST_SEED + 2, false);
    Prediction p = analyze(img);
    assertFalse(p.label("nodule").orElseThrow().positive());
    assertTrue(p.findings().isEmpty(), p.findings().toString());
  }

  @Test
  void findingsLandOnTheNoduleInANonSquareImage() {
    PhantomImage img = new Phantom(640, 480).render(TEST_SEED + 3, true);
    Lesion lesion = img.lesion().orElseThrow();
    Prediction p = analyze(img);
    assertEquals(640, p.columns());
    assertEquals(480, p.rows());
    assertTrue(
        p.findings().stream().anyMatch(f -> f.box().contains(lesion.centerX(), lesion.centerY())),
        p.findings() + " should hold " + lesion);
  }

  @Test
  void aBatchRunsInParallelWithProgressAndMatchesSingleAnalysis() throws Exception {
    List<PhantomImage> images = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      images.add(new Phantom(256, 256).render(TEST_SEED + 10 + i, i % 2 == 0));
    }
    List<ImageSource> sources = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      PhantomImage img = images.get(i);
      sources.add(source("phantom-" + i, img));
    }
    sources.add(
        new ImageSource() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public AnalysisInput load() throws Exception {
            throw new IOException("unreadable file");
          }
        });
    List<Integer> seen = new CopyOnWriteArrayList<>();
    try (Analyzer two = Analyzer.open(analyzer.modelPackage(), analyzer.options().withWorkers(2))) {
      List<BatchItem> items = two.analyzeAll(sources, (done, total, item) -> seen.add(done), null);
      assertEquals(List.of(1, 2, 3, 4, 5), seen);
      for (int i = 0; i < images.size(); i++) {
        double single = analyze(images.get(i)).labels().get(0).probability();
        double batched = items.get(i).prediction().orElseThrow().labels().get(0).probability();
        assertEquals(single, batched, 1e-5, "image " + i);
      }
      assertEquals("unreadable file", items.get(4).error().orElseThrow());
    }
  }

  @Test
  void aCancelledBatchSkipsWhatHasNotStarted() {
    Cancellation cancel = new Cancellation();
    List<ImageSource> sources = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sources.add(source("p" + i, new Phantom(128, 128).render(TEST_SEED + 20 + i, false)));
    }
    List<BatchItem> items =
        analyzer.analyzeAll(sources, (done, total, item) -> cancel.cancel(), cancel);
    assertEquals(6, items.size());
    long analysed = items.stream().filter(i -> i.prediction().isPresent()).count();
    assertTrue(analysed >= 1 && analysed < 6, analysed + " analysed");
    assertTrue(items.get(5).cancelled());
  }

  private static ImageSource source(String name, PhantomImage img) {
    return new ImageSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public AnalysisInput load() {
        return new AnalysisInput(img.frame(), ModalityLut.identity(), List.of());
      }
    };
  }
}
