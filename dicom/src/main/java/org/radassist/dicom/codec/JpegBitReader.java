package org.radassist.dicom.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the entropy-coded segments of a JPEG scan (T.81 F.2.2.5, F.1.2.3): byte-stuffing removed,
 * bits kept left-aligned in a 64-bit buffer, zeros supplied past a marker as IJG does, and the
 * number of such padding bits kept so a truncated scan is an error rather than grey pixels.
 */
final class JpegBitReader {
  private static final int PEEK_SHIFT = 64 - JpegHuffman.LOOKAHEAD;
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final byte[] d;
  private int pos;
  private long buf;
  private int count;
  private boolean hitMarker;
  private int paddedBits;

  JpegBitReader(byte[] d) {
    this.d = d;
  }

  /** Starts reading entropy-coded data at {@code p}. */
  void start(int p) {
    pos = p;
    clear();
  }

  private void clear() {
    buf = 0;
    count = 0;
    hitMarker = false;
    paddedBits = 0;
  }

  /** Ends the scan; returns the position of the marker that follows it. */
  int finish() throws CodecException {
    checkNotTruncated();
    while (pos + 1 < d.length) {
      int m = d[pos + 1] & 0xFF;
      if ((d[pos] & 0xFF) == 0xFF && m != 0 && !(m >= 0xD0 && m <= 0xD7)) {
        return pos;
      }
      pos++;
    }
    return d.length;
  }

  /** Consumes the RSTn marker that ends a restart interval. */
  void restart() throws CodecException {
    checkNotTruncated();
    clear();
    while (pos + 1 < d.length) {
      int m = d[pos + 1] & 0xFF;
      if ((d[pos] & 0xFF) == 0xFF && m >= 0xD0 && m <= 0xD7) {
        pos += 2;
        return;
      }
      if ((d[pos] & 0xFF) == 0xFF && m != 0 && m != 0xFF) {
        throw new CodecException("JPEG restart marker missing");
      }
      pos++;
    }
    throw new CodecException("JPEG codestream ends before a restart marker");
  }

  /** Entropy-coded data must hold every bit the scan decodes; zeros beyond it are not pixels. */
  private void checkNotTruncated() throws CodecException {
    if (paddedBits - count > 16) {
      throw new CodecException(
          "JPEG scan data ends before the last block (codestream truncated or corrupt)");
    }
  }

  /** Tops the buffer up to at least 57 bits, so any code plus its magnitude bits is in it. */
  private void fill() {
    if (!hitMarker && count >= 0 && count <= 56 && pos + 8 <= d.length) {
      long next = (long) BIG_ENDIAN_LONG.get(d, pos);
      long inverted = ~next;
      if (((inverted - ONES) & ~inverted & HIGHS) == 0) {
        // No 0xFF among the next eight bytes: no stuffing, no marker, take whole bytes at once.
        int n = (64 - count) >> 3;
        buf |= (next & (-1L << (64 - 8 * n))) >>> count;
        pos += n;
        count += 8 * n;
        return;
      }
    }
    while (count <= 56) {
      int b = 0;
      if (hitMarker || pos >= d.length) {
        paddedBits += 8;
      } else {
        b = d[pos] & 0xFF;
        if (b == 0xFF) {
          int n = pos + 1 < d.length ? d[pos + 1] & 0xFF : 0xD9;
          if (n == 0) {
            pos += 2;
          } else {
            hitMarker = true;
            b = 0;
            paddedBits += 8;
          }
        } else {
          pos++;
        }
      }
      buf |= (long) b << (56 - count);
      count += 8;
    }
  }

  int bits(int n) {
    if (n == 0) {
      return 0;
    }
    if (count < n) {
      fill();
    }
    int v = (int) (buf >>> (64 - n));
    buf <<= n;
    count -= n;
    return v;
  }

  int bit() {
    return bits(1);
  }

