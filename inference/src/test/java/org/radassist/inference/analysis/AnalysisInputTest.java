package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.preprocess.Preprocessor;
import org.radassist.testsupport.CollimatedFilm;
import org.radassist.testsupport.TabledFilm;

/**
 * A model is given a film as the reader sees it: a MONOCHROME2 film whose Presentation LUT Shape is
 * INVERSE reaches the card's MONOCHROME1 inversion (bone bright, as in training), and a film whose
 * only VOI is a VOI LUT Sequence offers that table to {@code dicom-voi}, and a collimated film's
 * window is made from what its display shutter shows.
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

  /**
   * A MONOCHROME1 film whose unexposed border (4095, over half of it) lies outside its shutter: a
   * window made from the pixels, by percentile or from the range, spans the anatomy inside, as the
   * viewer's does, instead of squeezing it into the grey scale's lower part. The border still
   * reaches the model, clipped.
   */
  @Test
  void aWindowMadeFromThePixelsIsMadeFromWhatTheShutterShows() throws Exception {
    int side = 60;
    Attributes ds = CollimatedFilm.of(side, side, 10, 49, 10, 49, x -> 1000 + 25 * (x - 10));
    Path file = tmp.resolve("collimated.dcm");
    DicomWriter.write(file, ds);
    AnalysisInput input = AnalysisInput.of(DicomImage.read(file), 0);
    assertNotNull(input.shutter(), "the file's shutter comes with the frame");

    for (String windowing : List.of("percentile", "dicom-voi")) {
      ModelCard.Input card =
          new ModelCard.Input(
              side, side, 1, "stretch", windowing, true, 255.0, new double[] {0}, new double[] {1});
      Preprocessor pre = new Preprocessor(card);
      float[] shuttered =
          pre.apply(input.frame(), input.modalityLut(), input.voiLuts(), input.shutter()).tensor();
      float[] bare = pre.apply(input.frame(), input.modalityLut(), input.voiLuts()).tensor();
      int darkest = 30 * side + 49;
      int brightest = 30 * side + 10;
      assertTrue(
          shuttered[brightest] - shuttered[darkest] > 0.95,
          windowing + ": the anatomy spans the grey scale: " + span(shuttered, brightest, darkest));
      assertTrue(
          bare[brightest] - bare[darkest] < 0.5,
          windowing
              + ": without the shutter the border squeezes it: "
              + span(bare, brightest, darkest));
      assertEquals(0f, shuttered[0], 1e-6, windowing + ": the border reaches the model, clipped");
    }
  }

  private static String span(float[] t, int hi, int lo) {
    return t[lo] + " .. " + t[hi];
  }
}
