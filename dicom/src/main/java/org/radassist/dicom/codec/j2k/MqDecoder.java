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

  /**
   * Per context, the unrolled table entry itself rather than its index: a decision then starts with
   * one load instead of two dependent ones. Shared by a decoder and its pass copies.
   */
  final int[] contexts;

  private byte[] d;
  private int bp;
  private int end;
  private int a;

  /**
   * The C register of C.3 widened to 64 bits: Chigh sits in bits 32-47 and up to 32 bits read ahead
   * wait below it, {@code ct} of them valid, so a renormalisation seldom stops for a byte.
   */
  private long c;

  private int ct;

  MqDecoder() {
    contexts = new int[19];
  }

  /**
   * A copy for one coding pass. It lives in a local variable and never escapes, so the JIT keeps
   * its registers in CPU registers instead of storing them to the heap after every decision.
   */
  MqDecoder(MqDecoder from) {
    contexts = from.contexts;
    d = from.d;
    bp = from.bp;
    end = from.end;
    a = from.a;
    c = from.c;
    ct = from.ct;
  }

  /** Takes back the registers of a pass copy. */
  void resume(MqDecoder pass) {
    bp = pass.bp;
    a = pass.a;
    c = pass.c;
    ct = pass.ct;
  }

  void resetContexts() {
    java.util.Arrays.fill(contexts, ENTRY[0]);
    contexts[0] = ENTRY[2 * 4];
    contexts[17] = ENTRY[2 * 3];
    contexts[18] = ENTRY[2 * 46];
  }

  void start(byte[] data, int from, int to) {
    d = data;
    bp = from;
    end = to;
    c = (long) byteAt(data, from, to) << 32;
    ct = 0;
    fill();
    c <<= 7;
    ct -= 7;
    a = 0x8000;
  }

  private static int byteAt(byte[] d, int i, int end) {
    return i < end ? d[i] & 0xFF : 0xFF;
  }

  private void fill() {
    long r = readAhead(d, bp, end, ct);
    c += r & 0x1_FFFF_FFFFL;
    ct = (int) (r >>> 33) & 0x3F;
    bp += (int) (r >>> 40);
  }

  /**
   * BYTEIN of C.3.4 repeated until more than 24 bits wait in C. Static, so that calling it out of
   * line does not let a pass copy escape; returns what to add to C (bits 0-32), the new CT (bits
   * 33-38) and how far the byte pointer moved (bits 40 up).
   */
  private static long readAhead(byte[] d, int bp, int end, int ct) {
    long add = 0;
    int from = bp;
    do {
      if (byteAt(d, bp, end) == 0xFF) {
        int next = byteAt(d, bp + 1, end);
        if (next > 0x8F) {
          add += 0xFFL << (24 - ct);
          ct += 8;
        } else {
          bp++;
          add += (long) next << (25 - ct);
          ct += 7;
        }
      } else {
        bp++;
        add += (long) byteAt(d, bp, end) << (24 - ct);
        ct += 8;
      }
    } while (ct <= 24);
    return add | (long) ct << 33 | (long) (bp - from) << 40;
  }

  /**
   * One decision without a data-dependent branch: near-random decisions (refinement bits, low
   * bit-planes of noisy images) made the MPS/LPS branches of C.3.2 mispredict often. Masks select
   * what the branches would have: {@code lower} is -1 when Chigh < Qe, {@code lps} is -1 when the
   * decoded sub-interval is the LPS one after the conditional exchange.
   */
  int decode(int cx) {
    int t = contexts[cx];
    int qe = t & 0xFFFF;
    int rest = a - qe;
    int lower = (int) (((c >>> 32) - qe) >> 63);
    c -= (long) (qe & ~lower) << 32;
    int interval = (rest & ~lower) | (qe & lower);
    int lps = ((rest - qe) >> 31) ^ lower;
    int n = Integer.numberOfLeadingZeros(interval) - 16;
    int afterMps = (t >>> 17) & 0x7F;
    int next = ENTRY[afterMps ^ (((t >>> 24) ^ afterMps) & lps)];
    // The state moves only when the interval is renormalised (n > 0).
    int moved = -n >> 31;
    contexts[cx] = (t & ~moved) | (next & moved);
    if (ct < n) {
      fill();
    }
    a = interval << n;
    c <<= n;
    ct -= n;
    return ((t >>> 16) ^ lps) & 1;
  }
}
