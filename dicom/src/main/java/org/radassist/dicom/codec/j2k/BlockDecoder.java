package org.radassist.dicom.codec.j2k;

/**
 * EBCOT code-block decoding (T.800 Annex D): significance propagation, magnitude refinement and
 * cleanup passes over stripes of four rows, honouring every code-block style flag. Magnitudes carry
 * one extra low bit so that a coefficient is reconstructed at the middle of its uncertainty
 * interval (T.800 E.1.1.2 with r = 1/2), as OpenJPEG does. One instance per thread; its buffers
 * grow to the largest block seen.
 */
final class BlockDecoder {
  private static final int N = 1;
  private static final int S = 2;
  private static final int W = 4;
  private static final int E = 8;
  private static final int NW = 16;
  private static final int NE = 32;
  private static final int SW = 64;
  private static final int SE = 128;
  private static final int N_NEG = 1 << 8;
  private static final int S_NEG = 1 << 9;
  private static final int W_NEG = 1 << 10;
  private static final int E_NEG = 1 << 11;
  private static final int SIG = 1 << 12;
  private static final int VISIT = 1 << 13;
  private static final int REFINED = 1 << 14;
  private static final int NEG = 1 << 15;
  private static final int RUN_CX = 17;
  private static final int UNIFORM_CX = 18;

  /** Significance context per orientation group (0 LL/LH, 1 HL, 2 HH) and neighbour bits. */
  private static final byte[][] SIG_CX = new byte[3][256];

  /**
   * Refinement context (T.800 Table D.4) indexed by REFINED (bit 1) and any significant neighbour
   * (bit 0): whether a sample was refined before follows no pattern the branch predictor can learn.
   */
  private static final byte[] REFINE_CX = {14, 15, 16, 16};

  /** Sign context (bits 1..) and XOR bit (bit 0) per N,S,W,E significance and sign bits. */
  private static final byte[] SIGN_CX = new byte[256];

  static {
    for (int f = 0; f < 256; f++) {
      int h = ((f & W) != 0 ? 1 : 0) + ((f & E) != 0 ? 1 : 0);
      int v = ((f & N) != 0 ? 1 : 0) + ((f & S) != 0 ? 1 : 0);
      int dg =
          ((f & NW) != 0 ? 1 : 0)
              + ((f & NE) != 0 ? 1 : 0)
              + ((f & SW) != 0 ? 1 : 0)
              + ((f & SE) != 0 ? 1 : 0);
      SIG_CX[0][f] = (byte) lowHigh(h, v, dg);
      SIG_CX[1][f] = (byte) lowHigh(v, h, dg);
      SIG_CX[2][f] = (byte) diagonal(h + v, dg);
    }
    for (int f = 0; f < 256; f++) {
      int h = contribution(f, 4, 8, 64, 128);
      int v = contribution(f, 1, 2, 16, 32);
      int cx;
      int xor;
      if (h == 0 && v == 0) {
        cx = 9;
        xor = 0;
      } else if (h == 0) {
        cx = 10;
        xor = v < 0 ? 1 : 0;
      } else {
        cx = 12 + h * v;
        xor = h < 0 ? 1 : 0;
      }
      SIGN_CX[f] = (byte) (cx << 1 | xor);
    }
  }

  private static int lowHigh(int h, int v, int d) {
    if (h == 2) {
      return 8;
    }
    if (h == 1) {
      return v >= 1 ? 7 : d >= 1 ? 6 : 5;
    }
    if (v == 2) {
      return 4;
    }
    if (v == 1) {
      return 3;
    }
    return d >= 2 ? 2 : d;
  }

  private static int diagonal(int hv, int d) {
    if (d >= 3) {
      return 8;
    }
    if (d == 2) {
      return hv >= 1 ? 7 : 6;
    }
    if (d == 1) {
      return hv >= 2 ? 5 : hv == 1 ? 4 : 3;
    }
    return hv >= 2 ? 2 : hv;
  }

  /** Sum of the two neighbours' signs (bits a, b significance; na, nb their sign), clamped. */
  private static int contribution(int f, int a, int b, int na, int nb) {
    int s = 0;
    if ((f & a) != 0) {
      s += (f & na) != 0 ? -1 : 1;
    }
    if ((f & b) != 0) {
      s += (f & nb) != 0 ? -1 : 1;
    }
    return Math.max(-1, Math.min(1, s));
  }

  private final MqDecoder mq = new MqDecoder();
  private final RawBits raw = new RawBits();
  private int[] flags = new int[0];

  /**
   * Magnitudes in the layout of {@link #flags}, so a pass addresses both with one index. Only
   * significant samples are ever read, so the array is not cleared between blocks.
   */
  private int[] magnitudes = new int[0];

  /** Decoded coefficients of the last block, row-major, signed, with the extra half bit. */
  int[] coefficients = new int[0];

