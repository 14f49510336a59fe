package org.radassist.dicom.codec.j2k;

/**
 * Bit reader for packet headers (T.800 B.10.1): after a 0xFF byte only seven bits of the next byte
 * carry data, so that no marker can appear inside a header.
 */
final class PacketBits {
  private final byte[] d;
  private final int end;
  int pos;
  private int buf;
  private int left;
  private boolean afterFf;

  PacketBits(byte[] d, int pos, int end) {
    this.d = d;
    this.pos = pos;
    this.end = end;
  }

  int bit() throws J2kException {
    if (left == 0) {
      if (pos >= end) {
        throw new J2kException("codestream ends inside a packet header (truncated)");
      }
      buf = d[pos++] & 0xFF;
      left = afterFf ? 7 : 8;
      afterFf = buf == 0xFF;
    }
    left--;
    return (buf >> left) & 1;
  }

  int bits(int n) throws J2kException {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | bit();
    }
    return v;
  }

  /** Ends a header: skips the rest of the byte, and the stuffed byte after a final 0xFF. */
  void align() {
    left = 0;
    if (afterFf) {
      pos++;
      afterFf = false;
    }
  }
}
