package org.radassist.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;
import org.radassist.testsupport.Externals;

/**
 * A DCT JPEG whose headers break T.81 must be refused by name. Decoding on regardless gave a flat
 * grey (or black) image that a reader could take for a real, empty film; GDCM and dcmtk refuse both
 * files.
 */
class JpegHeaderDefectsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"pydicom_test_files/JPEG-lossy.dcm", "pydicom_test_files/SC_rgb_jpeg_dcmtk.dcm"})
  void aScanWithoutItsQuantizationTableIsRefused(String film) throws Exception {
    Film f = film(film);
    byte[] noTables = f.codestream().clone();
    for (int i = 0; i + 1 < noTables.length; i++) {
      if ((noTables[i] & 0xFF) == 0xFF && (noTables[i + 1] & 0xFF) == 0xDB) {
        noTables[i + 1] = (byte) 0xFE; // the table becomes a comment of the same length
      }
    }
    CodecException e =
        assertThrows(CodecException.class, () -> new JpegCodec().decode(noTables, f.format()));
    assertTrue(e.getMessage().contains("quantization table"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"pydicom_test_files/JPEG-lossy.dcm", "pydicom_test_files/SC_rgb_jpeg_dcmtk.dcm"})
  void aScanOfNoComponentsIsRefused(String film) throws Exception {
    Film f = film(film);
    byte[] empty = f.codestream().clone();
    for (int i = 0; i + 4 < empty.length; i++) {
      if ((empty[i] & 0xFF) == 0xFF && (empty[i + 1] & 0xFF) == 0xDA) {
        empty[i + 4] = 0;
        break;
      }
    }
    CodecException e =
        assertThrows(CodecException.class, () -> new JpegCodec().decode(empty, f.format()));
    assertTrue(e.getMessage().contains("scan has 0 components"), e.getMessage());
  }

  private record Film(byte[] codestream, PixelFormat format) {}

  private static Film film(String path) throws Exception {
    DicomFile file = DicomReader.read(Externals.shared("data/dicom").resolve(path));
    PixelFormat format = PixelFormat.of(file.dataset(), file.path());
    byte[] codestream =
        EncapsulatedFrames.frame(
            file.dataset().get(Tag.PIXEL_DATA).fragments(), format.frames(), false, 0);
    return new Film(codestream, format);
  }
}
