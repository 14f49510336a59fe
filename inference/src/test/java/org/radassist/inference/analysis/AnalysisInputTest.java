package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.testsupport.TabledFilm;

/**
 * A model is given a film as the reader sees it: a MONOCHROME2 film whose Presentation LUT Shape is
 * INVERSE reaches the card's MONOCHROME1 inversion (bone bright, as in training), and a film whose
 * only VOI is a VOI LUT Sequence offers that table to {@code dicom-voi}.
 */
class AnalysisInputTest {
  @TempDir Path tmp;

  @Test
  void aModelSeesTheFilmsPresentationLutShapeAndVoiTable() throws Exception {
    int[] ramp = new int[8 * 8];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = i * 64;
    }
    int[] data = new int[4096];
    for (int i = 0; i < data.length; i++) {
      data[i] = 4095 - i;
    }
    Attributes ds = TabledFilm.of(8, 8, 12, ramp, 0, 12, VR.US, data);
    ds.putString(Tag.PRESENTATION_LUT_SHAPE, VR.CS, "INVERSE");
    Path file = tmp.resolve("film.dcm");
    DicomWriter.write(file, ds);

    AnalysisInput input = AnalysisInput.of(DicomImage.read(file), 0);
    assertEquals(Photometric.MONOCHROME1, input.frame().photometric());
    assertEquals(1, input.voiLuts().size());
    assertTrue(input.voiLuts().get(0).isTable());
    assertEquals(1.0, input.voiLuts().get(0).apply(0), 1e-9, "the table, not a window");
  }
}
