package org.radassist.dicom.codec.j2k;

import java.io.ByteArrayOutputStream;

/**
 * What the tile-parts of one tile carry: the tile's coding state, the packet bodies of all its
 * tile-parts joined in order (packets never straddle tile-parts, T.800 A.4.2), and packet headers
 * moved out to PPM/PPT markers when the encoder did that.
 */
final class TileData {
  final int index;
  CodingState state;
  final ByteArrayOutputStream body = new ByteArrayOutputStream();
  ByteArrayOutputStream packedHeaders;
  int parts;

  TileData(int index) {
    this.index = index;
  }

  void addHeaders(byte[] d, int off, int len) {
    if (packedHeaders == null) {
      packedHeaders = new ByteArrayOutputStream();
    }
    packedHeaders.write(d, off, len);
  }
}
