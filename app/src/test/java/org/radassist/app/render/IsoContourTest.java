package org.radassist.app.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.radassist.inference.analysis.Heatmap;

class IsoContourTest {
  /** A round region gives a closed outline at its edge, whatever the image's shape. */
  @Test
  void aRoundRegionIsOutlinedClosedAtItsEdge() {
    int w = 300;
    int h = 200;
    double cx = 140.5;
    double cy = 90.5;
    double radius = 40;
    Heatmap map = disk(w, h, cx, cy, radius);
    float[] s = IsoContour.of(map, 0.5);
    assertTrue(s.length >= 4 * 20, "a circle of radius 40 needs many segments: " + s.length / 4);
    for (int k = 0; k < s.length; k += 2) {
      double r = Math.hypot(s[k] - cx, s[k + 1] - cy);
      assertEquals(radius, r, 1.0, "outline point " + s[k] + "," + s[k + 1]);
    }
    assertClosed(s);
  }

  /** A region running off the image is closed along the image's edge, not left open. */
  @Test
  void aRegionAtTheEdgeIsClosedAlongIt() {
    Heatmap map = disk(120, 80, 2, 40, 25);
    float[] s = IsoContour.of(map, 0.5);
    assertClosed(s);
    boolean onEdge = false;
    for (int k = 0; k < s.length; k += 2) {
      onEdge |= s[k] < 0.01f;
    }
    assertTrue(onEdge, "the outline runs along the left edge");
  }

  /** A map below the level has no outline; a large film's outline stays a few hundred segments. */
  @Test
  void nothingToOutlineAndLargeFilmsStayLight() {
    assertEquals(0, IsoContour.of(disk(50, 40, 25, 20, 10), 0.95).length);
    float[] big = IsoContour.of(disk(3000, 2400, 1500, 1200, 600), 0.5);
    int segments = big.length / 4;
    assertTrue(segments > 100 && segments < 4 * IsoContour.MAX_CELLS, "segments: " + segments);
    assertClosed(big);
  }

  /** Every segment end meets exactly one other segment's end: the outline has no loose end. */
  private static void assertClosed(float[] s) {
    Map<Long, Integer> ends = new HashMap<>();
    for (int k = 0; k < s.length; k += 2) {
      long key = Math.round(s[k] * 1000.0) * 10_000_000L + Math.round(s[k + 1] * 1000.0);
      ends.merge(key, 1, Integer::sum);
    }
    ends.forEach((key, n) -> assertEquals(0, n % 2, "a loose end at " + key));
  }

  private static Heatmap disk(int w, int h, double cx, double cy, double radius) {
    float[] v = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        v[y * w + x] = d <= radius ? 0.9f : 0.1f;
      }
    }
    return new Heatmap("test", Heatmap.Method.CAM, w, h, v);
  }
}
