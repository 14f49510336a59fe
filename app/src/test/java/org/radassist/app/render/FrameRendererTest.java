package org.radassist.app.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.image.DisplayRenderer;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.testsupport.CollimatedFilm;
import org.radassist.testsupport.TabledFilm;

class FrameRendererTest {
  @TempDir Path tmp;

  private static int grey(int argb) {
    return argb & 0xFF;
  }

  /**
   * The viewer, the analysis overlay and the exports open a film through {@link FrameRenderer#of}:
   * a CR film whose only VOI is a VOI LUT Sequence must look as the dicom module's PS3.4 pipeline
   * (checked against dcm2pnm) draws it, not min-max; and a MONOCHROME2 film with Presentation LUT
   * Shape INVERSE must come out inverted.
   */
  @Test
  void aFilmOpensWithItsVoiLutTableAndItsPresentationLutShape() throws Exception {
    int[] ramp = new int[16 * 32];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = i * 4095 / (ramp.length - 1);
    }
    int[] data = new int[4096];
    for (int i = 0; i < data.length; i++) {
      data[i] = (int) Math.round(65535 * Math.sqrt(i / 4095.0));
    }
    Attributes ds = TabledFilm.of(16, 32, 12, ramp, 0, 16, VR.US, data);
    Path tabled = tmp.resolve("tabled.dcm");
    DicomWriter.write(tabled, ds);
    ds.putString(Tag.PRESENTATION_LUT_SHAPE, VR.CS, "INVERSE");
    Path inverse = tmp.resolve("inverse.dcm");
    DicomWriter.write(inverse, ds);

    DicomImage image = DicomImage.read(tabled);
    FrameRenderer renderer = FrameRenderer.of(image, image.frame(0));
    assertTrue(renderer.initialVoi().isTable(), "opens with " + renderer.initialVoi());
    assertEquals("FILM CURVE", renderer.initialVoi().explanation());
    int[] shown = renderer.render(renderer.initialVoi(), false);
    byte[] expected = DisplayRenderer.render(image, 0).pixels();
    for (int i = 0; i < shown.length; i++) {
      assertEquals(expected[i] & 0xFF, grey(shown[i]), "pixel " + i);
    }
    assertEquals(181, grey(shown[ramp.length / 2]), 1, "sqrt curve at mid-range, not linear 128");

    DicomImage inverted = DicomImage.read(inverse);
    FrameRenderer flipped = FrameRenderer.of(inverted, inverted.frame(0));
    int[] flippedShown = flipped.render(flipped.initialVoi(), false);
    for (int i = 0; i < shown.length; i++) {
      assertEquals(255 - grey(shown[i]), grey(flippedShown[i]), "pixel " + i);
    }
  }

  @Test
  void windowMapsBelowToBlackAboveToWhiteAndCentreToMidGrey() {
    Frame frame = new Frame(1, 3, 1, Photometric.MONOCHROME2, 12, false, new int[] {0, 2048, 4095});
    int[] out =
        new FrameRenderer(frame, ModalityLut.identity()).render(VoiLut.linear(2048, 100), false);
    assertEquals(0, grey(out[0]));
    assertEquals(128, grey(out[1]), 1);
    assertEquals(255, grey(out[2]));
  }

  @Test
  void monochrome1ShowsLowValuesWhiteAndUserInversionUndoesIt() {
    Frame frame = new Frame(1, 2, 1, Photometric.MONOCHROME1, 8, false, new int[] {0, 255});
    FrameRenderer renderer = new FrameRenderer(frame, ModalityLut.identity());
    int[] shown = renderer.render(VoiLut.spanning(0, 255), false);
    assertEquals(255, grey(shown[0]));
    assertEquals(0, grey(shown[1]));
    int[] inverted = renderer.render(VoiLut.spanning(0, 255), true);
    assertEquals(0, grey(inverted[0]));
  }

  @Test
  void modalityLutIsAppliedBeforeTheWindow() {
    Frame frame = new Frame(1, 2, 1, Photometric.MONOCHROME2, 16, true, new int[] {-1024, 0});
    // CT: stored -1024 with intercept -1024 is -2048 HU, black in a window centred on -1024 HU.
    int[] out =
        new FrameRenderer(frame, ModalityLut.linear(1, -1024))
            .render(VoiLut.linear(-1024, 400), false);
    assertEquals(0, grey(out[0]));
    assertEquals(128, grey(out[1]), 1);
  }

  /**
   * A MONOCHROME1 film's collimated border, unexposed and so white, is blanked by its display
   * shutter in the viewer and every export, whatever the window or the reader's inversion; the
   * anatomy inside is drawn as without a shutter.
   */
  @Test
  void theDisplayShutterBlanksTheCollimatedBorder() throws Exception {
    int rows = 40;
    int columns = 50;
    int[] pixels = new int[rows * columns];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (i * 37) % 4096;
    }
    Attributes ds =
        org.radassist.dicom.write.DxImageBuilder.create()
            .pixels(rows, columns, 12, pixels)
            .window(2048, 4096, "FULL")
            .build();
    ds.putString(Tag.PHOTOMETRIC_INTERPRETATION, VR.CS, "MONOCHROME1");
    Path plain = tmp.resolve("plain.dcm");
    DicomWriter.write(plain, ds);
    ds.putString(0x00181600, VR.CS, "RECTANGULAR");
    ds.putString(0x00181602, VR.IS, "6");
    ds.putString(0x00181604, VR.IS, "45");
    ds.putString(0x00181606, VR.IS, "4");
    ds.putString(0x00181608, VR.IS, "36");
    Path shuttered = tmp.resolve("shuttered.dcm");
    DicomWriter.write(shuttered, ds);

    DicomImage without = DicomImage.read(plain);
    DicomImage with = DicomImage.read(shuttered);
    for (boolean invert : new boolean[] {false, true}) {
      FrameRenderer a = FrameRenderer.of(without, without.frame(0));
      FrameRenderer b = FrameRenderer.of(with, with.frame(0));
      int[] bare = a.render(a.initialVoi(), invert);
      int[] shown = b.render(b.initialVoi(), invert);
      for (int y = 0; y < rows; y++) {
        for (int x = 0; x < columns; x++) {
          int i = y * columns + x;
          boolean inside = x >= 5 && x <= 44 && y >= 3 && y <= 35;
          assertEquals(
              inside ? grey(bare[i]) : 0, grey(shown[i]), "pixel " + x + "," + y + " " + invert);
        }
      }
    }
  }

  /**
   * A film without a window opens over what its shutter shows: the unexposed border (4095 on this
   * MONOCHROME1 film) no longer squeezes the anatomy into a fraction of the grey scale.
   */
  @Test
  void aShutteredFilmWithoutAWindowSpansOnlyWhatItShows() throws Exception {
    int columns = 50;
    Attributes ds = CollimatedFilm.of(40, columns, 5, 44, 3, 35, x -> 1000 + (x * 1000) / columns);
    Path file = tmp.resolve("unwindowed.dcm");
    DicomWriter.write(file, ds);
    DicomImage image = DicomImage.read(file);
    FrameRenderer r = FrameRenderer.of(image, image.frame(0));
    VoiLut w = r.initialVoi();
    assertEquals(0.0, w.apply(1000), 1e-3, "the darkest shown value is the bottom of the window");
    assertEquals(1.0, w.apply(1980), 1e-3, "the brightest shown value is its top");
  }
}
