package org.radassist.dicom.codec;

/**
 * Component planes to image resolution, interleaved, as IJG's jdsample.c does: triangle ("fancy")
 * filters for 2x1 and 2x2, replication for other integral factors, edge rows and columns
 * replicated.
 */
final class JpegUpsample {
  private final int width;
  private final int height;
  private final int hMax;
  private final int vMax;

  JpegUpsample(int width, int height, int hMax, int vMax) {
    this.width = width;
    this.height = height;
    this.hMax = hMax;
    this.vMax = vMax;
  }

  /**
   * Writes component {@code ci} of {@code n}, sampled {@code ch} x {@code cv}, from its plane (rows
   * of {@code pw} samples) into the interleaved image {@code out}.
   */
  void into(int[] plane, int pw, int ch, int cv, int[] out, int ci, int n) {
    if (ch == hMax && cv == vMax) {
      for (int y = 0; y < height; y++) {
        for (int x = 0, o = y * width * n + ci, p = y * pw; x < width; x++, o += n) {
          out[o] = plane[p + x];
        }
      }
      return;
    }
    int hf = hMax / ch;
    int vf = vMax / cv;
    int dw = (width * ch + hMax - 1) / hMax;
    int dh = (height * cv + vMax - 1) / vMax;
    int ow = dw * hf;
    int[] row = new int[ow + 1];
    for (int y = 0; y < height; y++) {
      int sy = y / vf;
      if (hf == 2 && vf == 2 && dw > 2) {
        int near = sy;
        int far = (y % 2 == 0) ? Math.max(0, sy - 1) : Math.min(dh - 1, sy + 1);
        int p0 = near * pw;
        int p1 = far * pw;
        int thisSum = plane[p0] * 3 + plane[p1];
        int nextSum = plane[p0 + 1] * 3 + plane[p1 + 1];
        row[0] = (thisSum * 4 + 8) >> 4;
        row[1] = (thisSum * 3 + nextSum + 7) >> 4;
        int lastSum = thisSum;
        thisSum = nextSum;
        int o = 2;
        for (int x = 2; x < dw; x++) {
          nextSum = plane[p0 + x] * 3 + plane[p1 + x];
          row[o++] = (thisSum * 3 + lastSum + 8) >> 4;
          row[o++] = (thisSum * 3 + nextSum + 7) >> 4;
          lastSum = thisSum;
          thisSum = nextSum;
        }
        row[o++] = (thisSum * 3 + lastSum + 8) >> 4;
        row[o] = (thisSum * 4 + 7) >> 4;
      } else if (hf == 2 && vf == 1 && dw > 2) {
        int p = sy * pw;
        int v = plane[p];
        row[0] = v;
        row[1] = (v * 3 + plane[p + 1] + 2) >> 2;
        int o = 2;
        for (int x = 1; x < dw - 1; x++) {
          int v3 = plane[p + x] * 3;
          row[o++] = (v3 + plane[p + x - 1] + 1) >> 2;
          row[o++] = (v3 + plane[p + x + 1] + 2) >> 2;
        }
        v = plane[p + dw - 1];
        row[o++] = (v * 3 + plane[p + dw - 2] + 1) >> 2;
        row[o] = v;
      } else {
        int p = sy * pw;
        for (int x = 0; x < ow; x++) {
          row[x] = plane[p + x / hf];
        }
      }
      int base = y * width * n + ci;
      for (int x = 0; x < width; x++) {
        out[base + x * n] = row[x];
      }
    }
  }
}
