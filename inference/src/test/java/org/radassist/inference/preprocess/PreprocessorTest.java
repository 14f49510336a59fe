package org.radassist.inference.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.PaletteLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.inference.model.ModelCard;

class PreprocessorTest {

  static ModelCard.Input input(int w, int h, String resize, String windowing) {
    return new ModelCard.Input(
        w, h, 1, resize, windowing, true, 255.0, new double[] {0}, new double[] {1});
  }

  /** A 2x2 frame with values 0, 100, 200, 300 in stored units. */
  private static Frame ramp(Photometric pi) {
    return new Frame(2, 2, 1, pi, 12, false, new int[] {0, 100, 200, 300});
  }

  private static float[] apply(ModelCard.Input in, Frame f, ModalityLut lut, List<VoiLut> vois) {
    return new Preprocessor(in).apply(f, lut, vois).tensor();
  }

  @Test
  void dicomVoiUsesTheFilesFirstWindowAfterTheModalityLut() {
    // slope 2: modality values 0, 200, 400, 600; window [200, 400] linear-exact.
    VoiLut first = new VoiLut(300, 200, VoiLut.Function.LINEAR_EXACT, "");
    VoiLut second = VoiLut.linear(10000, 10);
    float[] t =
        apply(
            input(2, 2, "stretch", "dicom-voi"),
            ramp(Photometric.MONOCHROME2),
            ModalityLut.linear(2, 0),
            List.of(first, second));
    assertEquals(0f, t[0], 1e-6);
    assertEquals(0f, t[1], 1e-6);
    assertEquals(1f, t[2], 1e-6);
    assertEquals(1f, t[3], 1e-6);
  }

  @Test
  void dicomVoiWithoutWindowSpansTheModalityRange() {
    float[] t =
        apply(
            input(2, 2, "stretch", "dicom-voi"),
            ramp(Photometric.MONOCHROME2),
            ModalityLut.linear(1, -1000),
            List.of());
    VoiLut expected = VoiLut.spanning(-1000, -700);
    for (int i = 0; i < 4; i++) {
      assertEquals((float) expected.apply(-1000 + 100 * i), t[i], 1e-6);
    }
  }

  @Test
  void percentileWindowClipsTheExtremeHalfPercent() {
    int n = 1000;
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    values[0] = -30000;
    values[n - 1] = 30000;
    Frame f = new Frame(10, 100, 1, Photometric.MONOCHROME2, 16, true, values);
    float[] t =
        new Preprocessor(input(100, 10, "stretch", "percentile"))
            .apply(f, ModalityLut.identity(), List.of())
            .tensor();
    // 0.5 % of 999 is index 4 (value 4), 99.5 % rounds up to index 995 (value 995).
    assertEquals(0f, t[0], 1e-6);
    assertEquals(0f, t[4], 1e-6);
    assertEquals((500 - 4) / 991f, t[500], 1e-6);
    assertEquals(1f, t[995], 1e-6);
    assertEquals(1f, t[n - 1], 1e-6);
  }

  @Test
  void percentileOfThirtyTwoBitDataTooWideToCountGivesTheSameRanks() {
    int[] values = {Integer.MIN_VALUE, -5, 0, 5, Integer.MAX_VALUE, 1, 2, 3};
    Frame f = new Frame(2, 4, 1, Photometric.MONOCHROME2, 32, true, values);
    float[] t =
        new Preprocessor(input(4, 2, "stretch", "percentile"))
            .apply(f, ModalityLut.identity(), List.of())
            .tensor();
    // 8 values: ranks 0 and 7 are the extremes themselves, so the window is the full range.
    assertEquals(0f, t[0], 1e-6);
    assertEquals(1f, t[4], 1e-6);
  }

  @Test
  void noneMapsTheNominalStoredRange() {
    float[] t =
        apply(
            input(2, 2, "stretch", "none"),
            ramp(Photometric.MONOCHROME2),
            ModalityLut.identity(),
            List.of());
    assertEquals(300f / 4095f, t[3], 1e-6);
  }

  @Test
  void monochrome1IsInvertedOnlyWhenTheCardAsksForIt() {
    ModelCard.Input invert = input(2, 2, "stretch", "none");
    float[] inverted =
        apply(invert, ramp(Photometric.MONOCHROME1), ModalityLut.identity(), List.of());
    assertEquals(1f - 300f / 4095f, inverted[3], 1e-6);
    ModelCard.Input keep =
        new ModelCard.Input(
            2, 2, 1, "stretch", "none", false, 255.0, new double[] {0}, new double[] {1});
    float[] kept = apply(keep, ramp(Photometric.MONOCHROME1), ModalityLut.identity(), List.of());
    assertEquals(300f / 4095f, kept[3], 1e-6);
  }

  @Test
  void normalisesWithScaleMeanAndStdAndRepeatsGreyIntoThreeChannels() {
    ModelCard.Input rgb =
        new ModelCard.Input(
            2,
            2,
            3,
            "stretch",
            "none",
            true,
            1.0,
            new double[] {10, 20, 30},
            new double[] {2, 4, 5});
    Frame white =
        new Frame(2, 2, 1, Photometric.MONOCHROME2, 8, false, new int[] {255, 255, 255, 255});
    float[] t = apply(rgb, white, ModalityLut.identity(), List.of());
    assertEquals((255 - 10) / 2f, t[0], 1e-4);
    assertEquals((255 - 20) / 4f, t[4], 1e-4);
    assertEquals((255 - 30) / 5f, t[8], 1e-4);
  }

