package org.radassist.dicom.codec.j2k;

/**
 * The SigProp and MagRef passes of an HT code-block (T.814 clause 7), refining the bit-plane below
 * the cleanup pass. SigProp visits, stripe by stripe of four rows and group by group of four
 * columns, each insignificant sample with a significant neighbour and reads whether it became
 * significant, then the signs of those that did; MagRef reads one bit for each sample the cleanup
 * found significant, from the other end of the same bytes.
 */
final class HtRefinement {
  /** Marks in the significance array: found by the cleanup pass, found by SigProp. */
  static final byte CLEANUP = 1;

  private static final byte NEW = 2;

  private HtRefinement() {}

  /**
   * SigProp over coefficients {@code co} (w x h) whose cleanup significance is in {@code sig};
   * samples found significant get the magnitude 1.5 at {@code plane} and are marked in {@code sig}.
   */
  static void significancePropagation(
      int[] co, byte[] sig, HtForwardBits sigProp, int w, int h, int plane, boolean causal) {
    int[] fresh = new int[16];
    for (int y0 = 0; y0 < h; y0 += 4) {
      int rows = Math.min(4, h - y0);
      for (int x0 = 0; x0 < w; x0 += 4) {
        int cols = Math.min(4, w - x0);
        int found = 0;
        for (int x = x0; x < x0 + cols; x++) {
          for (int y = y0; y < y0 + rows; y++) {
            int i = y * w + x;
            if (sig[i] == 0 && hasSignificantNeighbour(sig, w, h, x, y, y0 + 3, causal)) {
              if (sigProp.take(1) != 0) {
                sig[i] = NEW;
                fresh[found++] = i;
              }
            }
          }
        }
        int value = 3 << plane;
        for (int k = 0; k < found; k++) {
          co[fresh[k]] = sigProp.take(1) != 0 ? -value : value;
        }
      }
    }
  }

  /** MagRef: one more bit of every sample the cleanup pass found significant. */
  static void magnitudeRefinement(
      int[] co, byte[] sig, HtReverseBits bits, int w, int h, int plane) {
    // The cleanup left 2μ+1 at plane + 1; the bit read picks the upper or lower half of that
    // interval and the new half bit lands one plane down.
    int flip = 1 << (plane + 1) | 1 << plane;
    int keep = 1 << plane;
    for (int y0 = 0; y0 < h; y0 += 4) {
      int rows = Math.min(4, h - y0);
      for (int x = 0; x < w; x++) {
        for (int y = y0; y < y0 + rows; y++) {
          int i = y * w + x;
          if (sig[i] == CLEANUP) {
            int change = bits.take(1) != 0 ? keep : flip;
            int mag = Math.abs(co[i]) ^ change;
            co[i] = co[i] < 0 ? -mag : mag;
          }
        }
      }
    }
  }

  /**
   * Whether a neighbour of (x, y) is significant: any the cleanup found, and any SigProp already
   * decided, which are exactly the neighbours that come earlier in the scan. In vertically causal
   * mode the stripe below (rows past {@code stripeEnd}) does not count.
   */
  static boolean hasSignificantNeighbour(
      byte[] sig, int w, int h, int x, int y, int stripeEnd, boolean causal) {
    int yEnd = Math.min(h - 1, causal ? Math.min(y + 1, stripeEnd) : y + 1);
    for (int ny = Math.max(0, y - 1); ny <= yEnd; ny++) {
      for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
        if (sig[ny * w + nx] != 0 && (nx != x || ny != y)) {
          return true;
        }
      }
    }
    return false;
  }
}
