package org.radassist.dicom.codec.j2k;

/**
 * The output samples, interleaved and row-major over the image area. Tile-components are placed
 * with the DC level shift and clamped to the component's range; a subsampled component is spread
 * over the reference-grid pixels it covers.
 */
final class DecodedImage {
  final int width;
  final int height;
  final int components;
  final int[] samples;

  DecodedImage(int width, int height, int components) {
    this.width = width;
    this.height = height;
    this.components = components;
    this.samples = new int[width * height * components];
  }

  void place(TileComponent tc, ImageSize size) {
    int c = tc.component;
    int prec = size.precision()[c];
    boolean signed = size.signed()[c];
    int shift = signed ? 0 : 1 << (prec - 1);
    int min = signed ? -(1 << (prec - 1)) : 0;
    int max = signed ? (1 << (prec - 1)) - 1 : (int) ((1L << prec) - 1);
    int dx = size.dx()[c];
    int dy = size.dy()[c];
    long cx0 = Grid.ceilDiv(size.x0(), dx);
    long cy0 = Grid.ceilDiv(size.y0(), dy);
    int[] s = samples;
    int n = components;
    for (int y = 0; y < tc.height; y++) {
      int row = y * tc.width;
      long gy = tc.y0 + y;
      for (int x = 0; x < tc.width; x++) {
        int v;
        if (tc.ints != null) {
          v = tc.ints[row + x] + shift;
        } else {
          float f = tc.floats[row + x];
          long r = (long) Math.rint(f) + shift;
          v = (int) Math.max(min, Math.min(max, r));
        }
        v = Math.max(min, Math.min(max, v));
        long gx = tc.x0 + x;
        if (dx == 1 && dy == 1) {
          s[((int) (gy - cy0) * width + (int) (gx - cx0)) * n + c] = v;
        } else {
          spread(v, gx, gy, dx, dy, c, size);
        }
      }
    }
  }

  private void spread(int v, long gx, long gy, int dx, int dy, int c, ImageSize size) {
    long rx0 = Math.max(gx * dx, size.x0());
    long rx1 = Math.min((gx + 1) * dx, size.x1());
    long ry0 = Math.max(gy * dy, size.y0());
    long ry1 = Math.min((gy + 1) * dy, size.y1());
    for (long y = ry0; y < ry1; y++) {
      for (long x = rx0; x < rx1; x++) {
        samples[((int) (y - size.y0()) * width + (int) (x - size.x0())) * components + c] = v;
      }
    }
  }
}
