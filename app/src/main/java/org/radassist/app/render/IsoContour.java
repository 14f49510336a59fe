package org.radassist.app.render;

import java.util.Arrays;
import org.radassist.inference.analysis.Heatmap;

/**
 * The outline of where a heatmap reaches a level (the level it is painted from), as line segments
 * in image pixels: drawn over a faint or no colour wash, it marks where the model looked and leaves
 * the anatomy inside unpainted. Marching squares on a lattice of at most {@link #MAX_CELLS} cells a
 * side (a finding is a region of many pixels, and a 3k film's map sampled at every pixel would give
 * millions of segments for the same line); each crossing is placed by linear interpolation along
 * its cell edge, so the outline lies between the samples where the level is.
 */
public final class IsoContour {
  /** Lattice cells along the longer side of the image, at most. */
  static final int MAX_CELLS = 384;

  private IsoContour() {}

  /**
   * Segments {@code x0, y0, x1, y1, ...} of the level-{@code level} outline of {@code map}, in
   * image pixel coordinates (pixel centres at {@code x + 0.5}); empty when the map never reaches
   * the level or is everywhere above it.
   */
  public static float[] of(Heatmap map, double level) {
    int w = map.width();
    int h = map.height();
    int step = Math.max(1, (Math.max(w, h) + MAX_CELLS - 1) / MAX_CELLS);
    int[] xs = lattice(w, step);
    int[] ys = lattice(h, step);
    float[] values = map.values();
    // A border of samples just below the level closes every outline on the image's edge itself.
    int gw = xs.length + 2;
    int gh = ys.length + 2;
    float below = Math.nextDown((float) level);
    float[] grid = new float[gw * gh];
    Arrays.fill(grid, below);
    for (int j = 0; j < ys.length; j++) {
      for (int i = 0; i < xs.length; i++) {
        grid[(j + 1) * gw + i + 1] = values[ys[j] * w + xs[i]];
      }
    }
    double[] px = new double[gw];
    double[] py = new double[gh];
    for (int i = 0; i < gw; i++) {
      px[i] = i == 0 ? 0 : i == gw - 1 ? w : xs[i - 1] + 0.5;
    }
    for (int j = 0; j < gh; j++) {
      py[j] = j == 0 ? 0 : j == gh - 1 ? h : ys[j - 1] + 0.5;
    }
    Segments out = new Segments();
    for (int j = 0; j + 1 < gh; j++) {
      for (int i = 0; i + 1 < gw; i++) {
        cell(grid, gw, i, j, px, py, level, out);
      }
    }
    return out.toArray();
  }

  private static int[] lattice(int size, int step) {
    int n = (size + step - 1) / step;
    int[] at = new int[n];
    for (int k = 0; k < n; k++) {
      at[k] = Math.min(size - 1, k * step + step / 2);
    }
    return at;
  }

  /** The segments of one lattice cell, corners a (top left), b, c, d clockwise. */
  private static void cell(
      float[] g, int gw, int i, int j, double[] px, double[] py, double level, Segments out) {
    double a = g[j * gw + i];
    double b = g[j * gw + i + 1];
    double c = g[(j + 1) * gw + i + 1];
    double d = g[(j + 1) * gw + i];
    int index =
        (a >= level ? 8 : 0) | (b >= level ? 4 : 0) | (c >= level ? 2 : 0) | (d >= level ? 1 : 0);
    if (index == 0 || index == 15) {
      return;
    }
    double x0 = px[i];
    double x1 = px[i + 1];
    double y0 = py[j];
    double y1 = py[j + 1];
    // Crossing points on the top, right, bottom and left edges.
    double tx = x0 + (x1 - x0) * t(a, b, level);
    double ry = y0 + (y1 - y0) * t(b, c, level);
    double bx = x0 + (x1 - x0) * t(d, c, level);
    double ly = y0 + (y1 - y0) * t(a, d, level);
    switch (index) {
      case 1, 14 -> out.add(x0, ly, bx, y1);
      case 2, 13 -> out.add(bx, y1, x1, ry);
      case 3, 12 -> out.add(x0, ly, x1, ry);
      case 4, 11 -> out.add(tx, y0, x1, ry);
      case 6, 9 -> out.add(tx, y0, bx, y1);
      case 7, 8 -> out.add(x0, ly, tx, y0);
      case 5 -> {
        // A saddle: the cell's mean decides which pair of corners the region joins.
        if ((a + b + c + d) / 4 >= level) {
          out.add(x0, ly, tx, y0);
          out.add(bx, y1, x1, ry);
        } else {
          out.add(tx, y0, x1, ry);
          out.add(x0, ly, bx, y1);
        }
      }
      case 10 -> {
        if ((a + b + c + d) / 4 >= level) {
          out.add(tx, y0, x1, ry);
          out.add(x0, ly, bx, y1);
        } else {
          out.add(x0, ly, tx, y0);
          out.add(bx, y1, x1, ry);
        }
      }
      default -> throw new IllegalStateException("marching squares case " + index);
    }
  }

  /** Where along an edge from value {@code p} to value {@code q} the level is crossed. */
  private static double t(double p, double q, double level) {
    return p == q ? 0.5 : Math.max(0, Math.min(1, (level - p) / (q - p)));
  }

  private static final class Segments {
    private float[] xy = new float[64];
    private int n;

    void add(double x0, double y0, double x1, double y1) {
      if (n + 4 > xy.length) {
        xy = Arrays.copyOf(xy, xy.length * 2);
      }
      xy[n++] = (float) x0;
      xy[n++] = (float) y0;
      xy[n++] = (float) x1;
      xy[n++] = (float) y1;
    }

    float[] toArray() {
      return Arrays.copyOf(xy, n);
    }
  }
}
