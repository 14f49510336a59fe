package org.radassist.dicom.codec.j2k;

/**
 * One level of 2D synthesis (T.800 F.3.2): rows first, then columns, each 1D_SR with symmetric
 * extension at the ends. A resolution's low-pass half sits before its high-pass half in the
 * coefficient array; rows are interleaved through a line buffer, columns are lifted a whole row at
 * a time for cache locality. The 9/7 version uses float lifting in OpenJPEG's order and scaling
 * (low × K, high × 2/K with gain-free step sizes), with 2/K as OpenJPEG writes it, 13318/8192, 3e-5
 * off the true value: with the exact value a few lossy samples per image round one away from
 * GDCM's.
 */
final class InverseWavelet {
  private static final float ALPHA = -1.586134342f;
  private static final float BETA = -0.052980118f;
  private static final float GAMMA = 0.882911075f;
  private static final float DELTA = 0.443506852f;
  private static final float K = 1.230174105f;
  private static final float TWO_INV_K = 13318f / 8192f;

  private int[] line = new int[0];
  private float[] fline = new float[0];

  /** Synthesises the {@code w}×{@code h} region at the top-left of {@code a} (row stride). */
  void reversible(int[] a, int stride, int w, int h, int px, int py) {
    if (line.length < Math.max(w, h)) {
      line = new int[Math.max(w, h)];
    }
    int[] t = line;
    int snx = (w + 1 - px) >> 1;
    int sny = (h + 1 - py) >> 1;
    for (int y = 0; y < h; y++) {
      int row = y * stride;
      interleave(a, row, 1, w, snx, px, t);
      lift53(t, w, px);
      System.arraycopy(t, 0, a, row, w);
    }
    if (h > 1) {
      int[] v = rows(w, h);
      gatherRows(a, stride, w, h, sny, py, v);
      liftRows53(v, w, h, py);
      for (int y = 0; y < h; y++) {
        System.arraycopy(v, y * w, a, y * stride, w);
      }
    } else if (py == 1) {
      for (int x = 0; x < w; x++) {
        a[x] /= 2;
      }
    }
  }

  private int[] rowBuffer = new int[0];
  private float[] frowBuffer = new float[0];

  private int[] rows(int w, int h) {
    if (rowBuffer.length < w * h) {
      rowBuffer = new int[w * h];
    }
    return rowBuffer;
  }

  /** Rows of the region in natural order: low-pass rows to even positions, high to odd. */
  private static void gatherRows(Object a, int stride, int w, int h, int sn, int parity, Object v) {
    for (int i = 0; i < sn; i++) {
      System.arraycopy(a, i * stride, v, (parity + 2 * i) * w, w);
    }
    for (int i = 0; i < h - sn; i++) {
      System.arraycopy(a, (sn + i) * stride, v, (1 - parity + 2 * i) * w, w);
    }
  }

  /** The 5/3 lifting of {@link #lift53} applied to whole rows at once, for cache locality. */
  private static void liftRows53(int[] v, int w, int h, int parity) {
    for (int j = parity; j < h; j += 2) {
      int up = (j > 0 ? j - 1 : j + 1) * w;
      int down = (j + 1 < h ? j + 1 : j - 1) * w;
      int row = j * w;
      for (int x = 0; x < w; x++) {
        v[row + x] -= (v[up + x] + v[down + x] + 2) >> 2;
      }
    }
    for (int j = 1 - parity; j < h; j += 2) {
      int up = (j > 0 ? j - 1 : j + 1) * w;
      int down = (j + 1 < h ? j + 1 : j - 1) * w;
      int row = j * w;
      for (int x = 0; x < w; x++) {
        v[row + x] += (v[up + x] + v[down + x]) >> 1;
      }
    }
  }

  private static void interleave(int[] a, int start, int step, int n, int sn, int parity, int[] t) {
    int lo = parity;
    for (int i = 0, k = start; i < sn; i++, k += step) {
      t[lo + 2 * i] = a[k];
    }
    int hi = 1 - parity;
    for (int i = 0, k = start + sn * step; i < n - sn; i++, k += step) {
      t[hi + 2 * i] = a[k];
    }
  }

