package org.radassist.dicom.codec.j2k;

/**
 * The MEL decoder of the HT cleanup pass (T.814 clause 7): an adaptive run-length code whose events
 * say whether a quad with an all-insignificant context has any significant sample. Its bytes grow
 * forward from the start of the MEL+VLC suffix; the nibble it shares with the VLC's first bits is
 * read as all ones, and so is anything past the end.
 */
final class HtMel {
  private static final int[] EXPONENT = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5};

  private final byte[] d;
  private int pos;
  private final int last;
  private int cur;
  private int left;
  private boolean afterFf;
  private int state;
  private int zeros;
  private boolean oneFollows;

  /** MEL bytes from {@code start}; the one at {@code last} is shared with the VLC stream. */
  HtMel(byte[] d, int start, int last) {
    this.d = d;
    this.pos = start;
    this.last = last;
  }

  int event() {
    while (zeros == 0 && !oneFollows) {
      int e = EXPONENT[state];
      if (bit() == 1) {
        zeros = 1 << e;
        state = Math.min(state + 1, 12);
      } else {
        int run = 0;
        for (int i = 0; i < e; i++) {
          run = run << 1 | bit();
        }
        zeros = run;
        oneFollows = true;
        state = Math.max(state - 1, 0);
      }
    }
    if (zeros > 0) {
      zeros--;
      return 0;
    }
    oneFollows = false;
    return 1;
  }

  private int bit() {
    if (left == 0) {
      int b;
      if (pos < last) {
        b = d[pos] & 0xFF;
      } else if (pos == last) {
        b = d[pos] & 0xFF | 0xF;
      } else {
        b = 0xFF;
      }
      pos++;
      left = afterFf ? 7 : 8;
      afterFf = b == 0xFF;
      cur = b;
    }
    left--;
    return (cur >> left) & 1;
  }
}
