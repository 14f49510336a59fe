package org.radassist.dicom.codec.j2k;

/** Integer helpers for reference-grid arithmetic, where every division rounds a defined way. */
final class Grid {
  private Grid() {}

  static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  static long ceilShift(long a, int n) {
    return -((-a) >> n);
  }
}
