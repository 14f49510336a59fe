package org.radassist.inference.preprocess;

/**
 * Separable resampling with a triangle (linear) kernel widened by the reduction factor when
 * shrinking, so a 3000-pixel film reduced to 224 averages every pixel instead of sampling a few and
 * aliasing fine structure like rib edges. Target pixels whose centres fall outside the source get
 * the pad value.
 */
final class Resampler {
  private Resampler() {}

  /** Resamples one plane of {@code src} (w x h) to the tensor grid described by {@code m}. */
  static float[] resample(float[] src, ImageMapping m, float pad) {
    int w = m.imageWidth();
    int h = m.imageHeight();
    int tw = m.tensorWidth();
    int th = m.tensorHeight();
    Kernel kx = Kernel.of(tw, w, m.scaleX(), m.offsetX());
    Kernel ky = Kernel.of(th, h, m.scaleY(), m.offsetY());
    float[] rows = new float[h * tw];
    for (int y = 0; y < h; y++) {
      int base = y * w;
      for (int u = 0; u < tw; u++) {
        if (kx.count[u] == 0) {
          continue;
        }
        double sum = 0;
        int k0 = kx.offset[u];
        for (int k = 0; k < kx.count[u]; k++) {
          sum += kx.weight[k0 + k] * src[base + kx.first[u] + k];
        }
        rows[y * tw + u] = (float) sum;
      }
    }
    float[] out = new float[th * tw];
    for (int v = 0; v < th; v++) {
      for (int u = 0; u < tw; u++) {
        if (ky.count[v] == 0 || kx.count[u] == 0) {
          out[v * tw + u] = pad;
          continue;
        }
        double sum = 0;
        int k0 = ky.offset[v];
        for (int k = 0; k < ky.count[v]; k++) {
          sum += ky.weight[k0 + k] * rows[(ky.first[v] + k) * tw + u];
        }
        out[v * tw + u] = (float) sum;
      }
    }
    return out;
  }

  /** Per target index: the first source index, how many taps, and their normalised weights. */
  private static final class Kernel {
    final int[] first;
    final int[] count;
    final int[] offset;
    final double[] weight;

    private Kernel(int[] first, int[] count, int[] offset, double[] weight) {
      this.first = first;
      this.count = count;
      this.offset = offset;
      this.weight = weight;
    }

    static Kernel of(int targetSize, int sourceSize, double scale, double offset) {
      double support = Math.max(1.0, 1.0 / scale);
      int[] first = new int[targetSize];
      int[] count = new int[targetSize];
      int[] start = new int[targetSize];
      int maxTaps = (int) Math.ceil(2 * support) + 2;
      double[] weights = new double[targetSize * maxTaps];
      for (int t = 0; t < targetSize; t++) {
        double centre = (t + 0.5 - offset) / scale;
        start[t] = t * maxTaps;
        if (centre < 0 || centre > sourceSize) {
          continue;
        }
        int lo = Math.max(0, (int) Math.floor(centre - support - 0.5));
        int hi = Math.min(sourceSize - 1, (int) Math.ceil(centre + support - 0.5));
        double total = 0;
        int n = 0;
        for (int s = lo; s <= hi && n < maxTaps; s++) {
          double d = Math.abs(s + 0.5 - centre) / support;
          double wgt = Math.max(0, 1 - d);
          weights[start[t] + n] = wgt;
          total += wgt;
          n++;
        }
        if (total <= 0) {
          int nearest = Math.min(sourceSize - 1, Math.max(0, (int) centre));
          weights[start[t]] = 1;
          first[t] = nearest;
          count[t] = 1;
          continue;
        }
        for (int k = 0; k < n; k++) {
          weights[start[t] + k] /= total;
        }
        first[t] = lo;
        count[t] = n;
      }
      return new Kernel(first, count, start, weights);
    }
  }
}
