package org.radassist.dicom.codec.j2k;

/**
 * The per-component part of COD/COC (T.800 A.6.1, A.6.2): decomposition levels, code-block size and
 * style, wavelet, and precinct size exponents per resolution (15 when not signalled).
 */
record ComponentCoding(
    int levels,
    int blockWidthExp,
    int blockHeightExp,
    int blockStyle,
    boolean reversible,
    int[] precinctWidthExp,
    int[] precinctHeightExp) {
  static final int BYPASS = 0x01;
  static final int RESET = 0x02;
  static final int TERMINATE_ALL = 0x04;
  static final int VERTICALLY_CAUSAL = 0x08;
  static final int SEGMENTATION_SYMBOLS = 0x20;
  static final int HIGH_THROUGHPUT = 0x40;
}
