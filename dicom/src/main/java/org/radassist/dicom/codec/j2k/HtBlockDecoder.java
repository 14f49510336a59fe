package org.radassist.dicom.codec.j2k;

import java.util.Arrays;

/**
 * HT code-block decoding (T.814 clause 7): the cleanup pass, whose VLC and MEL streams say which
 * samples of each 2x2 quad are significant and how many magnitude bits they have, and whose MagSgn
 * stream holds those bits; then the optional SigProp and MagRef passes refine one more bit-plane
 * ({@link HtRefinement}). Coefficients come out as {@link BlockDecoder} leaves them: signed, with
 * one extra low bit set at the middle of the last decoded bit-plane's interval, so dequantisation
 * and the inverse wavelet do not care which coder a block used. One instance per thread.
 */
final class HtBlockDecoder {
  /** Decoded coefficients of the last block, row-major, signed, with the extra half bit. */
  int[] coefficients = new int[0];

  /** Cleanup significance per sample, which the refinement passes start from. */
  private byte[] significant = new byte[0];

  private int[] quads = new int[0];
  private int[] exponents = new int[0];

  /**
   * Decodes {@code cb} of a subband with {@code magnitudeBits} bit-planes (Mb + ROI shift). With no
   * placeholder passes the cleanup pass ends at bit-plane Mb − 1 − missing MSBs, and a magnitude
   * may use every bit-plane from there up to Mb − 1.
   */
  void decode(CodeBlock cb, int magnitudeBits, boolean causal) throws J2kException {
    int planes = magnitudeBits - cb.zeroPlanes;
    int w = cb.width;
    int h = cb.height;
    if (coefficients.length < w * h) {
      coefficients = new int[w * h];
      significant = new byte[w * h];
    } else {
      Arrays.fill(coefficients, 0, w * h, 0);
      Arrays.fill(significant, 0, w * h, (byte) 0);
    }
    if (cb.passes == 0) {
      return;
    }
    if (cb.passes > 3) {
      throw new J2kException(
          "HT code-block has "
              + cb.passes
              + " coding passes; placeholder passes and more than one HT set are not supported");
    }
    if (planes < 1 || planes > 30) {
      throw new J2kException(
          "HT code-block has " + planes + " bit-planes below its missing MSBs (corrupt)");
    }
    int lcup = cb.segmentLengths[0];
    int refineLength = cb.segments > 1 ? cb.segmentLengths[1] : 0;
    if (lcup < 2 || lcup + refineLength > cb.length) {
      throw new J2kException(
          "HT cleanup segment of " + lcup + " bytes in a block of " + cb.length + " (corrupt)");
    }
    byte[] d = cb.data;
    int scup = (d[lcup - 1] & 0xFF) << 4 | (d[lcup - 2] & 0xF);
    if (scup < 2 || scup > lcup || scup > 4079) {
      throw new J2kException(
          "HT cleanup segment says its MEL and VLC take " + scup + " of " + lcup + " bytes");
    }
    int plane = planes - 1;
    cleanup(d, lcup, scup, w, h, plane, cb.zeroPlanes + 2);
    // Refinement passes that came with no bytes are read as absent, as OpenJPH and OpenJPEG do:
    // decoding them from nothing would turn every MagRef bit into a 0.
    if (cb.passes > 1 && refineLength > 0) {
      if (plane == 0) {
        throw new J2kException("HT code-block refines below bit-plane 0 (corrupt)");
      }
      HtForwardBits sigProp = new HtForwardBits(d, lcup, lcup + refineLength, 0);
      HtRefinement.significancePropagation(
          coefficients, significant, sigProp, w, h, plane - 1, causal);
      if (cb.passes == 3) {
        HtReverseBits magRef = HtReverseBits.magRef(d, lcup, refineLength);
        HtRefinement.magnitudeRefinement(coefficients, significant, magRef, w, h, plane - 1);
      }
    }
  }

  /** {@code maxU} bounds a sample's magnitude-and-sign bits: one per magnitude bit-plane, + 1. */
  private void cleanup(byte[] d, int lcup, int scup, int w, int h, int plane, int maxU)
      throws J2kException {
    int qw = (w + 1) >> 1;
    int qh = (h + 1) >> 1;
    if (quads.length < 2 * qw * qh) {
      quads = new int[2 * qw * qh];
    }
    if (exponents.length < 2 * (2 * qw + 4)) {
      exponents = new int[2 * (2 * qw + 4)];
    }
    HtMel mel = new HtMel(d, lcup - scup, lcup - 2);
    HtReverseBits vlc = HtReverseBits.vlc(d, 0, lcup, scup);
    for (int qy = 0; qy < qh; qy++) {
      quadRow(qy, qw, mel, vlc);
    }
    HtForwardBits magSgn = new HtForwardBits(d, 0, lcup - scup, 0xFF);
    int stride = 2 * qw + 4;
    Arrays.fill(exponents, 0, 2 * stride, 0);
    for (int qy = 0; qy < qh; qy++) {
      int above = (qy & 1) == 0 ? stride : 0;
      int here = stride - above;
      for (int qx = 0; qx < qw; qx++) {
        int info = quads[2 * (qy * qw + qx)];
        int u = quads[2 * (qy * qw + qx) + 1];
        int rho = HtVlcTable.rho(info);
        if (qy > 0) {
          int kappa = 1;
          if (Integer.bitCount(rho) > 1) {
            int e = 0;
            for (int c = 2 * qx - 1; c <= 2 * qx + 2; c++) {
              e |= exponents[above + 1 + c];
            }
            kappa = Math.max(32 - Integer.numberOfLeadingZeros(e) - 1, 1);
          }
          u += kappa;
        }
        if (u > maxU) {
          throw new J2kException(
              "HT quad has " + u + " magnitude bits where at most " + maxU + " fit (corrupt)");
        }
        for (int n = 0; n < 4; n++) {
          int x = 2 * qx + (n >> 1);
          int y = 2 * qy + (n & 1);
          int v = 0;
          if ((rho >> n & 1) != 0) {
            int m = u - (HtVlcTable.ek(info) >> n & 1);
            long bits = magSgn.take(m) | (long) (HtVlcTable.e1(info) >> n & 1) << m;
            long magnitude = ((bits >> 1) + 1) << 1 | 1;
            long value = magnitude << plane;
            if (value > Integer.MAX_VALUE) {
              throw new J2kException("HT sample exceeds 31 bits (corrupt)");
            }
            if (x < w && y < h) {
              coefficients[y * w + x] = (bits & 1) != 0 ? (int) -value : (int) value;
              significant[y * w + x] = HtRefinement.CLEANUP;
            }
            v = (int) Math.min(bits | 1, Integer.MAX_VALUE);
          }
          if ((n & 1) == 1) {
            exponents[here + 1 + x] = v;
          }
        }
      }
    }
  }

