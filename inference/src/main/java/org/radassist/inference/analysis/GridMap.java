package org.radassist.inference.analysis;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.radassist.inference.preprocess.ImageMapping;

/**
 * A coarse map laid over the whole input tensor, read at image pixels through the preprocessing
 * geometry. Cell {@code (i, j)} of an {@code h x w} map covers the tensor area of width {@code W /
 * w} starting at {@code j * W / w}; values between cell centres are bilinear, beyond the outer
 * centres they are held, and pixels the model never saw (cropped away) are 0. Any single pixel can
 * be read without computing the rest, so findings are found on the model's own resolution and only
 * outputs that need every pixel (the PNGs, the overlay) pay for the image-sized map, which is then
 * made separably: each grid row is interpolated along x once, and every image row is a blend of two
 * of those.
 */
final class GridMap {
  private static final int PARALLEL_PIXELS = 1 << 19;
  private static final int BAND_ROWS = 64;

  private final float[] cells;
  private final int gridHeight;
  private final int gridWidth;
  private final ImageMapping mapping;
  private final Axis ax;
  private final Axis ay;

  GridMap(float[] cells, int gridHeight, int gridWidth, ImageMapping mapping) {
    this.cells = cells;
    this.gridHeight = gridHeight;
    this.gridWidth = gridWidth;
    this.mapping = mapping;
    this.ax =
        Axis.of(
            mapping.imageWidth(),
            gridWidth,
            mapping.tensorWidth(),
            mapping.scaleX(),
            mapping.offsetX());
    this.ay =
        Axis.of(
            mapping.imageHeight(),
            gridHeight,
            mapping.tensorHeight(),
            mapping.scaleY(),
            mapping.offsetY());
  }

  int width() {
    return mapping.imageWidth();
  }

  int height() {
    return mapping.imageHeight();
  }

  float value(int x, int y) {
    if (!ax.seen[x] || !ay.seen[y]) {
      return 0f;
    }
    int r0 = ay.lo[y] * gridWidth;
    int r1 = ay.hi[y] * gridWidth;
    float fx = ax.frac[x];
    float fy = ay.frac[y];
    float top = cells[r0 + ax.lo[x]] * (1 - fx) + cells[r0 + ax.hi[x]] * fx;
    float bottom = cells[r1 + ax.lo[x]] * (1 - fx) + cells[r1 + ax.hi[x]] * fx;
    return top * (1 - fy) + bottom * fy;
  }

  /** One cell of the map in image pixels, {width, height}: the finest detail the map can show. */
  double[] cellSize() {
    return new double[] {
      mapping.tensorWidth() / (double) gridWidth / mapping.scaleX(),
      mapping.tensorHeight() / (double) gridHeight / mapping.scaleY()
    };
  }

  /**
   * Image columns on which findings are searched: about one per tensor pixel, plus the two columns
   * either side of every cell centre, where the bilinear map has its local maxima, so no region
   * that reaches a threshold at some pixel is missed.
   */
  int[] latticeColumns() {
    return lattice(ax, width(), mapping.scaleX());
  }

  int[] latticeRows() {
    return lattice(ay, height(), mapping.scaleY());
  }

