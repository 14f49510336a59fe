package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;

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
    Attributes curve = new Attributes();
    curve.putInt(Tag.LUT_DESCRIPTOR, VR.US, 4096, 0, 12);
    int[] data = new int[4096];
    for (int i = 0; i < data.length; i++) {
      data[i] = 4095 - i;
    }
    curve.putInt(Tag.LUT_DATA, VR.OW, data);
    Attributes ds = DxImageBuilder.create().pixels(8, 8, 12, ramp).build();
    ds.remove(Tag.WINDOW_CENTER);
    ds.remove(Tag.WINDOW_WIDTH);
    ds.remove(Tag.WINDOW_CENTER_WIDTH_EXPLANATION);
    ds.putSequence(Tag.VOI_LUT_SEQUENCE, List.of(curve));
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
