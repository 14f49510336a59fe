package org.radassist.dicom.codec;

import java.util.Arrays;

/**
 * A JPEG Huffman table (T.81 C, F.2.2.3) with two tables indexed by the next {@link #LOOKAHEAD}
 * bits of the codestream. {@link #lookup} resolves short codes to their symbol; {@link
 * #coefficient} also resolves the magnitude bits that follow the code whenever code and magnitude
 * fit in the lookahead together, so most coefficients of a real image cost one table read instead
 * of a code read, a bit read and a sign extension.
 */
final class JpegHuffman {
  static final int LOOKAHEAD = 9;

  final int[] maxCode = new int[18];
  final int[] valPtr = new int[17];
  final int[] minCode = new int[17];
  final int[] values;

  /** (code length << 16) | symbol, or -1 where the code is longer than the lookahead. */
  final int[] lookup = new int[1 << LOOKAHEAD];

  /**
   * (value << 16) | (run << 8) | bits consumed, 0 where the lookahead does not resolve the
   * coefficient. The value is 0 exactly when the symbol has no magnitude bits (EOB or ZRL for AC, a
   * zero difference for DC); the run is always 0 for DC tables.
   */
  final int[] coefficient = new int[1 << LOOKAHEAD];

  JpegHuffman(int[] counts, int[] values, boolean ac) {
    this.values = values;
    int code = 0;
    int k = 0;
    Arrays.fill(lookup, -1);
    for (int len = 1; len <= 16; len++) {
      valPtr[len] = k;
      minCode[len] = code;
      for (int i = 0; i < counts[len]; i++) {
        if (len <= LOOKAHEAD) {
          int shift = LOOKAHEAD - len;
          for (int j = 0; j < (1 << shift); j++) {
            int peek = (code << shift) | j;
            lookup[peek] = (len << 16) | values[k];
            coefficient[peek] = resolved(values[k], len, peek, ac);
          }
        }
        code++;
        k++;
      }
      maxCode[len] = counts[len] == 0 ? -1 : code - 1;
      code <<= 1;
    }
    maxCode[17] = Integer.MAX_VALUE;
  }

  private static int resolved(int symbol, int len, int peek, boolean ac) {
    int run = ac ? symbol >> 4 : 0;
    int size = ac ? symbol & 15 : symbol;
    if (size > 15 || len + size > LOOKAHEAD) {
      return 0;
    }
    if (size == 0) {
      return (run << 8) | len;
    }
    int raw = (peek >> (LOOKAHEAD - len - size)) & ((1 << size) - 1);
    return (extend(raw, size) << 16) | (run << 8) | (len + size);
  }

  /** T.81 F.2.2.1 EXTEND: the signed value of {@code t} magnitude bits {@code v}. */
  static int extend(int v, int t) {
    return t == 0 ? 0 : (v < (1 << (t - 1)) ? v - (1 << t) + 1 : v);
  }
}
