package org.radassist.dicom.codec.j2k;

/**
 * QCD/QCC (T.800 A.6.4, A.6.5): style (0 none, 1 scalar derived, 2 scalar expounded), guard bits,
 * and exponent/mantissa per subband in the order LL, then HL, LH, HH from the lowest resolution.
 */
record Quantization(int style, int guardBits, int[] exponents, int[] mantissas) {
  static final int NONE = 0;
  static final int DERIVED = 1;

  /** Exponent of subband {@code index} (0 = LL) whose decomposition level is {@code nb}. */
  int exponent(int index, int levels, int nb) throws J2kException {
    if (style == DERIVED) {
      return exponents[0] - levels + nb;
    }
    if (index >= exponents.length) {
      throw new J2kException("quantization marker lists fewer subbands than the decomposition has");
    }
    return exponents[index];
  }

  int mantissa(int index) {
    return style == DERIVED ? mantissas[0] : mantissas[Math.min(index, mantissas.length - 1)];
  }
}