  /** The next Huffman-coded symbol. */
  int symbol(JpegHuffman h) throws CodecException {
    if (count < 16) {
      fill();
    }
    int e = h.lookup[(int) (buf >>> PEEK_SHIFT)];
    if (e >= 0) {
      int len = e >>> 16;
      buf <<= len;
      count -= len;
      return e & 0xFF;
    }
    for (int len = JpegHuffman.LOOKAHEAD + 1; len <= 16; len++) {
      int code = (int) (buf >>> (64 - len));
      if (code <= h.maxCode[len]) {
        buf <<= len;
        count -= len;
        return h.values[h.valPtr[len] + code - h.minCode[len]];
      }
    }
    throw new CodecException("JPEG codestream is corrupt (invalid Huffman code)");
  }

  /**
   * A DC or lossless difference: category then magnitude bits (T.81 F.2.2.1). In lossless scans
   * category 16 has no magnitude bits and means 32768 (H.1.2.2).
   */
  int difference(JpegHuffman h, boolean lossless) throws CodecException {
    if (count < 16) {
      fill();
    }
    int e = h.coefficient[(int) (buf >>> PEEK_SHIFT)];
    if (e != 0) {
      int n = e & 31;
      buf <<= n;
      count -= n;
      return e >> 16;
    }
    int s = symbol(h);
    if (lossless && s >= 16) {
      if (s > 16) {
        throw new CodecException("lossless JPEG difference category " + s + " exceeds 16");
      }
      return 32768;
    }
    return JpegHuffman.extend(bits(s), s);
  }

  /**
   * Samples {@code from} to {@code end} of a lossless row predicted from the left neighbour,
   * starting from {@code px}: a running sum of differences, modulo 2^16. Nearly every sample of a
   * lossless radiograph goes through here, so the bit buffer lives in locals, as in {@link
   * #acCoefficients}.
   */
  void runningSum(JpegHuffman h, int[] p, int from, int end, int px) throws CodecException {
    int[] table = h.coefficient;
    long b = buf;
    int c = count;
    for (int x = from; x < end; x++) {
      if (c < 16) {
        buf = b;
        count = c;
        fill();
        b = buf;
        c = count;
      }
      int e = table[(int) (b >>> PEEK_SHIFT)];
      int diff;
      if (e != 0) {
        int n = e & 31;
        b <<= n;
        c -= n;
        diff = e >> 16;
      } else {
        buf = b;
        count = c;
        diff = difference(h, true);
        b = buf;
        c = count;
      }
      px = (px + diff) & 0xFFFF;
      p[x] = px;
    }
    buf = b;
    count = c;
  }

  /**
   * The AC coefficients of one sequential block (T.81 F.2.2.2), dequantised by {@code zq} (the
   * quantisation table in zigzag order) into {@code block} in natural order; returns whether any
   * was non-zero, so that a flat block can skip the inverse DCT. The buffer lives in locals here
   * because this loop is where a baseline decode spends most of its entropy-decoding time.
   */
  boolean acCoefficients(JpegHuffman h, int[] block, int[] zq) throws CodecException {
    int[] table = h.coefficient;
    long b = buf;
    int c = count;
    boolean any = false;
    for (int k = 1; k < 64; ) {
      if (c < 16) {
        buf = b;
        count = c;
        fill();
        b = buf;
        c = count;
      }
      int e = table[(int) (b >>> PEEK_SHIFT)];
      int run;
      int value;
      if (e != 0) {
        int n = e & 31;
        b <<= n;
        c -= n;
        run = (e >> 8) & 15;
        value = e >> 16;
      } else {
        buf = b;
        count = c;
        int rs = symbol(h);
        int s = rs & 15;
        run = rs >> 4;
        value = JpegHuffman.extend(bits(s), s);
        b = buf;
        c = count;
      }
      if (value == 0) {
        if (run != 15) {
          break;
        }
        k += 16;
        continue;
      }
      k += run;
      if (k > 63) {
        throw new CodecException("JPEG codestream is corrupt (coefficient index past 63)");
      }
      block[JpegIdct.ZIGZAG[k]] = value * zq[k];
      any = true;
      k++;
    }
    buf = b;
    count = c;
    return any;
  }
}
