package org.radassist.dicom.codec.j2k;

/**
 * The SIZ marker (T.800 A.5.1): the image area and tile grid on the reference grid, and per
 * component its precision, signedness and subsampling.
 */
record ImageSize(
    long x1,
    long y1,
    long x0,
    long y0,
    long tileWidth,
    long tileHeight,
    long tileX0,
    long tileY0,
    int[] precision,
    boolean[] signed,
    int[] dx,
    int[] dy) {

  int components() {
    return precision.length;
  }

  int tilesAcross() {
    return (int) Grid.ceilDiv(x1 - tileX0, tileWidth);
  }

  int tilesDown() {
    return (int) Grid.ceilDiv(y1 - tileY0, tileHeight);
  }
}
