package org.radassist.dicom.codec.j2k;

/**
 * One code-block (T.800 B.7): its place in the subband, and what the packets delivered so far —
 * coding passes, split into codeword segments as the block style dictates, and their bytes.
 */
final class CodeBlock {
  final int x0;
  final int y0;
  final int width;
  final int height;
  boolean included;
  int zeroPlanes;
  int lblock = 3;
  int passes;
  int segments;
  int[] segmentPasses = new int[4];
  int[] segmentLengths = new int[4];
  byte[] data = new byte[0];
  int length;

  CodeBlock(int x0, int y0, int width, int height) {
    this.x0 = x0;
    this.y0 = y0;
    this.width = width;
    this.height = height;
  }

  /** Most passes a segment starting at pass {@code first} can hold (T.800 D.4.1, Table D.9). */
  static int segmentCapacity(int first, int style) {
    if ((style & ComponentCoding.HIGH_THROUGHPUT) != 0) {
      // T.814: an HT cleanup pass is a segment alone; its SigProp and MagRef share the next.
      return first == 0 ? 1 : 2;
    }
    if ((style & ComponentCoding.TERMINATE_ALL) != 0) {
      return 1;
    }
    if ((style & ComponentCoding.BYPASS) != 0) {
      if (first < 10) {
        return 10 - first;
      }
      return (first - 10) % 3 == 0 ? 2 : 1;
    }
    return Integer.MAX_VALUE;
  }

  int openSegment(int style) {
    if (segments == 0
        || segmentPasses[segments - 1]
            == segmentCapacity(passes - segmentPasses[segments - 1], style)) {
      if (segments == segmentPasses.length) {
        segmentPasses = java.util.Arrays.copyOf(segmentPasses, segments * 2);
        segmentLengths = java.util.Arrays.copyOf(segmentLengths, segments * 2);
      }
      segments++;
    }
    return segments - 1;
  }

  void append(byte[] src, int off, int len) {
    if (length + len > data.length) {
      data = java.util.Arrays.copyOf(data, Math.max(length + len, data.length * 2));
    }
    System.arraycopy(src, off, data, length, len);
    length += len;
  }
}