  private int w;
  private int h;
  private int stride;
  private byte[] sigCx;

  /**
   * Where a sample in the first row of a stripe marks its northern neighbours: one row up, or with
   * the vertically causal style (T.800 D.7), which makes a stripe's last row ignore the stripe
   * below, the padding stripe above the block, which no pass reads. The passes then never mask.
   */
  private int causalNorth;

  /**
   * Decodes {@code cb} whose subband has orientation {@code orientation} and {@code planes}
   * magnitude bit-planes below the zero ones (Mb + ROI shift − zero bit-planes).
   */
  void decode(CodeBlock cb, int orientation, int planes, int style) throws J2kException {
    w = cb.width;
    h = cb.height;
    stride = (w + 2) * 4;
    int size = stride * (((h + 3) >> 2) + 2);
    if (flags.length < size) {
      flags = new int[size];
      magnitudes = new int[size];
    } else {
      java.util.Arrays.fill(flags, 0, size, 0);
    }
    if (coefficients.length < w * h) {
      coefficients = new int[w * h];
    }
    if (cb.passes == 0) {
      java.util.Arrays.fill(coefficients, 0, w * h, 0);
      return;
    }
    if (planes <= 0 || planes > 30 || cb.passes > 3 * planes - 2) {
      throw new J2kException(
          "code-block has " + cb.passes + " coding passes for " + planes + " bit-planes (corrupt)");
    }
    sigCx = SIG_CX[orientation == Subband.HH ? 2 : orientation == Subband.HL ? 1 : 0];
    causalNorth = (style & ComponentCoding.VERTICALLY_CAUSAL) != 0 ? 4 + 3 : -1;
    boolean bypass = (style & ComponentCoding.BYPASS) != 0;
    mq.resetContexts();
    int segment = 0;
    int inSegment = 0;
    int segStart = 0;
    int segEnd = Math.min(cb.segmentLengths[0], cb.length);
    boolean rawSegment = false;
    for (int k = 0; k < cb.passes; k++) {
      int plane = planes - 1 - (k + 2) / 3;
      int type = (k + 2) % 3;
      if (inSegment == 0) {
        rawSegment = bypass && k >= 10 && type != 2;
        if (rawSegment) {
          raw.start(cb.data, segStart, segEnd);
        } else {
          mq.start(cb.data, segStart, segEnd);
        }
      }
      switch (type) {
        case 0 -> significancePass(plane, rawSegment);
        case 1 -> refinementPass(plane, rawSegment);
        default -> {
          cleanupPass(plane);
          if ((style & ComponentCoding.SEGMENTATION_SYMBOLS) != 0) {
            MqDecoder m = new MqDecoder(mq);
            for (int i = 0; i < 4; i++) {
              m.decode(UNIFORM_CX);
            }
            mq.resume(m);
          }
        }
      }
      if ((style & ComponentCoding.RESET) != 0) {
        mq.resetContexts();
      }
      if (++inSegment == cb.segmentPasses[segment] && segment + 1 < cb.segments) {
        segment++;
        inSegment = 0;
        segStart = segEnd;
        segEnd = Math.min(segStart + cb.segmentLengths[segment], cb.length);
      }
    }
    int[] co = coefficients;
    int[] fl = flags;
    int[] mag = magnitudes;
    for (int y = 0; y < h; y++) {
      int fi = index(0, y);
      int ci = y * w;
      for (int x = 0; x < w; x++, fi += 4) {
        int f = fl[fi];
        // Bit 12 (SIG) and bit 15 (NEG) spread to whole-word masks.
        int m = mag[fi] & ((f << 19) >> 31);
        int negative = (f << 16) >> 31;
        co[ci + x] = (m ^ negative) - negative;
      }
    }
  }

  /**
   * Flags are stored stripe column by stripe column: the four rows of a column are adjacent, so a
   * pass tests a column with one cache line. One padding column each side and one padding stripe
   * above and below absorb the neighbour updates of edge coefficients.
   */
  private int index(int x, int y) {
    return ((y >> 2) + 1) * stride + ((x + 1) << 2) + (y & 3);
  }

  /**
   * Marks the sample at {@code fi}, row {@code k} of its stripe, significant with sign {@code
   * negative} (0 or 1). The sign is a coin flip, so its neighbour bits are masked in, not branched
   * on.
   */
  private void becomeSignificant(int fi, int k, int negative, int plane) {
    int[] fl = flags;
    magnitudes[fi] = 3 << plane;
    int n = k != 0 ? fi - 1 : causalNorth < 0 ? fi - stride + 3 : causalNorth;
    int so = k == 3 ? fi + stride - 3 : fi + 1;
    int ng = -negative;
    fl[n - 4] |= SE;
    fl[n + 4] |= SW;
    fl[so - 4] |= NE;
    fl[so + 4] |= NW;
    fl[fi] |= SIG | (NEG & ng);
    fl[n] |= S | (S_NEG & ng);
    fl[fi - 4] |= E | (E_NEG & ng);
    fl[fi + 4] |= W | (W_NEG & ng);
    fl[so] |= N | (N_NEG & ng);
  }

