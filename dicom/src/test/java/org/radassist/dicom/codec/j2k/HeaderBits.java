package org.radassist.dicom.codec.j2k;

import java.io.ByteArrayOutputStream;

/**
 * Packet-header bits for tests that take a codestream apart and put it back (T.800 B.10.1): most
 * significant bit first, and after a 0xFF byte the next carries seven bits.
 */
final class HeaderBits {
  private final byte[] d;
  private int pos;
  private int cur;
  private int left;
  private boolean afterFf;

  HeaderBits(byte[] d, int pos) {
    this.d = d;
    this.pos = pos;
  }

  int bit() {
    if (left == 0) {
      cur = d[pos++] & 0xFF;
      left = afterFf ? 7 : 8;
      afterFf = cur == 0xFF;
    }
    left--;
    return cur >> left & 1;
  }

  int bits(int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = v << 1 | bit();
    }
    return v;
  }

  /** Where the packet body starts: past the partial byte, and the byte stuffed after a 0xFF. */
  int end() {
    return afterFf ? pos + 1 : pos;
  }

  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int cur;
    private int count;
    private boolean afterFf;

    void add(int value, int n) {
      for (int i = n - 1; i >= 0; i--) {
        cur = cur << 1 | (value >> i & 1);
        if (++count == (afterFf ? 7 : 8)) {
          flush();
        }
      }
    }

    private void flush() {
      out.write(cur);
      afterFf = cur == 0xFF;
      cur = 0;
      count = 0;
    }

    byte[] bytes() {
      if (count > 0) {
        cur <<= (afterFf ? 7 : 8) - count;
        flush();
      }
      if (afterFf) {
        out.write(0);
      }
      return out.toByteArray();
    }
  }
}
