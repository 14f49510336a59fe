package org.radassist.dicom.codec.j2k;

/**
 * One component of one tile (T.800 B.3) with its resolutions, subbands, precincts and code-blocks
 * laid out, and the coefficient array the subbands are decoded into: integers for the reversible
 * path, floats for the irreversible one.
 */
final class TileComponent {
  final int component;
  final long x0;
  final long y0;
  final long x1;
  final long y1;
  final int width;
  final int height;
  final ComponentCoding coding;
  final int roiShift;
  final Resolution[] resolutions;
  int[] ints;
  float[] floats;

  TileComponent(
      int component,
      long x0,
      long y0,
      long x1,
      long y1,
      ComponentCoding coding,
      Quantization quant,
      int precision,
      int roiShift)
      throws J2kException {
    this.component = component;
    this.x0 = x0;
    this.y0 = y0;
    this.x1 = x1;
    this.y1 = y1;
    this.width = (int) (x1 - x0);
    this.height = (int) (y1 - y0);
    this.coding = coding;
    this.roiShift = roiShift;
    int levels = coding.levels();
    resolutions = new Resolution[levels + 1];
    for (int r = 0; r <= levels; r++) {
      int shift = levels - r;
      Resolution res =
          new Resolution(
              Grid.ceilShift(x0, shift),
              Grid.ceilShift(y0, shift),
              Grid.ceilShift(x1, shift),
              Grid.ceilShift(y1, shift),
              coding.precinctWidthExp()[r],
              coding.precinctHeightExp()[r]);
      if (r == 0) {
        res.bands = new Subband[] {band(res, null, Subband.LL, levels, 0, quant, precision)};
      } else {
        Resolution lower = resolutions[r - 1];
        int nb = levels - r + 1;
        res.bands =
            new Subband[] {
              band(res, lower, Subband.HL, nb, 1 + 3 * (r - 1), quant, precision),
              band(res, lower, Subband.LH, nb, 2 + 3 * (r - 1), quant, precision),
              band(res, lower, Subband.HH, nb, 3 + 3 * (r - 1), quant, precision)
            };
      }
      resolutions[r] = res;
      precincts(res, r);
    }
  }

  private Subband band(
      Resolution res, Resolution lower, int o, int nb, int index, Quantization q, int precision)
      throws J2kException {
    int xob = o == Subband.HL || o == Subband.HH ? 1 : 0;
    int yob = o == Subband.LH || o == Subband.HH ? 1 : 0;
    long bx0 = Grid.ceilShift(x0 - ((long) xob << Math.max(nb - 1, 0)), nb);
    long by0 = Grid.ceilShift(y0 - ((long) yob << Math.max(nb - 1, 0)), nb);
    long bx1 = Grid.ceilShift(x1 - ((long) xob << Math.max(nb - 1, 0)), nb);
    long by1 = Grid.ceilShift(y1 - ((long) yob << Math.max(nb - 1, 0)), nb);
    if (nb == 0) {
      bx0 = x0;
      by0 = y0;
      bx1 = x1;
      by1 = y1;
    }
    int offX = xob == 1 ? lower.width() : 0;
    int offY = yob == 1 ? lower.height() : 0;
    int exponent = q.exponent(index, coding.levels(), nb);
    int mb = q.guardBits() + exponent - 1;
    if (exponent < 0 || mb + roiShift > 30) {
      throw new J2kException("subband exponent " + exponent + " gives " + mb + " bit-planes");
    }
    float halfStep = 0;
    if (!coding.reversible()) {
      double step = (1.0 + q.mantissa(index) / 2048.0) * Math.pow(2.0, precision - exponent);
      halfStep = 0.5f * (float) step;
    }
    return new Subband(o, bx0, by0, bx1, by1, offX, offY, mb, halfStep);
  }

  private void precincts(Resolution res, int r) {
    int n = res.precinctsWide * res.precinctsHigh;
    res.precincts = new Precinct[n];
    int ppx = res.precinctWidthExp;
    int ppy = res.precinctHeightExp;
    int pw = r == 0 ? ppx : ppx - 1;
    int ph = r == 0 ? ppy : ppy - 1;
    int xcb = Math.min(coding.blockWidthExp(), pw);
    int ycb = Math.min(coding.blockHeightExp(), ph);
    long gx0 = res.x0 >> ppx;
    long gy0 = res.y0 >> ppy;
    for (int p = 0; p < n; p++) {
      long px = ((gx0 + p % res.precinctsWide) << ppx) >> (ppx - pw);
      long py = ((gy0 + p / res.precinctsWide) << ppy) >> (ppy - ph);
      Precinct prec = new Precinct(res.bands.length);
      for (int b = 0; b < res.bands.length; b++) {
        Subband band = res.bands[b];
        long bx0 = Math.max(px, band.x0);
        long by0 = Math.max(py, band.y0);
        long bx1 = Math.min(px + (1L << pw), band.x0 + band.width);
        long by1 = Math.min(py + (1L << ph), band.y0 + band.height);
        if (bx1 <= bx0 || by1 <= by0) {
          prec.blocks[b] = new CodeBlock[0];
          continue;
        }
        long cx0 = bx0 >> xcb;
        long cy0 = by0 >> ycb;
        int nx = (int) (Grid.ceilShift(bx1, xcb) - cx0);
        int ny = (int) (Grid.ceilShift(by1, ycb) - cy0);
        CodeBlock[] blocks = new CodeBlock[nx * ny];
        for (int j = 0; j < ny; j++) {
          long y0b = Math.max((cy0 + j) << ycb, by0);
          long y1b = Math.min((cy0 + j + 1) << ycb, by1);
          for (int i = 0; i < nx; i++) {
            long x0b = Math.max((cx0 + i) << xcb, bx0);
            long x1b = Math.min((cx0 + i + 1) << xcb, bx1);
            blocks[j * nx + i] =
                new CodeBlock(
                    (int) (x0b - band.x0),
                    (int) (y0b - band.y0),
                    (int) (x1b - x0b),
                    (int) (y1b - y0b));
          }
        }
        prec.blocks[b] = blocks;
        prec.inclusion[b] = new TagTree(nx, ny);
        prec.zeroPlanes[b] = new TagTree(nx, ny);
      }
      res.precincts[p] = prec;
    }
  }
}
