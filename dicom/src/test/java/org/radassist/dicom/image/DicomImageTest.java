package org.radassist.dicom.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.testsupport.Externals;

class DicomImageTest {
  private static Path corpus(String name) {
    return Externals.shared("data/dicom").resolve(name);
  }

  @Test
  void ctInEveryNativeSyntaxGivesTheSameHounsfieldImage() throws Exception {
    String base = "cornerstone_test_images/CTImage.dcm";
    Frame reference = DicomImage.read(corpus(base)).frame(0);
    for (String variant :
        new String[] {
          "_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm",
          "_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm",
          "_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm",
          "_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm"
        }) {
      DicomImage img = DicomImage.read(corpus(base + variant));
      assertEquals("CT", img.modality(), variant);
      assertEquals(512, img.rows());
      assertEquals(512, img.columns());
      assertArrayEquals(reference.samples(), img.frame(0).samples(), variant);
      ModalityLut lut = img.modalityLut();
      assertEquals(-1024.0, lut.intercept(), 1e-9, variant);
    }
  }

  @Test
  void multiValuedWindowsBecomePresetsWithExplanations() throws Exception {
    DicomImage img = DicomImage.read(corpus("pydicom_data/MR-SIEMENS-DICOM-WithOverlays.dcm"));
    assertEquals(2, img.windows().size());
    assertEquals(450, img.windows().get(0).center());
    assertEquals(200, img.windows().get(1).center());
  }

  @Test
  void enhancedMultiFrameTakesWindowAndRescaleFromFunctionalGroups() throws Exception {
    DicomImage img = DicomImage.read(corpus("pydicom_data/eCT_Supplemental.dcm"));
    assertEquals(1, img.windows().size());
    assertEquals(49.0, img.windows().get(0).center());
    assertEquals(102.0, img.windows().get(0).width());
    assertEquals(-1024.0, img.modalityLut().intercept());
    assertTrue(img.pixelSpacing().isPresent());
  }

  @Test
  void modalityLutSequenceTakesPrecedenceOverRescale() throws Exception {
    DicomImage img = DicomImage.read(corpus("pydicom_data/mlut_18.dcm"));
    ModalityLut lut = img.modalityLut();
    assertTrue(!lut.isIdentity());
    assertEquals(0.0, lut.apply(-2048));
    assertEquals(65535.0, lut.apply(2047));
    assertEquals(0.0, lut.apply(-30000), "below the table clamps to its first entry");
  }

  @Test
  void aMissingFileIsASpecificError() {
    DicomException e =
        assertThrows(DicomException.class, () -> DicomImage.read(Path.of("/nonexistent/x.dcm")));
    assertTrue(e.getMessage().contains("/nonexistent/x.dcm"));
    assertTrue(e.getMessage().contains("not found"));
  }

  @Test
  void aTruncatedFileNamesTheElementThatOverruns() {
    DicomException e =
        assertThrows(
            DicomException.class,
            () -> DicomImage.read(corpus("pydicom_test_files/MR_truncated.dcm")));
    assertTrue(e.getMessage().contains("MR_truncated.dcm"), e.getMessage());
    assertTrue(e.getMessage().contains("(7FE0,0010)"), e.getMessage());
  }

  /**
   * Indexing a folder reads only each file's header. A file that really ends inside it once
   * surfaced as "internal error: DicomReader$Truncated", and so did a sound DICOMDIR whose header
   * is larger than the first read.
   */
  @Test
  void indexingTellsAFileThatEndsInsideItsHeaderFromOneThatIsLong() throws Exception {
    DicomException e =
        assertThrows(
            DicomException.class,
            () -> DicomReader.readMetadata(corpus("pydicom_test_files/rtplan_truncated.dcm")));
    assertTrue(e.getMessage().contains("byte"), e.getMessage());
    assertTrue(
        DicomReader.readMetadata(corpus("pydicom_test_files/dicomdirtests/DICOMDIR-nooffset"))
                .dataset()
                .size()
            > 0);
  }
}