  private static int decodeSign(MqDecoder m, int f) {
    int t = SIGN_CX[(f & 0xF) | ((f >> 4) & 0xF0)];
    return m.decode(t >> 1) ^ (t & 1);
  }

  private void significancePass(int plane, boolean isRaw) {
    int[] fl = flags;
    MqDecoder m = new MqDecoder(mq);
    for (int y0 = 0; y0 < h; y0 += 4) {
      int rows = Math.min(4, h - y0);
      for (int fi0 = index(0, y0), end = fi0 + 4 * w; fi0 < end; fi0 += 4) {
        int any = fl[fi0];
        int all = any;
        for (int k = 1; k < rows; k++) {
          any |= fl[fi0 + k];
          all &= fl[fi0 + k];
        }
        if ((any & 0xFF) == 0 || (all & SIG) != 0) {
          continue;
        }
        for (int k = 0; k < rows; k++) {
          int fi = fi0 + k;
          int f = fl[fi];
          // Insignificant with a significant neighbour, in one test: (f & 0x10FF) in 1..0xFF.
          if (((f & (SIG | 0xFF)) - 1) >>> 8 != 0) {
            continue;
          }
          int bit = isRaw ? raw.bit() : m.decode(sigCx[f & 0xFF]);
          if (bit != 0) {
            int negative = isRaw ? raw.bit() : decodeSign(m, f);
            becomeSignificant(fi, k, negative, plane);
          }
          fl[fi] |= VISIT;
        }
      }
    }
    mq.resume(m);
  }

  private void refinementPass(int plane, boolean isRaw) {
    int[] fl = flags;
    MqDecoder m = new MqDecoder(mq);
    int[] mag = magnitudes;
    int half = 1 << plane;
    for (int y0 = 0; y0 < h; y0 += 4) {
      int rows = Math.min(4, h - y0);
      for (int fi0 = index(0, y0), end = fi0 + 4 * w; fi0 < end; fi0 += 4) {
        int any = fl[fi0];
        for (int k = 1; k < rows; k++) {
          any |= fl[fi0 + k];
        }
        if ((any & SIG) == 0) {
          continue;
        }
        for (int k = 0; k < rows; k++) {
          int fi = fi0 + k;
          int f = fl[fi];
          if ((f & (SIG | VISIT)) != SIG) {
            continue;
          }
          int bit;
          if (isRaw) {
            bit = raw.bit();
          } else {
            bit = m.decode(REFINE_CX[(f >> 13 & 2) | ((f & 0xFF) + 0xFF) >> 8]);
          }
          // Arithmetic rather than a branch: refinement bits are close to coin flips.
          mag[fi] += (bit << (plane + 1)) - half;
          fl[fi] = f | REFINED;
        }
      }
    }
    mq.resume(m);
  }

  private void cleanupPass(int plane) {
    int[] fl = flags;
    MqDecoder m = new MqDecoder(mq);
    for (int y0 = 0; y0 < h; y0 += 4) {
      int rows = Math.min(4, h - y0);
      for (int fi0 = index(0, y0), end = fi0 + 4 * w; fi0 < end; fi0 += 4) {
        int k = 0;
        if (rows == 4) {
          int f0 = fl[fi0];
          int f1 = fl[fi0 + 1];
          int f2 = fl[fi0 + 2];
          int f3 = fl[fi0 + 3];
          if ((f0 & f1 & f2 & f3 & SIG) != 0) {
            fl[fi0] = f0 & ~VISIT;
            fl[fi0 + 1] = f1 & ~VISIT;
            fl[fi0 + 2] = f2 & ~VISIT;
            fl[fi0 + 3] = f3 & ~VISIT;
            continue;
          }
          if ((f0 | f1 | f2 | f3) == 0) {
            if (m.decode(RUN_CX) == 0) {
              continue;
            }
            k = m.decode(UNIFORM_CX) << 1;
            k |= m.decode(UNIFORM_CX);
            int fi = fi0 + k;
            becomeSignificant(fi, k, decodeSign(m, fl[fi]), plane);
            k++;
          }
        }
        for (; k < rows; k++) {
          int fi = fi0 + k;
          int f = fl[fi];
          if ((f & (SIG | VISIT)) == 0 && m.decode(sigCx[f & 0xFF]) != 0) {
            becomeSignificant(fi, k, decodeSign(m, f), plane);
          }
          fl[fi] &= ~VISIT;
        }
      }
    }
    mq.resume(m);
  }
}
