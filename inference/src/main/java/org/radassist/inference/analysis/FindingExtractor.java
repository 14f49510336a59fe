package org.radassist.inference.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.radassist.inference.model.LabelKind;

/**
 * Connected regions (8-neighbourhood) of a heatmap at or above a threshold. A label that is
 * positive at image level but whose evidence is spread so thin that no pixel reaches the threshold
 * still gets one finding, the region around the peak at half the peak value, so a positive label is
 * always localised.
 *
 * <p>A map kept on the model's grid is searched on a lattice of about one image pixel per tensor
 * pixel that also holds the pixels either side of every cell centre (where the bilinear map has its
 * local maxima, so no region that reaches the threshold is missed); each region's box edges and
 * peak are then settled at pixels by reading the map between the lattice lines next to them. That
 * gives the regions and peak values of the image-sized map for a 2k image in well under a
 * millisecond instead of a pass over four million pixels; a box edge can come out up to one lattice
 * step (one tensor pixel) wide where another region lies just beyond it, and two regions whose gap
 * is narrower than a lattice step would merge. An image-sized map is searched at every pixel.
 */
final class FindingExtractor {
  private FindingExtractor() {}

  static List<Finding> extract(Heatmap map, LabelKind kind, double threshold) {
    Lattice lattice = Lattice.of(map);
    List<Finding> found = regions(map, lattice, kind, threshold);
    if (found.isEmpty()) {
      float peak = lattice.max();
      if (peak > 0) {
        found = regions(map, lattice, kind, peak / 2.0);
        found = found.isEmpty() ? found : List.of(found.get(0));
      }
    }
    return found;
  }

