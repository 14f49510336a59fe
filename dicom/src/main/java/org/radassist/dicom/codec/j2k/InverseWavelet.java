package org.radassist.dicom.codec.j2k;

/**
 * One level of 2D synthesis (T.800 F.3.2): rows first, then columns, each 1D_SR with symmetric
 * extension at the ends. A resolution's low-pass half sits before its high-pass half in the
 * coefficient array; interleaving is done on the way through a line buffer. The 9/7 version uses
 * float lifting in OpenJPEG's order and scaling (low × K, high × 2/K with gain-free step sizes), so
 * that rounding matches GDCM.
 */
final class InverseWavelet {
  private static final float ALPHA = -1.586134342f;
  private static final float BETA = -0.052980118f;
  private static final float GAMMA = 0.882911075f;
  private static final float DELTA = 0.443506852f;
  private static final float K = 1.230174105f;
  private static final float TWO_INV_K = (float) (2.0 / 1.230174105);

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
    for (int x = 0; x < w; x++) {
      interleave(a, x, stride, h, sny, py, t);
      lift53(t, h, py);
      for (int y = 0, i = x; y < h; y++, i += stride) {
        a[i] = t[y];
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
    for (int j = parity; j < n; j += 2) {
      int left = j > 0 ? x[j - 1] : x[j + 1];
      int right = j + 1 < n ? x[j + 1] : x[j - 1];
      x[j] -= (left + right + 2) >> 2;
    }
    for (int j = 1 - parity; j < n; j += 2) {
      int left = j > 0 ? x[j - 1] : x[j + 1];
      int right = j + 1 < n ? x[j + 1] : x[j - 1];
      x[j] += (left + right) >> 1;
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
    for (int x = 0; x < w; x++) {
      interleave(a, x, stride, h, sny, py, t);
      lift97(t, h, py);
      for (int y = 0, i = x; y < h; y++, i += stride) {
        a[i] = t[y];
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
    for (int j = first; j < n; j += 2) {
      float left = j > 0 ? x[j - 1] : x[j + 1];
      float right = j + 1 < n ? x[j + 1] : x[j - 1];
      x[j] += c * (left + right);
    }
  }
}