  /** Step one of the cleanup pass for one row of quads: significance, EMB bits and u. */
  private void quadRow(int qy, int qw, HtMel mel, HtReverseBits vlc) {
    boolean initial = qy == 0;
    int[] table = HtVlcTable.LOOKUP[initial ? 0 : 1];
    int base = 2 * qy * qw;
    for (int qx = 0; qx < qw; qx += 2) {
      int info0 = quad(table, context(qy, qx, qw), mel, vlc);
      quads[base + 2 * qx] = info0;
      boolean pair = qx + 1 < qw;
      int info1 = 0;
      if (pair) {
        info1 = quad(table, context(qy, qx + 1, qw), mel, vlc);
        quads[base + 2 * qx + 2] = info1;
      }
      int u0 = 0;
      int u1 = 0;
      boolean off0 = HtVlcTable.uOffset(info0) != 0;
      boolean off1 = HtVlcTable.uOffset(info1) != 0;
      if (off0 && off1) {
        if (initial && mel.event() == 1) {
          int p0 = prefix(vlc);
          int p1 = prefix(vlc);
          u0 = 2 + p0 + suffix(vlc, p0);
          u1 = 2 + p1 + suffix(vlc, p1);
        } else {
          int p0 = prefix(vlc);
          if (initial && p0 > 2) {
            // In the initial row, after a long first prefix the second quad's u is one bit.
            u1 = 1 + vlc.take(1);
            u0 = p0 + suffix(vlc, p0);
          } else {
            int p1 = prefix(vlc);
            u0 = p0 + suffix(vlc, p0);
            u1 = p1 + suffix(vlc, p1);
          }
        }
      } else if (off0) {
        int p0 = prefix(vlc);
        u0 = p0 + suffix(vlc, p0);
      } else if (off1) {
        int p1 = prefix(vlc);
        u1 = p1 + suffix(vlc, p1);
      }
      // In the initial row the exponent bound kappa is always 1 (T.814 clause 7).
      int kappa = initial ? 1 : 0;
      quads[base + 2 * qx + 1] = u0 + kappa;
      if (pair) {
        quads[base + 2 * qx + 3] = u1 + kappa;
      }
    }
  }

  /**
   * A quad's VLC context (T.814 equations 1 and 2) from the significance of its already decoded
   * neighbours: in the first row the quad to the left; below it also the row above.
   */
  private int context(int qy, int qx, int qw) {
    int base = 2 * qy * qw;
    int left = qx > 0 ? HtVlcTable.rho(quads[base + 2 * (qx - 1)]) : 0;
    if (qy == 0) {
      return (left & 1 | left >> 1 & 1) | (left >> 2 & 1) << 1 | (left >> 3 & 1) << 2;
    }
    int up = base - 2 * qw;
    int a = HtVlcTable.rho(quads[up + 2 * qx]);
    int al = qx > 0 ? HtVlcTable.rho(quads[up + 2 * (qx - 1)]) : 0;
    int ar = qx + 1 < qw ? HtVlcTable.rho(quads[up + 2 * (qx + 1)]) : 0;
    int nw = (al >> 3 | a >> 1) & 1;
    int w = (left >> 2 | left >> 3) & 1;
    int ne = (a >> 3 | ar >> 1) & 1;
    return nw | w << 1 | ne << 2;
  }

  /** One quad's VLC codeword; with an all-zero context a MEL event first says if it has one. */
  private static int quad(int[] table, int context, HtMel mel, HtReverseBits vlc) {
    if (context == 0 && mel.event() == 0) {
      return 0;
    }
    int entry = table[context << 7 | (vlc.peek() & 0x7F)];
    vlc.skip(HtVlcTable.length(entry));
    return entry;
  }

  /** The UVLC prefix (T.814 Table 3): "1", "01", "001", "000" give 1, 2, 3, 5. */
  private static int prefix(HtReverseBits vlc) {
    int bits = vlc.peek();
    if ((bits & 1) != 0) {
      vlc.skip(1);
      return 1;
    }
    if ((bits & 2) != 0) {
      vlc.skip(2);
      return 2;
    }
    vlc.skip(3);
    return (bits & 4) != 0 ? 3 : 5;
  }

  private static int suffix(HtReverseBits vlc, int prefix) {
    return prefix == 3 ? vlc.take(1) : prefix == 5 ? vlc.take(5) : 0;
  }
}