  private static void lift53(int[] x, int n, int parity) {
    if (n == 1) {
      if (parity == 1) {
        x[0] /= 2;
      }
      return;
    }
    // Symmetric extension only touches the first and last samples; the loops in between have no
    // boundary tests.
    int j = parity;
    if (j == 0) {
      x[0] -= (x[1] + x[1] + 2) >> 2;
      j = 2;
    }
    for (; j < n - 1; j += 2) {
      x[j] -= (x[j - 1] + x[j + 1] + 2) >> 2;
    }
    if (j == n - 1) {
      x[j] -= (x[j - 1] + x[j - 1] + 2) >> 2;
    }
    j = 1 - parity;
    if (j == 0) {
      x[0] += (x[1] + x[1]) >> 1;
      j = 2;
    }
    for (; j < n - 1; j += 2) {
      x[j] += (x[j - 1] + x[j + 1]) >> 1;
    }
    if (j == n - 1) {
      x[j] += (x[j - 1] + x[j - 1]) >> 1;
    }
  }

  void irreversible(float[] a, int stride, int w, int h, int px, int py) {
    if (fline.length < Math.max(w, h)) {
      fline = new float[Math.max(w, h)];
    }
    float[] t = fline;
    int snx = (w + 1 - px) >> 1;
    int sny = (h + 1 - py) >> 1;
    for (int y = 0; y < h; y++) {
      int row = y * stride;
      interleave(a, row, 1, w, snx, px, t);
      lift97(t, w, px);
      System.arraycopy(t, 0, a, row, w);
    }
    if (h > 1) {
      if (frowBuffer.length < w * h) {
        frowBuffer = new float[w * h];
      }
      float[] v = frowBuffer;
      gatherRows(a, stride, w, h, sny, py, v);
      liftRows97(v, w, h, py);
      for (int y = 0; y < h; y++) {
        System.arraycopy(v, y * w, a, y * stride, w);
      }
    } else if (py == 1) {
      for (int x = 0; x < w; x++) {
        a[x] /= 2;
      }
    }
  }

  private static void liftRows97(float[] v, int w, int h, int parity) {
    scaleRows(v, w, h, parity, K);
    scaleRows(v, w, h, 1 - parity, TWO_INV_K);
    stepRows(v, w, h, parity, -DELTA);
    stepRows(v, w, h, 1 - parity, -GAMMA);
    stepRows(v, w, h, parity, -BETA);
    stepRows(v, w, h, 1 - parity, -ALPHA);
  }

  private static void scaleRows(float[] v, int w, int h, int first, float k) {
    for (int j = first; j < h; j += 2) {
      for (int x = j * w, e = x + w; x < e; x++) {
        v[x] *= k;
      }
    }
  }

  private static void stepRows(float[] v, int w, int h, int first, float c) {
    for (int j = first; j < h; j += 2) {
      int up = (j > 0 ? j - 1 : j + 1) * w;
      int down = (j + 1 < h ? j + 1 : j - 1) * w;
      int row = j * w;
      for (int x = 0; x < w; x++) {
        v[row + x] += c * (v[up + x] + v[down + x]);
      }
    }
  }

  private static void interleave(
      float[] a, int start, int step, int n, int sn, int parity, float[] t) {
    int lo = parity;
    for (int i = 0, k = start; i < sn; i++, k += step) {
      t[lo + 2 * i] = a[k];
    }
    int hi = 1 - parity;
    for (int i = 0, k = start + sn * step; i < n - sn; i++, k += step) {
      t[hi + 2 * i] = a[k];
    }
  }

  private static void lift97(float[] x, int n, int parity) {
    if (n == 1) {
      if (parity == 1) {
        x[0] /= 2;
      }
      return;
    }
    for (int j = parity; j < n; j += 2) {
      x[j] *= K;
    }
    for (int j = 1 - parity; j < n; j += 2) {
      x[j] *= TWO_INV_K;
    }
    step(x, n, parity, -DELTA);
    step(x, n, 1 - parity, -GAMMA);
    step(x, n, parity, -BETA);
    step(x, n, 1 - parity, -ALPHA);
  }

  private static void step(float[] x, int n, int first, float c) {
    int j = first;
    if (j == 0) {
      x[0] += c * (x[1] + x[1]);
      j = 2;
    }
    for (; j < n - 1; j += 2) {
      x[j] += c * (x[j - 1] + x[j + 1]);
    }
    if (j == n - 1) {
      x[j] += c * (x[j - 1] + x[j - 1]);
    }
  }
}
