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
    for (int y = 0; y < tc.height; y++) {
      int row = y * tc.width;
      long gy = tc.y0 + y;
      if (dx == 1 && dy == 1) {
        int o = ((int) (gy - cy0) * width + (int) (tc.x0 - cx0)) * components + c;
        placeRow(tc, row, o, shift, min, max);
        continue;
      }
      for (int x = 0; x < tc.width; x++) {
        int v =
            tc.ints != null
                ? Math.max(min, Math.min(max, tc.ints[row + x] + shift))
                : rounded(tc.floats[row + x], shift, min, max);
        spread(v, tc.x0 + x, gy, dx, dy, c, size);
      }
    }
  }

  /** A row of a component at full resolution, with the tests that depend on it out of the loop. */
  private void placeRow(TileComponent tc, int row, int o, int shift, int min, int max) {
    int[] s = samples;
    int n = components;
    int w = tc.width;
    if (tc.ints != null && n == 1) {
      // Unit stride, the common single-component case, lets the JIT vectorise the clamp.
      int[] in = tc.ints;
      for (int x = 0; x < w; x++) {
        s[o + x] = Math.max(min, Math.min(max, in[row + x] + shift));
      }
    } else if (tc.ints != null) {
      int[] in = tc.ints;
      for (int x = 0; x < w; x++) {
        s[o + x * n] = Math.max(min, Math.min(max, in[row + x] + shift));
      }
    } else {
      float[] in = tc.floats;
      for (int x = 0; x < w; x++) {
        s[o + x * n] = rounded(in[row + x], shift, min, max);
      }
    }
  }

  private static int rounded(float f, int shift, int min, int max) {
    long r = (long) Math.rint(f) + shift;
    return (int) Math.max(min, Math.min(max, r));
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
