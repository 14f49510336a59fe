package org.radassist.dicom.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.radassist.dicom.codec.CodecException;
import org.radassist.dicom.codec.EncapsulatedFrames;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomReader;
import org.radassist.testsupport.OpenJpegDecompress;

/**
 * OpenJPEG's decode of a JPEG 2000 family file, for HTJ2K where gdcmconv (GDCM 3.0 on Debian 12)
 * gives up: each frame's codestream is cut from the encapsulated Pixel Data — parsing, not decoding
 * — and {@code opj_decompress} (OpenJPEG 2.5, which reads HT code-blocks) decodes it.
 */
final class OpenJpegRaw {
  private OpenJpegRaw() {}

  static List<int[]> frames(Path file, PixelFormat f, Path tmp)
      throws IOException, InterruptedException, DicomException, CodecException {
    var fragments = DicomReader.read(file).dataset().get(Tag.PIXEL_DATA).fragments();
    List<int[]> frames = new ArrayList<>();
    for (int i = 0; i < f.frames(); i++) {
      Path codestream = Files.createTempFile(tmp, "frame", ".j2k");
      Files.write(codestream, EncapsulatedFrames.frame(fragments, f.frames(), false, i));
      frames.add(
          OpenJpegDecompress.decode(codestream, f.samplesPerPixel(), f.bitsStored(), f.signed()));
      Files.delete(codestream);
    }
    return frames;
  }
}