  @Test
  void refusesPaletteColour() {
    Frame f = new Frame(1, 1, 1, Photometric.PALETTE_COLOR, 8, false, new int[] {1});
    assertThrows(
        IllegalArgumentException.class,
        () -> apply(input(8, 8, "stretch", "none"), f, ModalityLut.identity(), List.of()));
  }

  /** 32-bit RGB once made every value NaN ({@code 1 << 32} is 1 in Java). */
  @Test
  void colourOfAnyDepthBecomesTheEightBitColourAViewerShows() {
    ModelCard.Input rgb =
        new ModelCard.Input(
            1, 1, 3, "stretch", "none", true, 1.0, new double[] {0, 0, 0}, new double[] {1, 1, 1});
    Frame deep =
        new Frame(1, 1, 3, Photometric.RGB, 32, false, new int[] {0xFF000000, 0x80000000, 0});
    float[] t = apply(rgb, deep, ModalityLut.identity(), List.of());
    assertEquals(255, t[0], 1e-4);
    assertEquals(128, t[1], 1e-4);
    assertEquals(0, t[2], 1e-4);
    // PS3.3 C.7.6.3.1.2: Y 128 with Cr 255 is a strong red.
    Frame ybr = new Frame(1, 1, 3, Photometric.YBR_FULL_422, 8, false, new int[] {128, 128, 255});
    float[] red = apply(rgb, ybr, ModalityLut.identity(), List.of());
    assertEquals(255, red[0], 1e-4);
    assertEquals(Math.round(128 - 0.714136 * 127), red[1], 1e-4);
    assertEquals(128, red[2], 1e-4);
  }

  @Test
  void paletteColourThroughItsPaletteIsTheViewersRgb() {
    PaletteLut palette =
        new PaletteLut(new int[] {0, 0xFF00}, new int[] {0, 0x8000}, new int[] {0xFFFF, 0}, 10, 16);
    Frame indexed = new Frame(1, 2, 1, Photometric.PALETTE_COLOR, 8, false, new int[] {10, 11});
    Frame rgb = palette.toRgb8(indexed);
    assertEquals(Photometric.RGB, rgb.photometric());
    assertArrayEquals(new int[] {0, 0, 255, 255, 128, 0}, rgb.samples());
  }

  @Test
  void mappingsOfTheThreeResizePolicies() {
    ImageMapping stretch = ImageMapping.of("stretch", 400, 200, 100, 100);
    assertEquals(0.25, stretch.scaleX(), 1e-12);
    assertEquals(0.5, stretch.scaleY(), 1e-12);
    ImageMapping letterbox = ImageMapping.of("letterbox", 400, 200, 100, 100);
    assertEquals(0.25, letterbox.scaleY(), 1e-12);
    assertEquals(25, letterbox.offsetY(), 1e-12);
    assertEquals(200, letterbox.toImageX(letterbox.toTensorX(200)), 1e-9);
    ImageMapping crop = ImageMapping.of("shorter-side-center-crop", 400, 200, 100, 100);
    assertEquals(0.5, crop.scaleX(), 1e-12);
    assertEquals(-50, crop.offsetX(), 1e-12);
    assertEquals(false, crop.seenByModel(50, 100));
    assertEquals(true, crop.seenByModel(200, 100));
  }

  /**
   * A film-sized ramp (large enough for the parallel path) reduced to 224 with a letterbox: every
   * tensor pixel must hold the ramp's value at its centre, as an area average of a linear ramp
   * does, and the letterbox bands must be padding.
   */
  @Test
  void aLargeRampShrinksToTheRampAtEachTensorPixelCentre() {
    int w = 1500;
    int h = 1100;
    int[] stored = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        stored[y * w + x] = x + 2 * y;
      }
    }
    Frame film = new Frame(h, w, 1, Photometric.MONOCHROME2, 12, false, stored);
    ModelCard.Input in = input(224, 224, "letterbox", "none");
    float[] t = apply(in, film, ModalityLut.identity(), List.of());
    ImageMapping m = ImageMapping.of("letterbox", w, h, 224, 224);
    int checked = 0;
    for (int v = 0; v < 224; v++) {
      double cy = m.toImageY(v + 0.5);
      for (int u = 0; u < 224; u++) {
        double cx = m.toImageX(u + 0.5);
        if (cy < 0 || cy > h) {
          assertEquals(0f, t[v * 224 + u], "letterbox padding at " + u + "," + v);
        } else if (cx > 8 && cx < w - 8 && cy > 8 && cy < h - 8) {
          double expected = ((cx - 0.5) + 2 * (cy - 0.5)) / 4095.0;
          assertEquals(expected, t[v * 224 + u], 2e-4, "tensor pixel " + u + "," + v);
          checked++;
        }
      }
    }
    assertEquals(true, checked > 30_000, "interior pixels checked: " + checked);
  }
}
