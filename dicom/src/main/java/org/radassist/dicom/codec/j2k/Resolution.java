package org.radassist.dicom.codec.j2k;

/** One resolution level of a tile-component (T.800 B.5) with its subbands and precinct grid. */
final class Resolution {
  final long x0;
  final long y0;
  final long x1;
  final long y1;
  final int precinctWidthExp;
  final int precinctHeightExp;
  final int precinctsWide;
  final int precinctsHigh;
  Subband[] bands;
  Precinct[] precincts;

  Resolution(long x0, long y0, long x1, long y1, int ppx, int ppy) {
    this.x0 = x0;
    this.y0 = y0;
    this.x1 = x1;
    this.y1 = y1;
    this.precinctWidthExp = ppx;
    this.precinctHeightExp = ppy;
    this.precinctsWide = x1 > x0 ? (int) (Grid.ceilShift(x1, ppx) - (x0 >> ppx)) : 0;
    this.precinctsHigh = y1 > y0 ? (int) (Grid.ceilShift(y1, ppy) - (y0 >> ppy)) : 0;
  }

  int width() {
    return (int) (x1 - x0);
  }

  int height() {
    return (int) (y1 - y0);
  }
}
