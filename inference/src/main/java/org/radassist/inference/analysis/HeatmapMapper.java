package org.radassist.inference.analysis;

import org.radassist.inference.preprocess.ImageMapping;

/**
 * Samples a coarse map laid over the whole input tensor back onto the image's pixel grid through
 * the preprocessing geometry. Cell {@code (i, j)} of an {@code h x w} map covers the tensor area of
 * width {@code W / w} starting at {@code j * W / w}; values between cell centres are bilinear,
 * beyond the outer centres they are held.
 */
final class HeatmapMapper {
  private HeatmapMapper() {}

  static float[] toImage(float[] cells, int gridHeight, int gridWidth, ImageMapping m) {
    int w = m.imageWidth();
    int h = m.imageHeight();
    Axis ax = Axis.of(w, gridWidth, m.tensorWidth(), m.scaleX(), m.offsetX());
    Axis ay = Axis.of(h, gridHeight, m.tensorHeight(), m.scaleY(), m.offsetY());
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      if (!ay.seen[y]) {
        continue;
      }
      int r0 = ay.lo[y] * gridWidth;
      int r1 = ay.hi[y] * gridWidth;
      float fy = ay.frac[y];
      for (int x = 0; x < w; x++) {
        if (!ax.seen[x]) {
          continue;
        }
        float fx = ax.frac[x];
        float top = cells[r0 + ax.lo[x]] * (1 - fx) + cells[r0 + ax.hi[x]] * fx;
        float bottom = cells[r1 + ax.lo[x]] * (1 - fx) + cells[r1 + ax.hi[x]] * fx;
        out[y * w + x] = top * (1 - fy) + bottom * fy;
      }
    }
    return out;
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
