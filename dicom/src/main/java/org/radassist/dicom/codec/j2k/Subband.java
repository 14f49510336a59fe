package org.radassist.dicom.codec.j2k;

/**
 * A subband of one tile-component (T.800 B.5): orientation (0 LL, 1 HL, 2 LH, 3 HH), where it sits
 * in the tile-component's coefficient array, and its dequantisation.
 */
final class Subband {
  static final int LL = 0;
  static final int HL = 1;
  static final int LH = 2;
  static final int HH = 3;

  final int orientation;
  final long x0;
  final long y0;
  final int width;
  final int height;
  final int offsetX;
  final int offsetY;

  /** Magnitude bit-planes Mb (T.800 E-2). */
  final int magnitudeBits;

  /** Half the quantisation step, the scale of a magnitude with its extra half bit. */
  final float halfStep;

  Subband(
      int orientation,
      long x0,
      long y0,
      long x1,
      long y1,
      int offsetX,
      int offsetY,
      int magnitudeBits,
      float halfStep) {
    this.orientation = orientation;
    this.x0 = x0;
    this.y0 = y0;
    this.width = (int) (x1 - x0);
    this.height = (int) (y1 - y0);
    this.offsetX = offsetX;
    this.offsetY = offsetY;
    this.magnitudeBits = magnitudeBits;
    this.halfStep = halfStep;
  }
}
