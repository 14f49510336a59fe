package org.radassist.dicom.image;

import org.radassist.dicom.data.DicomElement;

/** Segmented palette data (PS3.3 C.7.9.2): discrete, linear and indirect segments to a table. */
final class Segmented {
  private Segmented() {}

  static int[] expand(DicomElement e, int entries) {
    int words = e.length() / 2;
    int[] seg = new int[words];
    for (int i = 0; i < words; i++) {
      seg[i] = e.u16(i);
    }
    int[] out = new int[entries];
    int n = expandInto(seg, 0, words, out, 0, 0);
    return n == entries ? out : null;
  }

  private static int expandInto(int[] seg, int from, int to, int[] out, int pos, int depth) {
    int p = from;
    int o = pos;
    while (p + 1 < to && o >= 0) {
      int op = seg[p];
      int len = seg[p + 1];
      p += 2;
      switch (op) {
        case 0 -> {
          if (p + len > to || o + len > out.length) {
            return -1;
          }
          for (int i = 0; i < len; i++) {
            out[o++] = seg[p + i];
          }
          p += len;
        }
        case 1 -> {
          if (o == 0 || p >= to || o + len > out.length) {
            return -1;
          }
          int y0 = out[o - 1];
          int y1 = seg[p++];
          for (int i = 1; i <= len; i++) {
            out[o++] = (int) Math.round(y0 + (y1 - y0) * (double) i / len);
          }
        }
        case 2 -> {
          if (depth > 0 || p + 1 >= to) {
            return -1;
          }
          int offset = seg[p] | seg[p + 1] << 16;
          p += 2;
          int start = 0;
          for (int i = 0; i < offset && start + 1 < to; i++) {
            start += 2 + (seg[start] == 0 ? seg[start + 1] : seg[start] == 1 ? 1 : 2);
          }
          for (int k = 0; k < len; k++) {
            o =
                expandInto(
                    seg,
                    start,
                    Math.min(to, start + 2 + (seg[start] == 0 ? seg[start + 1] : 1)),
                    out,
                    o,
                    depth + 1);
            if (o < 0) {
              return -1;
            }
            start += 2 + (seg[start] == 0 ? seg[start + 1] : seg[start] == 1 ? 1 : 2);
          }
        }
        default -> {
          return -1;
        }
      }
    }
    return o;
  }
}
