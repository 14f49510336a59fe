package org.radassist.dicom.codec.j2k;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;

/**
 * An ojph_compress codestream of one tile, one component, no wavelet and one code-block, taken
 * apart so that tests can give its block other coding passes than the encoder wrote.
 */
final class SingleBlockCodestream {
  private final byte[] d;
  private final int sot;
  private final int cod;
  private final int qcd;
  private final int zeroPlanes;
  private final int body;
  private final int cleanup;

  private SingleBlockCodestream(
      byte[] d, int sot, int cod, int qcd, int zeroPlanes, int body, int cleanup) {
    this.d = d;
    this.sot = sot;
    this.cod = cod;
    this.qcd = qcd;
    this.zeroPlanes = zeroPlanes;
    this.body = body;
    this.cleanup = cleanup;
  }

  static SingleBlockCodestream of(byte[] cs) {
    assertEquals(0xFF51, u16(cs, 2));
    int pos = 4 + u16(cs, 4);
    int cod = -1;
    int qcd = -1;
    while (u16(cs, pos) != 0xFF90) {
      if (u16(cs, pos) == 0xFF52) {
        cod = pos;
      } else if (u16(cs, pos) == 0xFF5C) {
        assertEquals(4, u16(cs, pos + 2), "QCD of one reversible subband");
        qcd = pos;
      }
      pos += 2 + u16(cs, pos + 2);
    }
    int sod = pos + 12;
    assertEquals(0xFF93, u16(cs, sod), "no tile-part header markers");
    HeaderBits in = new HeaderBits(cs, sod + 2);
    assertEquals(1, in.bit(), "packet not empty");
    assertEquals(1, in.bit(), "block included");
    int zero = 0;
    while (in.bit() == 0) {
      zero++;
    }
    assertEquals(0, in.bit(), "one coding pass");
    int lblock = 3;
    while (in.bit() == 1) {
      lblock++;
    }
    int length = in.bits(lblock);
    int body = in.end();
    assertEquals(0xFFD9, u16(cs, body + length), "one packet, then EOC");
    return new SingleBlockCodestream(cs, pos, cod, qcd, zero, body, length);
  }

  /** The cleanup segment as coded. */
  byte[] cleanup() {
    return java.util.Arrays.copyOfRange(d, body, body + cleanup);
  }

  /**
   * The codestream with {@code passes} passes in {@code segments} (the first the cleanup's); with
   * {@code planeHigher}, SIZ precision and the QCD exponent are one higher, so the cleanup pass,
   * bytes unchanged, ends a bit-plane above the samples.
   */
  byte[] rebuild(boolean planeHigher, boolean causal, int passes, byte[]... segments) {
    byte[] m = java.util.Arrays.copyOf(d, sot);
    if (planeHigher) {
      m[42]++;
      m[qcd + 5] += 8;
    }
    if (causal) {
      m[cod + 12] |= 0x08;
    }
    int[] perSegment = new int[segments.length];
    for (int s = 0, left = passes; s < segments.length; s++) {
      perSegment[s] = Math.min(left, s == 0 ? 1 : 2);
      left -= perSegment[s];
    }
    int grow = 0;
    for (int s = 0; s < segments.length; s++) {
      int bits = 31 - Integer.numberOfLeadingZeros(Math.max(perSegment[s], 1));
      while (segments[s].length >= 1L << (3 + grow + bits)) {
        grow++;
      }
    }
    HeaderBits.Writer w = new HeaderBits.Writer();
    w.add(1, 1);
    w.add(1, 1);
    w.add(0, zeroPlanes);
    w.add(1, 1);
    passCount(w, passes);
    w.add((1 << grow) - 1, grow);
    w.add(0, 1);
    for (int s = 0; s < segments.length; s++) {
      int bits = 31 - Integer.numberOfLeadingZeros(Math.max(perSegment[s], 1));
      w.add(segments[s].length, 3 + grow + bits);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(m);
    out.write(d, sot, 14);
    out.writeBytes(w.bytes());
    for (byte[] s : segments) {
      out.writeBytes(s);
    }
    out.write(0xFF);
    out.write(0xD9);
    byte[] result = out.toByteArray();
    long psot = result.length - 2 - sot;
    for (int k = 0; k < 4; k++) {
      result[sot + 6 + k] = (byte) (psot >> (24 - 8 * k));
    }
    return result;
  }

  /** The codeword of T.800 Table B.4. */
  private static void passCount(HeaderBits.Writer w, int passes) {
    if (passes == 1) {
      w.add(0, 1);
    } else if (passes == 2) {
      w.add(0b10, 2);
    } else if (passes <= 5) {
      w.add(0b11, 2);
      w.add(passes - 3, 2);
    } else {
      w.add(0b1111, 4);
      w.add(passes - 6, 5);
    }
  }

  private static int u16(byte[] d, int p) {
    return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
  }
}
