package org.radassist.dicom.codec.j2k;

/** Big-endian reads from a bounded slice of a byte array; reading past the end is an error. */
final class ByteSource {
  final byte[] d;
  int pos;
  final int end;

  ByteSource(byte[] d, int pos, int end) {
    this.d = d;
    this.pos = pos;
    this.end = end;
  }

  int remaining() {
    return end - pos;
  }

  void need(int n, String what) throws J2kException {
    if (n < 0 || pos + n > end) {
      throw new J2kException("codestream ends inside " + what);
    }
  }

  int u8() {
    return d[pos++] & 0xFF;
  }

  int u16() {
    int v = ((d[pos] & 0xFF) << 8) | (d[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  long u32() {
    long v = ((long) u16() << 16) | u16();
    return v;
  }
}
