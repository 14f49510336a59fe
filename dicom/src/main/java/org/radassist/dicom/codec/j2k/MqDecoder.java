package org.radassist.dicom.codec.j2k;

/**
 * The MQ arithmetic decoder of T.800 Annex C (software conventions of C.3), with the probability
 * estimation table C.2. Bytes past the end of a segment read as 0xFF, which the decoder treats as a
 * marker and answers with 1-bits, as C.3.4 prescribes.
 */
final class MqDecoder {
  private static final int[] QE = {
    0x5601, 0x3401, 0x1801, 0x0AC1, 0x0521, 0x0221, 0x5601, 0x5401, 0x4801, 0x3801, 0x3001,
    0x2401, 0x1C01, 0x1601, 0x5601, 0x5401, 0x5101, 0x4801, 0x3801, 0x3401, 0x3001, 0x2801,
    0x2401, 0x2201, 0x1C01, 0x1801, 0x1601, 0x1401, 0x1201, 0x1101, 0x0AC1, 0x09C1, 0x08A1,
    0x0521, 0x0441, 0x02A1, 0x0221, 0x0141, 0x0111, 0x0085, 0x0049, 0x0025, 0x0015, 0x0009,
    0x0005, 0x0001, 0x5601
  };
  private static final int[] NMPS = {
    1, 2, 3, 4, 5, 38, 7, 8, 9, 10, 11, 12, 13, 29, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
    27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 45, 46
  };
  private static final int[] NLPS = {
    1, 6, 9, 12, 29, 33, 6, 14, 14, 14, 17, 18, 20, 21, 14, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22,
    23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 46
  };
  private static final int[] SWITCH = {
    1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /**
   * The table unrolled over the MPS value and packed in one int per entry {@code 2 * state + mps}:
   * Qe in bits 0-15, the MPS in bit 16, the entry after an MPS in bits 17-23 and after an LPS
   * (SWITCH applied) in bits 24-30, so that a decision costs one table load.
   */
  private static final int[] ENTRY = new int[94];

  static {
    for (int state = 0; state < 47; state++) {
      for (int mps = 0; mps < 2; mps++) {
        int nextMps = 2 * NMPS[state] + mps;
        int nextLps = 2 * NLPS[state] + (SWITCH[state] != 0 ? 1 - mps : mps);
        ENTRY[2 * state + mps] = QE[state] | mps << 16 | nextMps << 17 | nextLps << 24;
      }
    }
  }

  /** Per context, its entry in the unrolled table. */
  final int[] contexts = new int[19];

  private byte[] d;
  private int bp;
  private int end;
  private int a;
  private int c;
  private int ct;

  void resetContexts() {
    java.util.Arrays.fill(contexts, 0);
    contexts[0] = 2 * 4;
    contexts[17] = 2 * 3;
    contexts[18] = 2 * 46;
  }

  void start(byte[] data, int from, int to) {
    d = data;
    bp = from;
    end = to;
    c = byteAt(bp) << 16;
    byteIn();
    c <<= 7;
    ct -= 7;
    a = 0x8000;
  }

  private int byteAt(int i) {
    return i < end ? d[i] & 0xFF : 0xFF;
  }

  private void byteIn() {
    if (byteAt(bp) == 0xFF) {
      int next = byteAt(bp + 1);
      if (next > 0x8F) {
        c += 0xFF00;
        ct = 8;
      } else {
        bp++;
        c += next << 9;
        ct = 7;
      }
    } else {
      bp++;
      c += byteAt(bp) << 8;
      ct = 8;
    }
  }

  int decode(int cx) {
    int t = ENTRY[contexts[cx]];
    int qe = t & 0xFFFF;
    int bit = (t >>> 16) & 1;
    a -= qe;
    if ((c >>> 16) >= qe) {
      c -= qe << 16;
      if ((a & 0x8000) != 0) {
        return bit;
      }
      if (a < qe) {
        contexts[cx] = t >>> 24;
        bit ^= 1;
      } else {
        contexts[cx] = (t >>> 17) & 0x7F;
      }
    } else {
      if (a < qe) {
        contexts[cx] = (t >>> 17) & 0x7F;
      } else {
        contexts[cx] = t >>> 24;
        bit ^= 1;
      }
      a = qe;
    }
    // One renormalisation site keeps the decision small enough to inline everywhere it is used.
    renormalise();
    return bit;
  }

  /** Shifts A back above 0x8000 in as few steps as the byte boundaries allow. */
  private void renormalise() {
    int n = Integer.numberOfLeadingZeros(a) - 16;
    do {
      if (ct == 0) {
        byteIn();
      }
      int s = Math.min(n, ct);
      a <<= s;
      c <<= s;
      ct -= s;
      n -= s;
    } while (n > 0);
  }
}
