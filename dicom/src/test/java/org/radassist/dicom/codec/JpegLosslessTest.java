package org.radassist.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;
import org.radassist.testsupport.Externals;

/**
 * A JPEG Lossless film whose scan is cut short must be reported as truncated, never shown with the
 * missing rows filled in from the zero bits a decoder supplies past the end of its data; and the
 * full scan decodes to what the reference toolkits give (checked for every file in {@code
 * ConformanceTest}), so here only against itself through a copy of its bytes.
 */
class JpegLosslessTest {
  private static final String FILM = "nema_wg04/RG2_JPLL.dcm";

  @Test
  void aScanCutShortIsReportedAsTruncatedNotDecodedIntoGrey() throws Exception {
    DicomFile file = DicomReader.read(Externals.shared("data/dicom").resolve(FILM));
    PixelFormat format = PixelFormat.of(file.dataset(), file.path());
    byte[] codestream =
        EncapsulatedFrames.frame(
            file.dataset().get(Tag.PIXEL_DATA).fragments(), format.frames(), false, 0);
    JpegCodec codec = new JpegCodec();
    int[] whole = codec.decode(codestream, format).samples();
    assertArrayEquals(
        whole, codec.decode(codestream.clone(), format).samples(), "the same bytes, the same film");

    // Cut in the middle of the scan, and once two thirds of the way in: the end of image marker
    // stays, so only the missing entropy-coded bits tell that rows were lost.
    for (double at : new double[] {0.5, 0.67}) {
      int cut = (int) (codestream.length * at);
      byte[] shortened = Arrays.copyOf(codestream, cut + 2);
      shortened[cut] = (byte) 0xFF;
      shortened[cut + 1] = (byte) 0xD9;
      CodecException e =
          assertThrows(CodecException.class, () -> codec.decode(shortened, format), "cut at " + at);
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }
}
