package org.radassist.dicom.codec.j2k;

/**
 * EBCOT code-block decoding (T.800 Annex D): significance propagation, magnitude refinement and
 * cleanup passes over stripes of four rows, honouring every code-block style flag. Magnitudes carry
 * one extra low bit so that a coefficient is reconstructed at the middle of its uncertainty
 * interval (T.800 E.1.1.2 with r = 1/2), as OpenJPEG does. One instance per thread; its buffers
 * grow to the largest block seen.
 */
final class BlockDecoder {
  /**
   * One int of state per stripe column (four rows). Bits 0-17 hold the significance of a window
   * three columns wide and six rows high, rows -1 to 4 of the stripe, three bits a row (west, this
   * column, east): shifted right by three times a row, bits 0-8 are that row's 3x3 neighbourhood,
   * so a context is one table lookup and a sample's own update is seen by the rows above and below
   * it without another store. Bits 18-23 are the signs of rows -1 to 4 of this column, bits 24-27
   * mark rows visited by this bit-plane's significance pass, bits 28-31 rows refined before.
   */
  private static final int SIG0 = 1 << 4;

  /** Row 0's neighbourhood: the 3x3 window without the sample itself. */
  private static final int NEIGHBOURS = 0x1EF;

  private static final int SIG_ROWS = SIG0 | SIG0 << 3 | SIG0 << 6 | SIG0 << 9;
  private static final int VISIT0 = 1 << 24;
  private static final int VISITS = 0xF * VISIT0;
  private static final int REFINED0 = 1 << 28;
  private static final int RUN_CX = 17;
  private static final int UNIFORM_CX = 18;

  /** Significance context per orientation group (0 LL/LH, 1 HL, 2 HH) and 3x3 window. */
  private static final byte[][] SIG_CX = new byte[3][512];

  /**
   * Refinement context (T.800 Table D.4) indexed by refined before (bit 1) and any significant
   * neighbour (bit 0): whether a sample was refined before follows no pattern the branch predictor
   * can learn.
   */
  private static final byte[] REFINE_CX = {14, 15, 16, 16};

  /**
   * Sign context (bits 1..) and XOR bit (bit 0) per {@link #signIndex}: bit 0 north negative, 1
   * north significant, 2 south negative, 3 west significant, 4 west negative, 5 east significant, 6
   * east negative, 7 south significant. The significance bits sit where the window puts them.
   */
  private static final byte[] SIGN_CX = new byte[256];

