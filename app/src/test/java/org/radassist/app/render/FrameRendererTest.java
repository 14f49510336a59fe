package org.radassist.app.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;

class FrameRendererTest {
  private static int grey(int argb) {
    return argb & 0xFF;
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
}
