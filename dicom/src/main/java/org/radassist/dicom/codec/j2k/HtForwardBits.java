package org.radassist.dicom.codec.j2k;

/**
 * A forward-growing HT bit-stream, MagSgn or SigProp (T.814 clause 7), read least significant bit
 * first. After a 0xFF byte the next byte carries only seven bits, which keeps marker codes out of
 * the data. Past its end a stream reads as {@code fill} bytes, the value the standard lets an
 * encoder truncate.
 */
final class HtForwardBits {
  private final byte[] d;
  private int pos;
  private final int end;
  private final int fill;
  private long buf;
  private int count;
  private boolean afterFf;

  HtForwardBits(byte[] d, int start, int end, int fill) {
    this.d = d;
    this.pos = start;
    this.end = end;
    this.fill = fill;
  }

  /** The next 32 bits, without consuming them. */
  int peek() {
    while (count <= 56) {
      int b = pos < end ? d[pos++] & 0xFF : fill;
      int stuffed = afterFf ? 1 : 0;
      b &= 0xFF >> stuffed;
      afterFf = b == 0xFF;
      buf |= (long) b << count;
      count += 8 - stuffed;
    }
    return (int) buf;
  }

  /** The next {@code n} bits (n at most 32) as an unsigned value, consumed. */
  long take(int n) {
    peek();
    long v = buf & ((1L << n) - 1);
    buf >>>= n;
    count -= n;
    return v;
  }
}