  static {
    for (int f = 0; f < 512; f++) {
      int h = (f >> 3 & 1) + (f >> 5 & 1);
      int v = (f >> 1 & 1) + (f >> 7 & 1);
      int dg = (f & 1) + (f >> 2 & 1) + (f >> 6 & 1) + (f >> 8 & 1);
      SIG_CX[0][f] = (byte) lowHigh(h, v, dg);
      SIG_CX[1][f] = (byte) lowHigh(v, h, dg);
      SIG_CX[2][f] = (byte) diagonal(h + v, dg);
    }
    for (int f = 0; f < 256; f++) {
      int h = contribution(f, 8, 32, 16, 64);
      int v = contribution(f, 2, 128, 1, 4);
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
   * Magnitudes, sample {@code k} of the stripe column at flags index {@code i} at {@code 4 * i +
   * k}. Only significant samples are ever read, so the array is not cleared between blocks.
   */
  private int[] magnitudes = new int[0];

  /** Decoded coefficients of the last block, row-major, signed, with the extra half bit. */
  int[] coefficients = new int[0];

  private int w;
  private int h;

  /** Stripe columns per stripe: the block's columns and one padding column each side. */
  private int stride;

  private byte[] sigCx;

  /**
   * The vertically causal style (T.800 D.7) makes a stripe's last row ignore the stripe below, so a
   * first-row sample then does not mark the stripe above and no pass masks the last row.
   */
  private boolean causal;

  /**
   * Decodes {@code cb} whose subband has orientation {@code orientation} and {@code planes}
   * magnitude bit-planes below the zero ones (Mb + ROI shift − zero bit-planes).
   */
  void decode(CodeBlock cb, int orientation, int planes, int style) throws J2kException {
    w = cb.width;
    h = cb.height;
    stride = w + 2;
    // One padding stripe above and below absorbs the marks of edge rows.
    int size = stride * (((h + 3) >> 2) + 2);
    if (flags.length < size) {
      flags = new int[size];
      magnitudes = new int[4 * size];
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
    causal = (style & ComponentCoding.VERTICALLY_CAUSAL) != 0;
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
      int k = y & 3;
      int i = ((y >> 2) + 1) * stride + 1;
      int ci = y * w;
      for (int x = 0; x < w; x++, i++) {
        int f = fl[i];
        int m = mag[4 * i + k] & -(f >> (4 + 3 * k) & 1);
        int negative = -(f >> (19 + k) & 1);
        co[ci + x] = (m ^ negative) - negative;
      }
    }
  }

  /**
   * Marks row {@code k} of the stripe column at {@code i} significant with sign {@code negative} (0
   * or 1) in the neighbouring columns and returns the bits to set in the column's own word, which
   * the pass keeps in a register. The sign is a coin flip, so it is shifted in, not branched on.
   */
  private int becomeSignificant(int[] fl, int i, int k, int negative, int plane) {
    magnitudes[4 * i + k] = 3 << plane;
    int s = 3 * k;
    fl[i - 1] |= SIG0 << 1 << s;
    fl[i + 1] |= SIG0 >> 1 << s;
    if (k == 0) {
      if (!causal) {
        int n = i - stride;
        fl[n - 1] |= 1 << 17;
        fl[n] |= 1 << 16 | negative << 23;
        fl[n + 1] |= 1 << 15;
      }
    } else if (k == 3) {
      int so = i + stride;
      fl[so - 1] |= 1 << 2;
      fl[so] |= 1 << 1 | negative << 18;
      fl[so + 1] |= 1;
    }
    return SIG0 << s | negative << 19 + k;
  }

  /** {@link #SIGN_CX} index of row {@code k} of the column at {@code i} whose word is {@code f}. */
  private static int signIndex(int[] fl, int i, int f, int k) {
    return (f >> 3 * k & 0xAA)
        | (f >> 18 + k & 5)
        | (fl[i - 1] >> 15 + k & 16)
        | (fl[i + 1] >> 13 + k & 64);
  }

  private static int decodeSign(MqDecoder m, int index) {
    int t = SIGN_CX[index];
    return m.decode(t >> 1) ^ (t & 1);
  }

  private void significancePass(int plane, boolean isRaw) {
    int[] fl = flags;
    MqDecoder m = new MqDecoder(mq);
    for (int y0 = 0, row = stride + 1; y0 < h; y0 += 4, row += stride) {
      int rows = Math.min(4, h - y0);
      for (int i = row, end = row + w; i < end; i++) {
        int f = fl[i];
        // Nothing significant in or around the column, or everything in it: nothing to code.
        if ((f & 0x3FFFF) == 0 || (f & SIG_ROWS) == SIG_ROWS) {
          continue;
        }
        // Unrolled so that every shift is a constant; likewise in the other passes.
        f = significanceStep(m, fl, i, f, 0, plane, isRaw);
        if (rows > 1) {
          f = significanceStep(m, fl, i, f, 1, plane, isRaw);
        }
        if (rows > 2) {
          f = significanceStep(m, fl, i, f, 2, plane, isRaw);
        }
        if (rows > 3) {
          f = significanceStep(m, fl, i, f, 3, plane, isRaw);
        }
        fl[i] = f;
      }
    }
    mq.resume(m);
  }

  /** Codes row {@code k} of the column at {@code i} whose word is {@code f}; returns the word. */
  private int significanceStep(
      MqDecoder m, int[] fl, int i, int f, int k, int plane, boolean isRaw) {
    int window = f >> 3 * k & 0x1FF;
    // Only insignificant samples with a significant neighbour belong to this pass.
    if ((window & SIG0) != 0 || window == 0) {
      return f;
    }
    int bit = isRaw ? raw.bit() : m.decode(sigCx[window]);
    if (bit != 0) {
      int negative = isRaw ? raw.bit() : decodeSign(m, signIndex(fl, i, f, k));
      f |= becomeSignificant(fl, i, k, negative, plane);
    }
    return f | VISIT0 << k;
  }

  private void refinementPass(int plane, boolean isRaw) {
    int[] fl = flags;
    MqDecoder m = new MqDecoder(mq);
    for (int y0 = 0, row = stride + 1; y0 < h; y0 += 4, row += stride) {
      int rows = Math.min(4, h - y0);
      for (int i = row, end = row + w; i < end; i++) {
        int f = fl[i];
        if ((f & SIG_ROWS) == 0) {
          continue;
        }
        f = refinementStep(m, i, f, 0, plane, isRaw);
        if (rows > 1) {
          f = refinementStep(m, i, f, 1, plane, isRaw);
        }
        if (rows > 2) {
          f = refinementStep(m, i, f, 2, plane, isRaw);
        }
        if (rows > 3) {
          f = refinementStep(m, i, f, 3, plane, isRaw);
        }
        fl[i] = f;
      }
    }
    mq.resume(m);
  }

  /** Refines row {@code k} of the column at {@code i} whose word is {@code f}; returns the word. */
  private int refinementStep(MqDecoder m, int i, int f, int k, int plane, boolean isRaw) {
    if ((f & (SIG0 << 3 * k | VISIT0 << k)) != SIG0 << 3 * k) {
      return f;
    }
    int bit;
    if (isRaw) {
      bit = raw.bit();
    } else {
      int neighbours = ((f >> 3 * k & NEIGHBOURS) + 0x1FF) >> 9;
      bit = m.decode(REFINE_CX[(f >> 27 + k & 2) | neighbours]);
    }
    // Arithmetic rather than a branch: refinement bits are close to coin flips.
    magnitudes[4 * i + k] += (bit << (plane + 1)) - (1 << plane);
    return f | REFINED0 << k;
  }

  private void cleanupPass(int plane) {
    int[] fl = flags;
    MqDecoder m = new MqDecoder(mq);
    for (int y0 = 0, row = stride + 1; y0 < h; y0 += 4, row += stride) {
      int rows = Math.min(4, h - y0);
      for (int i = row, end = row + w; i < end; i++) {
        int f = fl[i];
        // Run mode: a full column with nothing significant or visited in or around it.
        if (f == 0 && rows == 4) {
          if (m.decode(RUN_CX) == 0) {
            continue;
          }
          int k = m.decode(UNIFORM_CX) << 1;
          k |= m.decode(UNIFORM_CX);
          f = becomeSignificant(fl, i, k, decodeSign(m, signIndex(fl, i, f, k)), plane);
          // The rows the run covered count as visited, so the steps below skip them.
          f |= ((2 << k) - 1) * VISIT0;
        }
        f = cleanupStep(m, fl, i, f, 0, plane);
        if (rows > 1) {
          f = cleanupStep(m, fl, i, f, 1, plane);
        }
        if (rows > 2) {
          f = cleanupStep(m, fl, i, f, 2, plane);
        }
        if (rows > 3) {
          f = cleanupStep(m, fl, i, f, 3, plane);
        }
        fl[i] = f & ~VISITS;
      }
    }
    mq.resume(m);
  }

  /** Codes row {@code k} of the column at {@code i} whose word is {@code f}; returns the word. */
  private int cleanupStep(MqDecoder m, int[] fl, int i, int f, int k, int plane) {
    if ((f & (SIG0 << 3 * k | VISIT0 << k)) == 0 && m.decode(sigCx[f >> 3 * k & 0x1FF]) != 0) {
      return f | becomeSignificant(fl, i, k, decodeSign(m, signIndex(fl, i, f, k)), plane);
    }
    return f;
  }
}