  /**
   * Findings whose boxes lie within one map cell of each other become one, with the box around both
   * and the stronger one's peak. Below a cell the map cannot tell two lesions apart, yet at a high
   * threshold a thin lesion such as a fracture line breaks into a row of fragments a few pixels
   * apart, and a reader would see several boxes, some of a single pixel, on one break.
   */
  static List<Finding> mergeWithinCell(List<Finding> findings, double[] cell) {
    List<Finding> out = new ArrayList<>(findings);
    out.sort(Comparator.comparingDouble(Finding::score).reversed());
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int i = 0; i < out.size() && !merged; i++) {
        for (int j = i + 1; j < out.size() && !merged; j++) {
          Finding a = out.get(i);
          Finding.Box b = out.get(j).box();
          if (gap(a.box().x(), a.box().width(), b.x(), b.width()) <= cell[0]
              && gap(a.box().y(), a.box().height(), b.y(), b.height()) <= cell[1]) {
            out.set(i, new Finding(a.label(), a.kind(), a.score(), union(a.box(), b), a.peak()));
            out.remove(j);
            merged = true;
          }
        }
      }
    }
    return out;
  }

  private static int gap(int a, int aLength, int b, int bLength) {
    return Math.max(0, Math.max(a, b) - Math.min(a + aLength, b + bLength));
  }

  private static Finding.Box union(Finding.Box a, Finding.Box b) {
    int x0 = Math.min(a.x(), b.x());
    int y0 = Math.min(a.y(), b.y());
    int x1 = Math.max(a.x() + a.width(), b.x() + b.width());
    int y1 = Math.max(a.y() + a.height(), b.y() + b.height());
    return new Finding.Box(x0, y0, x1 - x0, y1 - y0);
  }

  /** The map read at the lattice points, with the image coordinates of lattice lines. */
  private record Lattice(int[] xs, int[] ys, float[] v) {
    static Lattice of(Heatmap map) {
      GridMap grid = map.grid();
      int[] xs = grid != null ? grid.latticeColumns() : every(map.width());
      int[] ys = grid != null ? grid.latticeRows() : every(map.height());
      float[] v = new float[xs.length * ys.length];
      for (int j = 0; j < ys.length; j++) {
        for (int i = 0; i < xs.length; i++) {
          v[j * xs.length + i] = map.value(xs[i], ys[j]);
        }
      }
      return new Lattice(xs, ys, v);
    }

    private static int[] every(int n) {
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = i;
      }
      return out;
    }

    float max() {
      float m = 0;
      for (float f : v) {
        m = Math.max(m, f);
      }
      return m;
    }
  }

  private static List<Finding> regions(Heatmap map, Lattice lat, LabelKind kind, double threshold) {
    int w = lat.xs.length;
    int h = lat.ys.length;
    float[] v = lat.v;
    int[] label = new int[w * h];
    int[] stack = new int[w * h];
    List<Finding> out = new ArrayList<>();
    int next = 0;
    for (int start = 0; start < v.length; start++) {
      if (label[start] != 0 || v[start] < threshold) {
        continue;
      }
      next++;
      int top = 0;
      stack[top++] = start;
      label[start] = next;
      int minX = w;
      int minY = h;
      int maxX = -1;
      int maxY = -1;
      int peak = start;
      while (top > 0) {
        int p = stack[--top];
        int px = p % w;
        int py = p / w;
        minX = Math.min(minX, px);
        maxX = Math.max(maxX, px);
        minY = Math.min(minY, py);
        maxY = Math.max(maxY, py);
        if (v[p] > v[peak]) {
          peak = p;
        }
        for (int dy = -1; dy <= 1; dy++) {
          int ny = py + dy;
          if (ny < 0 || ny >= h) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int nx = px + dx;
            if (nx < 0 || nx >= w) {
              continue;
            }
            int q = ny * w + nx;
            if (label[q] == 0 && v[q] >= threshold) {
              label[q] = next;
              stack[top++] = q;
            }
          }
        }
      }
      peak = plateauCentre(v, label, next, w, minX, minY, maxX, maxY, peak);
      out.add(settle(map, lat, minX, minY, maxX, maxY, peak % w, peak / w, kind, threshold));
    }
    out.sort(Comparator.comparingDouble(Finding::score).reversed());
    return out;
  }

  /**
   * Where a map saturates (a softmax per cell gives exactly 1 over a whole region), the peak is the
   * point of the flat top nearest its centre, not the first one the scan met: the first sat in a
   * corner of the region and did not follow the anatomy when the image was mirrored.
   */
  private static int plateauCentre(
      float[] v, int[] label, int region, int w, int minX, int minY, int maxX, int maxY, int peak) {
    float top = v[peak];
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (int y = minY; y <= maxY; y++) {
      for (int x = minX; x <= maxX; x++) {
        int p = y * w + x;
        if (label[p] == region && v[p] >= top) {
          sx += x;
          sy += y;
          n++;
        }
      }
    }
    if (n < 2) {
      return peak;
    }
    double cx = sx / n;
    double cy = sy / n;
    int best = peak;
    double bestD = Double.MAX_VALUE;
    for (int y = minY; y <= maxY; y++) {
      for (int x = minX; x <= maxX; x++) {
        int p = y * w + x;
        double d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        if (label[p] == region && v[p] >= top && d < bestD) {
          bestD = d;
          best = p;
        }
      }
    }
    return best;
  }

  /**
   * The finding in image pixels: each box edge moved outward over the pixels between its lattice
   * line and the next one out while some pixel there reaches the threshold, and the peak taken as
   * the strongest pixel between the lattice lines around the strongest lattice point.
   */
  private static Finding settle(
      Heatmap map,
      Lattice lat,
      int minI,
      int minJ,
      int maxI,
      int maxJ,
      int peakI,
      int peakJ,
      LabelKind kind,
      double threshold) {
    int[] xs = lat.xs;
    int[] ys = lat.ys;
    int x0 = xs[minI];
    int x1 = xs[maxI];
    int y0 = ys[minJ];
    int y1 = ys[maxJ];
    int outerX0 = minI > 0 ? xs[minI - 1] + 1 : x0;
    int outerX1 = maxI < xs.length - 1 ? xs[maxI + 1] - 1 : x1;
    int outerY0 = minJ > 0 ? ys[minJ - 1] + 1 : y0;
    int outerY1 = maxJ < ys.length - 1 ? ys[maxJ + 1] - 1 : y1;
    for (int x = outerX0; x < x0; x++) {
      if (columnReaches(map, x, outerY0, outerY1, threshold)) {
        x0 = x;
        break;
      }
    }
    for (int x = outerX1; x > x1; x--) {
      if (columnReaches(map, x, outerY0, outerY1, threshold)) {
        x1 = x;
        break;
      }
    }
    for (int y = outerY0; y < y0; y++) {
      if (rowReaches(map, y, x0, x1, threshold)) {
        y0 = y;
        break;
      }
    }
    for (int y = outerY1; y > y1; y--) {
      if (rowReaches(map, y, x0, x1, threshold)) {
        y1 = y;
        break;
      }
    }
    int px = xs[peakI];
    int py = ys[peakJ];
    float best = map.value(px, py);
    int fromX = peakI > 0 ? xs[peakI - 1] + 1 : px;
    int toX = peakI < xs.length - 1 ? xs[peakI + 1] - 1 : px;
    int fromY = peakJ > 0 ? ys[peakJ - 1] + 1 : py;
    int toY = peakJ < ys.length - 1 ? ys[peakJ + 1] - 1 : py;
    for (int y = Math.max(fromY, y0); y <= Math.min(toY, y1); y++) {
      for (int x = Math.max(fromX, x0); x <= Math.min(toX, x1); x++) {
        float f = map.value(x, y);
        if (f > best) {
          best = f;
          px = x;
          py = y;
        }
      }
    }
    return new Finding(
        map.label(),
        kind,
        best,
        new Finding.Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1),
        new Finding.Point(px, py));
  }

  private static boolean columnReaches(Heatmap map, int x, int y0, int y1, double threshold) {
    for (int y = y0; y <= y1; y++) {
      if (map.value(x, y) >= threshold) {
        return true;
      }
    }
    return false;
  }

  private static boolean rowReaches(Heatmap map, int y, int x0, int x1, double threshold) {
    for (int x = x0; x <= x1; x++) {
      if (map.value(x, y) >= threshold) {
        return true;
      }
    }
    return false;
  }
}
