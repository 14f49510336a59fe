package org.radassist.dicom.codec.j2k;

/**
 * Raw (bypass) coding passes (T.800 D.6): bits read as they are, except that after a 0xFF byte the
 * next byte's first bit is a stuffed zero. Past the segment end it reads 1-bits, like the MQ
 * decoder does.
 */
final class RawBits {
  private byte[] d;
  private int pos;
  private int end;
  private int buf;
  private int left;

  void start(byte[] data, int from, int to) {
    d = data;
    pos = from;
    end = to;
    buf = 0;
    left = 0;
  }

  int bit() {
    if (left == 0) {
      boolean stuffed = buf == 0xFF;
      buf = pos < end ? d[pos++] & 0xFF : 0xFF;
      left = stuffed ? 7 : 8;
    }
    left--;
    return (buf >> left) & 1;
  }
}
