package org.radassist.dicom.codec.j2k;

import java.util.Arrays;
import org.radassist.dicom.codec.CodecException;
import org.radassist.dicom.codec.DecodedFrame;
import org.radassist.dicom.codec.FrameCodec;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.pixel.Photometric;

/**
 * JPEG 2000 frames (transfer syntaxes 1.2.840.10008.1.2.4.90/.91), and High-Throughput JPEG 2000
 * ones (.201/.202/.203, T.814), whose codestreams differ only in their code-blocks. Returns the
 * samples the codestream holds with its own component transform undone, as OpenJPEG (GDCM) returns
 * them: YBR_RCT/YBR_ICT come out RGB. Failures are {@link J2kException}s naming what is wrong.
 */
public final class Jpeg2000Codec implements FrameCodec {
  @Override
  public DecodedFrame decode(byte[] data, PixelFormat f) throws CodecException {
    int[] range = Jp2Boxes.codestream(data);
    CodestreamParser cs = CodestreamParser.parse(data, range[0], range[1]);
    ImageSize size = cs.size;
    long w = size.x1() - size.x0();
    long h = size.y1() - size.y0();
    if (w != f.columns() || h != f.rows()) {
      throw new J2kException(
          "codestream is " + w + "x" + h + " but the header says " + f.columns() + "x" + f.rows());
    }
    if (size.components() != f.samplesPerPixel()) {
      throw new J2kException(
          "codestream has "
              + size.components()
              + " components, header says "
              + f.samplesPerPixel());
    }
    DecodedImage out = new DecodedImage((int) w, (int) h, size.components());
    TileDecoder decoder = new TileDecoder(new BlockJobs());
    for (TileData tile : cs.tiles.values()) {
      decoder.decode(tile, size, out);
    }
    if (cs.tiles.size() < size.tilesAcross() * size.tilesDown()) {
      throw new J2kException(
          "codestream has tile-parts for "
              + cs.tiles.size()
              + " of its "
              + size.tilesAcross() * size.tilesDown()
              + " tiles (truncated)");
    }
    Photometric photometric =
        f.photometric() == Photometric.YBR_RCT || f.photometric() == Photometric.YBR_ICT
            ? Photometric.RGB
            : f.photometric();
    int precision = Arrays.stream(size.precision()).min().orElse(0);
    boolean allSigned = true;
    boolean anySigned = false;
    for (boolean s : size.signed()) {
      allSigned &= s;
      anySigned |= s;
    }
    if (allSigned == anySigned) {
      DecodedFrame.saturateOvershoot(out.samples, f, precision, allSigned);
    }
    return new DecodedFrame(out.samples, photometric);
  }
}
