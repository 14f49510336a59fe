package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.preprocess.ImageMapping;

/**
 * Findings searched on the model's grid (a lattice plus edges settled at pixels) are the findings
 * the image-sized map gives: the same regions with the same peak values, boxes pixel-exact or
 * (where another region lies just beyond an edge) within one lattice step; and the separable 8-bit
 * rendering is the per-pixel one. Random maps at low thresholds are the hard case: many regions
 * close together.
 */
class GridMapFindingsTest {

  @ParameterizedTest(name = "{0} {1}x{2} grid {3}x{4} seed {5}")
  @CsvSource({
    "shorter-side-center-crop, 2140, 1760, 224, 7, 1",
    "shorter-side-center-crop, 1760, 2140, 224, 7, 2",
    "letterbox, 2048, 1500, 224, 7, 3",
    "stretch, 1024, 1024, 512, 16, 4",
    "shorter-side-center-crop, 2048, 2048, 224, 8, 5",
    "letterbox, 640, 480, 224, 14, 6",
  })
  void latticeFindingsEqualPixelFindings(
      String resize, int w, int h, int tensor, int grid, long seed) {
    ImageMapping m = ImageMapping.of(resize, w, h, tensor, tensor);
    Random rnd = new Random(seed);
    float[] cells = new float[grid * grid];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = rnd.nextFloat() * rnd.nextFloat();
    }
    GridMap gm = new GridMap(cells, grid, grid, m);
    Heatmap onGrid = new Heatmap("x", Heatmap.Method.CAM, gm);
    Heatmap full = new Heatmap("x", Heatmap.Method.CAM, w, h, gm.toImage());
    assertArrayEquals(full.toGray8(), onGrid.toGray8());
    assertArrayEquals(full.toPng(), onGrid.toPng());
    int exact = 0;
    int total = 0;
    double tolX = Math.floor(1 / m.scaleX()) + 1;
    double tolY = Math.floor(1 / m.scaleY()) + 1;
    for (double threshold : new double[] {0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 0.95}) {
      List<Finding> expected = FindingExtractor.extract(full, LabelKind.OTHER, threshold);
      List<Finding> actual = FindingExtractor.extract(onGrid, LabelKind.OTHER, threshold);
      assertEquals(expected.size(), actual.size(), "regions at " + threshold);
      for (int i = 0; i < expected.size(); i++) {
        Finding.Box e = expected.get(i).box();
        Finding.Box a = actual.get(i).box();
        String what = "region " + i + " at " + threshold + ": " + e + " vs " + a;
        assertEquals(e.x(), a.x(), tolX, what);
        assertEquals(e.y(), a.y(), tolY, what);
        assertEquals(e.x() + e.width(), a.x() + a.width(), tolX, what);
        assertEquals(e.y() + e.height(), a.y() + a.height(), tolY, what);
        assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-6, "peak value");
        Finding.Point p = actual.get(i).peak();
        assertEquals(expected.get(i).score(), full.value(p.x(), p.y()), 1e-6, "peak position");
        exact += e.equals(a) ? 1 : 0;
        total++;
      }
    }
    assertTrue(exact >= 0.8 * total, exact + " of " + total + " boxes pixel-exact");
  }

  /**
   * A map saturated over a whole region (a softmax per cell) has no single strongest cell: the peak
   * is the centre of the flat top, and it follows the image when the image is mirrored.
   */
  @Test
  void theRegionOfASaturatedMapPeaksAtTheCentreOfItsFlatTop() {
    ImageMapping m = ImageMapping.of("stretch", 224, 224, 224, 224);
    float[] cells = new float[7 * 7];
    float[] mirrored = new float[7 * 7];
    for (int y = 1; y <= 4; y++) {
      for (int x = 0; x <= 3; x++) {
        cells[y * 7 + x] = 1f;
        mirrored[y * 7 + 6 - x] = 1f;
      }
    }
    Finding f =
        FindingExtractor.extract(
                new Heatmap("x", Heatmap.Method.CAM, new GridMap(cells, 7, 7, m)),
                LabelKind.OTHER,
                0.5)
            .get(0);
    Finding g =
        FindingExtractor.extract(
                new Heatmap("x", Heatmap.Method.CAM, new GridMap(mirrored, 7, 7, m)),
                LabelKind.OTHER,
                0.5)
            .get(0);
    double centreX = f.box().x() + f.box().width() / 2.0;
    double centreY = f.box().y() + f.box().height() / 2.0;
    double cell = 224 / 7.0;
    assertEquals(centreX, f.peak().x(), cell, "peak " + f.peak() + " in box " + f.box());
    assertEquals(centreY, f.peak().y(), cell, "peak " + f.peak() + " in box " + f.box());
    assertEquals(223 - f.peak().x(), g.peak().x(), cell, "mirrored " + g.peak());
    assertEquals(f.peak().y(), g.peak().y(), cell, "mirrored " + g.peak());
  }
}
