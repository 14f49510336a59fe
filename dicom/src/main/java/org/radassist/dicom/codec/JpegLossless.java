package org.radassist.dicom.codec;

/**
 * One scan of the lossless process 14 (T.81 H.1): each sample predicted from its decoded
 * neighbours, plus a Huffman-coded difference, modulo 2^16. The first row of the image and of each
 * restart interval predicts from the left neighbour only, its first sample from 2^(P-Pt-1).
 */
final class JpegLossless {
  private final JpegBitReader in;
  private final int width;
  private final int height;
  private final int predictor;
  private final int initial;
  private final int rowsPerInterval;

  JpegLossless(
      JpegBitReader in,
      int width,
      int height,
      int precision,
      int predictor,
      int pt,
      int restartInterval) {
    this.in = in;
    this.width = width;
    this.height = height;
    this.predictor = predictor;
    this.initial = 1 << (precision - pt - 1);
    this.rowsPerInterval = restartInterval == 0 ? Integer.MAX_VALUE : restartInterval / width;
  }

  /** Decodes the scan into {@code out[i]}, the plane of the scan's i-th component. */
  void decode(JpegHuffman[] tables, int[][] out) throws CodecException {
    for (int y = 0; y < height; y++) {
      boolean firstRow = y % rowsPerInterval == 0;
      if (y > 0 && firstRow) {
        in.restart();
      }
      if (out.length == 1) {
        row(tables[0], out[0], y * width, firstRow);
      } else {
        interleavedRow(tables, out, y * width, firstRow);
      }
    }
  }

  /**
   * One row of a single-component scan. Only the first sample and, below the first row, predictors
   * 2 to 7 need the row above; predictor 1, by far the most common, is a running sum.
   */
  private void row(JpegHuffman h, int[] p, int row, boolean firstRow) throws CodecException {
    int px = firstRow ? initial : p[row - width];
    px = (px + in.difference(h, true)) & 0xFFFF;
    p[row] = px;
    if (firstRow || predictor == 1) {
      in.runningSum(h, p, row + 1, row + width, px);
      return;
    }
    for (int x = row + 1, end = row + width; x < end; x++) {
      p[x] = (predict(p, x) + in.difference(h, true)) & 0xFFFF;
    }
  }

  private void interleavedRow(JpegHuffman[] tables, int[][] out, int row, boolean firstRow)
      throws CodecException {
    for (int x = row, end = row + width; x < end; x++) {
      for (int i = 0; i < out.length; i++) {
        int[] p = out[i];
        int px;
        if (x == row) {
          px = firstRow ? initial : p[x - width];
        } else {
          px = firstRow ? p[x - 1] : predict(p, x);
        }
        p[x] = (px + in.difference(tables[i], true)) & 0xFFFF;
      }
    }
  }

  /** T.81 Table H.1, for a sample with neighbours to the left and above. */
  private int predict(int[] p, int x) {
    int ra = p[x - 1];
    int rb = p[x - width];
    int rc = p[x - width - 1];
    return switch (predictor) {
      case 1 -> ra;
      case 2 -> rb;
      case 3 -> rc;
      case 4 -> ra + rb - rc;
      case 5 -> ra + ((rb - rc) >> 1);
      case 6 -> rb + ((ra - rc) >> 1);
      default -> (ra + rb) >> 1;
    };
  }
}
