package org.radassist.dicom.codec.j2k;

/**
 * Tag tree decoding (T.800 B.10.2): each node's value is the minimum of its children's, sent as
 * increments against a threshold so that a decoder learns only what the threshold asks for.
 */
final class TagTree {
  private static final int UNKNOWN = Integer.MAX_VALUE;
  private final int[] value;
  private final int[] low;
  private final int[] parent;
  private final int[] path = new int[32];

  TagTree(int wide, int high) {
    int nodes = 0;
    int w = wide;
    int h = high;
    int levels = 0;
    do {
      nodes += w * h;
      levels++;
      if (w == 1 && h == 1) {
        break;
      }
      w = (w + 1) >> 1;
      h = (h + 1) >> 1;
    } while (true);
    value = new int[nodes];
    low = new int[nodes];
    parent = new int[nodes];
    java.util.Arrays.fill(value, UNKNOWN);
    int base = 0;
    w = wide;
    h = high;
    for (int l = 0; l < levels - 1; l++) {
      int pw = (w + 1) >> 1;
      int pbase = base + w * h;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          parent[base + y * w + x] = pbase + (y >> 1) * pw + (x >> 1);
        }
      }
      base = pbase;
      w = pw;
      h = (h + 1) >> 1;
    }
    parent[nodes - 1] = -1;
  }

  /** Whether leaf {@code leaf}'s value is below {@code threshold}, reading bits as needed. */
  boolean below(int leaf, int threshold, PacketBits bits) throws J2kException {
    int depth = 0;
    for (int n = leaf; n >= 0; n = parent[n]) {
      path[depth++] = n;
    }
    int lo = 0;
    for (int k = depth - 1; k >= 0; k--) {
      int n = path[k];
      if (lo > low[n]) {
        low[n] = lo;
      } else {
        lo = low[n];
      }
      while (lo < threshold && lo < value[n]) {
        if (bits.bit() != 0) {
          value[n] = lo;
        } else {
          lo++;
        }
      }
      low[n] = lo;
    }
    return value[leaf] < threshold;
  }

  /** The full value of a leaf. */
  int decode(int leaf, PacketBits bits, int limit) throws J2kException {
    int t = 1;
    while (!below(leaf, t, bits)) {
      if (++t > limit) {
        throw new J2kException("tag tree value exceeds " + limit + " (corrupt packet header)");
      }
    }
    return value[leaf];
  }
}