  private static int[] lattice(Axis a, int size, double scale) {
    int step = Math.max(1, (int) Math.floor(1 / scale));
    boolean[] on = new boolean[size];
    for (int i = 0; i < size; i += step) {
      on[i] = true;
    }
    on[size - 1] = true;
    for (int i = 1; i < size; i++) {
      if (a.lo[i] != a.lo[i - 1] || (a.frac[i] > 0) != (a.frac[i - 1] > 0)) {
        on[i - 1] = true;
        on[i] = true;
      }
      if (a.seen[i] != a.seen[i - 1]) {
        on[i - 1] = true;
        on[i] = true;
      }
    }
    int n = 0;
    for (boolean b : on) {
      n += b ? 1 : 0;
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < size; i++) {
      if (on[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  /** The map at every image pixel, row-major. */
  float[] toImage() {
    int w = width();
    float[] out = new float[w * height()];
    float[][] rows = gridRows();
    rowBands(
        (y0, y1) -> {
          for (int y = y0; y < y1; y++) {
            if (ay.seen[y]) {
              blend(rows, y, out, y * w);
            }
          }
        });
    return out;
  }

  /** The map at every image pixel as {@code round(value x 255)}, without a float image between. */
  byte[] toGray8() {
    int w = width();
    byte[] out = new byte[w * height()];
    float[][] rows = gridRows();
    rowBands(
        (y0, y1) -> {
          float[] line = new float[w];
          for (int y = y0; y < y1; y++) {
            if (!ay.seen[y]) {
              continue;
            }
            blend(rows, y, line, 0);
            Heatmap.gray8(line, w, out, y * w);
          }
        });
    return out;
  }

  /**
   * Rows of {@link #toGray8()} one at a time, for an encoder that consumes them as they come; the
   * grid rows along x are made once and shared by every thread.
   */
  PngEncoder.Rows gray8Rows() {
    float[][] rows = gridRows();
    int w = width();
    ThreadLocal<float[]> lines = ThreadLocal.withInitial(() -> new float[w]);
    return (y, out) -> {
      if (!ay.seen[y]) {
        Arrays.fill(out, (byte) 0);
        return;
      }
      float[] line = lines.get();
      blend(rows, y, line, 0);
      Heatmap.gray8(line, w, out, 0);
    };
  }

  private void blend(float[][] rows, int y, float[] out, int base) {
    float[] a = rows[ay.lo[y]];
    float[] b = rows[ay.hi[y]];
    float fy = ay.frac[y];
    float gy = 1 - fy;
    int w = a.length;
    for (int x = 0; x < w; x++) {
      out[base + x] = a[x] * gy + b[x] * fy;
    }
  }

  /** Each grid row interpolated along x at every image column (0 where the model saw nothing). */
  private float[][] gridRows() {
    int w = width();
    float[][] rows = new float[gridHeight][w];
    for (int g = 0; g < gridHeight; g++) {
      int r = g * gridWidth;
      float[] row = rows[g];
      for (int x = 0; x < w; x++) {
        if (ax.seen[x]) {
          float fx = ax.frac[x];
          row[x] = cells[r + ax.lo[x]] * (1 - fx) + cells[r + ax.hi[x]] * fx;
        }
      }
    }
    return rows;
  }

  private interface Band {
    void rows(int from, int to);
  }

  private void rowBands(Band band) {
    int h = height();
    int bands = (h + BAND_ROWS - 1) / BAND_ROWS;
    IntStream range = IntStream.range(0, bands);
    if ((long) width() * h >= PARALLEL_PIXELS) {
      range = range.parallel();
    }
    range.forEach(b -> band.rows(b * BAND_ROWS, Math.min(h, (b + 1) * BAND_ROWS)));
  }

  /** Per image index along one axis: the two grid cells to blend and the weight of the second. */
  private record Axis(boolean[] seen, int[] lo, int[] hi, float[] frac) {
    static Axis of(int imageSize, int gridSize, int tensorSize, double scale, double offset) {
      boolean[] seen = new boolean[imageSize];
      int[] lo = new int[imageSize];
      int[] hi = new int[imageSize];
      float[] frac = new float[imageSize];
      double cell = (double) tensorSize / gridSize;
      for (int i = 0; i < imageSize; i++) {
        double t = (i + 0.5) * scale + offset;
        seen[i] = t >= 0 && t <= tensorSize;
        double g = Math.max(0, Math.min(gridSize - 1, t / cell - 0.5));
        int g0 = (int) Math.floor(g);
        lo[i] = g0;
        hi[i] = Math.min(gridSize - 1, g0 + 1);
        frac[i] = (float) (g - g0);
      }
      return new Axis(seen, lo, hi, frac);
    }
  }
}
