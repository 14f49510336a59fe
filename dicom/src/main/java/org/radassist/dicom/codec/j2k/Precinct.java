package org.radassist.dicom.codec.j2k;

/**
 * A precinct (T.800 B.6): for each subband of its resolution, the code-blocks it covers in raster
 * order and the two tag trees (inclusion, zero bit-planes) its packets use.
 */
final class Precinct {
  final CodeBlock[][] blocks;
  final TagTree[] inclusion;
  final TagTree[] zeroPlanes;

  /** Next layer whose packet this precinct expects; packets come in layer order. */
  int nextLayer;

  Precinct(int bands) {
    blocks = new CodeBlock[bands][];
    inclusion = new TagTree[bands];
    zeroPlanes = new TagTree[bands];
  }
}
