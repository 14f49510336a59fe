package org.radassist.dicom.codec;

import java.util.Arrays;

/**
 * The inverse DCT of IJG's "islow" method (jidctint.c) with its rounding, workspace truncation and
 * range-limit table, so that samples are bit-exact with GDCM and dcmtk, which are built on IJG.
 * Input blocks are already dequantised, in natural order; samples go straight into a component
 * plane.
 */
final class JpegIdct {
  /** Natural-order index of the k-th coefficient in zigzag order (T.81 Figure A.6). */
  static final int[] ZIGZAG = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  private static final long F0298 = 2446;
  private static final long F0390 = 3196;
  private static final long F0541 = 4433;
  private static final long F0765 = 6270;
  private static final long F0899 = 7373;
  private static final long F1175 = 9633;
  private static final long F1501 = 12299;
  private static final long F1847 = 15137;
  private static final long F1961 = 16069;
  private static final long F2053 = 16819;
  private static final long F2562 = 20995;
  private static final long F3072 = 25172;
  private static final int CONST_BITS = 13;

  private final int pass1;
  private final int[] limit;
  private final int mask;
  private final int[] ws = new int[64];
  private final int[] rows = new int[64];

  JpegIdct(int precision) {
    int max = (1 << precision) - 1;
    pass1 = precision == 8 ? 2 : 1;
    limit = rangeLimit(max, 1 << (precision - 1));
    mask = 4 * (max + 1) - 1;
  }

  /** The IJG post-IDCT range-limit table, indexed by the descaled value masked to 4*(MAX+1). */
  private static int[] rangeLimit(int max, int center) {
    int size = 4 * (max + 1);
    int[] t = new int[size];
    for (int i = 0; i < size; i++) {
      if (i < center) {
        t[i] = i + center;
      } else if (i < 2 * (max + 1)) {
        t[i] = max;
      } else if (i < size - center) {
        t[i] = 0;
      } else {
        t[i] = i - (size - center);
      }
    }
    return t;
  }

  private static long descale(long x, int n) {
    return (x + (1L << (n - 1))) >> n;
  }

  private int sample(long x, int shift) {
    return limit[(int) descale(x, shift) & mask];
  }

  /**
   * The sample of a block whose AC coefficients are all zero, computed the way islow's zero-column
   * and zero-row shortcuts compute it, so skipping the transform changes no value.
   */
  int flat(int dcDequantised) {
    return sample(dcDequantised << pass1, pass1 + 3);
  }

  /** Writes the 8x8 samples of a block whose AC coefficients are all zero. */
  void fillFlat(int dcDequantised, int[] out, int off, int stride) {
    int v = flat(dcDequantised);
    for (int y = 0, o = off; y < 8; y++, o += stride) {
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
      out[o + 3] = v;
      out[o + 4] = v;
      out[o + 5] = v;
      out[o + 6] = v;
      out[o + 7] = v;
    }
  }

  /**
   * Transforms a dequantised block and writes its 8x8 samples at {@code out[off]}. Each pass reads
   * columns and writes them transposed, so both passes are the same column butterfly.
   */
  void transform(int[] in, int[] out, int off, int stride) {
    for (int col = 0; col < 8; col++) {
      if (zeroAfterFirst(in, col)) {
        Arrays.fill(ws, col * 8, col * 8 + 8, in[col] << pass1);
      } else {
        pass(in, col, ws, CONST_BITS - pass1);
      }
    }
    for (int row = 0, o = off; row < 8; row++, o += stride) {
      if (zeroAfterFirst(ws, row)) {
        Arrays.fill(out, o, o + 8, sample(ws[row], pass1 + 3));
      } else {
        pass(ws, row, rows, CONST_BITS + pass1 + 3);
        for (int x = 0; x < 8; x++) {
          out[o + x] = limit[rows[row * 8 + x] & mask];
        }
      }
    }
  }

  /** Whether a column holds only its first (DC) term: islow's shortcut. */
  private static boolean zeroAfterFirst(int[] a, int col) {
    return a[col + 8] == 0
        && a[col + 16] == 0
        && a[col + 24] == 0
        && a[col + 32] == 0
        && a[col + 40] == 0
        && a[col + 48] == 0
        && a[col + 56] == 0;
  }

  /**
   * One 1-D islow butterfly over column {@code col} of {@code src}, descaled by {@code shift} bits
   * into row {@code col} of {@code dst}.
   */
  private static void pass(int[] src, int col, int[] dst, int shift) {
    long z2 = src[col + 16];
    long z3 = src[col + 48];
    long z1 = (z2 + z3) * F0541;
    long tmp2 = z1 + z3 * -F1847;
    long tmp3 = z1 + z2 * F0765;
    long tmp0 = ((long) src[col] + src[col + 32]) << CONST_BITS;
    long tmp1 = ((long) src[col] - src[col + 32]) << CONST_BITS;
    long tmp10 = tmp0 + tmp3;
    long tmp13 = tmp0 - tmp3;
    long tmp11 = tmp1 + tmp2;
    long tmp12 = tmp1 - tmp2;
    long o0 = src[col + 56];
    long o1 = src[col + 40];
    long o2 = src[col + 24];
    long o3 = src[col + 8];
    long z5 = (o0 + o2 + o1 + o3) * F1175;
    long a1 = (o0 + o3) * -F0899;
    long a2 = (o1 + o2) * -F2562;
    long a3 = (o0 + o2) * -F1961 + z5;
    long a4 = (o1 + o3) * -F0390 + z5;
    long d0 = o0 * F0298 + a1 + a3;
    long d1 = o1 * F2053 + a2 + a4;
    long d2 = o2 * F3072 + a2 + a3;
    long d3 = o3 * F1501 + a1 + a4;
    int d = col * 8;
    dst[d] = (int) descale(tmp10 + d3, shift);
    dst[d + 7] = (int) descale(tmp10 - d3, shift);
    dst[d + 1] = (int) descale(tmp11 + d2, shift);
    dst[d + 6] = (int) descale(tmp11 - d2, shift);
    dst[d + 2] = (int) descale(tmp12 + d1, shift);
    dst[d + 5] = (int) descale(tmp12 - d1, shift);
    dst[d + 3] = (int) descale(tmp13 + d0, shift);
    dst[d + 4] = (int) descale(tmp13 - d0, shift);
  }
}
