package org.radassist.dicom.codec.j2k;

/**
 * A backward-growing HT bit-stream, VLC or MagRef (T.814 clause 7), read from its last byte towards
 * its first, least significant bit first. A byte above 0x8F followed (in reading order) by one
 * whose low seven bits are all set means the latter's top bit was stuffed and carries nothing. Past
 * its start the stream reads as zeros.
 */
final class HtReverseBits {
  private final byte[] d;
  private int pos;
  private final int start;
  private long buf;
  private int count;
  private boolean afterHigh;

  private HtReverseBits(byte[] d, int last, int start, boolean afterHigh) {
    this.d = d;
    this.pos = last;
    this.start = start;
    this.afterHigh = afterHigh;
  }

  /**
   * The VLC stream of a cleanup segment at {@code off} of {@code lcup} bytes whose MEL and VLC take
   * the last {@code scup}: it starts in the upper nibble of the second-to-last byte, the rest of
   * those two bytes holding {@code scup} itself.
   */
  static HtReverseBits vlc(byte[] d, int off, int lcup, int scup) {
    int first = d[off + lcup - 2] & 0xFF;
    HtReverseBits r = new HtReverseBits(d, off + lcup - 3, off + lcup - scup, first > 0x8F);
    int nibble = first >> 4;
    int stuffed = (nibble & 7) == 7 ? 1 : 0;
    r.buf = nibble & (0xF >> stuffed);
    r.count = 4 - stuffed;
    return r;
  }

  /** The MagRef stream, at the end of the {@code length} refinement bytes from {@code off}. */
  static HtReverseBits magRef(byte[] d, int off, int length) {
    return new HtReverseBits(d, off + length - 1, off, true);
  }

  int peek() {
    while (count <= 56) {
      int b = pos >= start ? d[pos--] & 0xFF : 0;
      int stuffed = afterHigh && (b & 0x7F) == 0x7F ? 1 : 0;
      b &= 0xFF >> stuffed;
      afterHigh = b > 0x8F;
      buf |= (long) b << count;
      count += 8 - stuffed;
    }
    return (int) buf;
  }

  void skip(int n) {
    buf >>>= n;
    count -= n;
  }

  int take(int n) {
    int v = peek() & ((1 << n) - 1);
    skip(n);
    return v;
  }
}
