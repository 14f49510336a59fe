package org.radassist.inference.preprocess;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Separable resampling with a triangle (linear) kernel widened by the reduction factor when
 * shrinking, so a 3000-pixel film reduced to 224 averages every pixel instead of sampling a few and
 * aliasing fine structure like rib edges. Target pixels whose centres fall outside the source get
 * the pad value. Each target row is first summed from its source rows at full width (whole-row
 * passes the JIT vectorises, each source row read once), then reduced along x; bands of target rows
 * run in parallel on large images.
 */
final class Resampler {
  /** Below this many source pixels a second thread costs more than it saves. */
  private static final int PARALLEL_PIXELS = 1 << 19;

  private static final int BAND_ROWS = 16;

  private Resampler() {}

  /** A source plane read one row at a time into display intensities. */
  interface RowSource {
    /**
     * Writes {@code count} intensities of row {@code y}, from column {@code x0}, into {@code out}.
     */
    void row(int y, int x0, int count, float[] out);
  }

  /** Resamples one plane of {@code src} (w x h) to the tensor grid described by {@code m}. */
  static float[] resample(float[] src, ImageMapping m, float pad) {
    int w = m.imageWidth();
    return resample(
        (y, x0, count, out) -> System.arraycopy(src, y * w + x0, out, 0, count), m, pad);
  }

  /**
   * Resamples the stored values of a monochrome frame, each turned into a display intensity by
   * {@code table} as it is read.
   */
  static float[] resample(int[] stored, DisplayTable table, ImageMapping m, float pad) {
    int w = m.imageWidth();
    return resample(
        (y, x0, count, out) -> table.displayRow(stored, y * w + x0, count, out), m, pad);
  }

  static float[] resample(RowSource src, ImageMapping m, float pad) {
    int w = m.imageWidth();
    int h = m.imageHeight();
    int tw = m.tensorWidth();
    int th = m.tensorHeight();
    Kernel kx = Kernel.of(tw, w, m.scaleX(), m.offsetX());
    Kernel ky = Kernel.of(th, h, m.scaleY(), m.offsetY());
    int x0 = kx.firstUsed();
    int x1 = kx.lastUsed();
    float[] out = new float[th * tw];
    if (x1 < x0 || ky.lastUsed() < 0) {
      Arrays.fill(out, pad);
      return out;
    }
    int bands = (th + BAND_ROWS - 1) / BAND_ROWS;
    IntStream range = IntStream.range(0, bands);
    if ((long) (x1 - x0 + 1) * (ky.lastUsed() - ky.firstUsed() + 1) >= PARALLEL_PIXELS) {
      range = range.parallel();
    }
    range.forEach(
        b -> {
          int width = x1 - x0 + 1;
          RowRing ring = new RowRing(ky.maxCount(), width);
          float[] column = new float[width];
          for (int v = b * BAND_ROWS; v < Math.min(th, (b + 1) * BAND_ROWS); v++) {
            int base = v * tw;
            if (ky.count[v] == 0) {
              Arrays.fill(out, base, base + tw, pad);
              continue;
            }
            vertical(src, ky, v, x0, ring, column);
            horizontal(column, x0, kx, out, base, tw, pad);
          }
        });
    return out;
  }

  /**
   * Target row {@code v} at full source width: the weighted sum of its source rows, each one a
   * sequential pass the JIT vectorises. A source row serves about two target rows when shrinking,
   * so the ring keeps the last few display rows instead of reading them again.
   */
  private static void vertical(
      RowSource src, Kernel ky, int v, int x0, RowRing ring, float[] column) {
    Arrays.fill(column, 0f);
    int k0 = ky.offset[v];
    for (int k = 0; k < ky.count[v]; k++) {
      float wgt = ky.weight[k0 + k];
      float[] row = ring.row(src, ky.first[v] + k, x0);
      for (int x = 0; x < column.length; x++) {
        column[x] += wgt * row[x];
      }
    }
  }

  private static void horizontal(
      float[] line, int x0, Kernel kx, float[] out, int base, int tw, float pad) {
    for (int u = 0; u < tw; u++) {
      int n = kx.count[u];
      if (n == 0) {
        out[base + u] = pad;
        continue;
      }
      float sum = 0;
      int k0 = kx.offset[u];
      int s0 = kx.first[u] - x0;
      float[] wt = kx.weight;
      for (int k = 0; k < n; k++) {
        sum += wt[k0 + k] * line[s0 + k];
      }
      out[base + u] = sum;
    }
  }

  /**
   * The display rows most recently read, by source row; consecutive taps never evict each other.
   */
  private static final class RowRing {
    private final float[][] rows;
    private final int[] tags;

    RowRing(int size, int width) {
      rows = new float[size][width];
      tags = new int[size];
      Arrays.fill(tags, -1);
    }

    float[] row(RowSource src, int y, int x0) {
      int slot = y % rows.length;
      if (tags[slot] != y) {
        src.row(y, x0, rows[slot].length, rows[slot]);
        tags[slot] = y;
      }
      return rows[slot];
    }
  }

  /** Per target index: the first source index, how many taps, and their normalised weights. */
  private static final class Kernel {
    final int[] first;
    final int[] count;
    final int[] offset;
    final float[] weight;

    private Kernel(int[] first, int[] count, int[] offset, double[] weight) {
      this.first = first;
      this.count = count;
      this.offset = offset;
      // Normalised in double precision, applied in single: a tap needs no more than a float holds.
      this.weight = new float[weight.length];
      for (int i = 0; i < weight.length; i++) {
        this.weight[i] = (float) weight[i];
      }
    }

    /** The smallest source index any target reads, or MAX_VALUE when none reads any. */
    int firstUsed() {
      int lo = Integer.MAX_VALUE;
      for (int t = 0; t < first.length; t++) {
        if (count[t] > 0) {
          lo = Math.min(lo, first[t]);
        }
      }
      return lo;
    }

    /** The most taps any target has. */
    int maxCount() {
      int most = 1;
      for (int c : count) {
        most = Math.max(most, c);
      }
      return most;
    }

    /** The largest source index any target reads, or -1. */
    int lastUsed() {
      int hi = -1;
      for (int t = 0; t < first.length; t++) {
        if (count[t] > 0) {
          hi = Math.max(hi, first[t] + count[t] - 1);
        }
      }
      return hi;
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
