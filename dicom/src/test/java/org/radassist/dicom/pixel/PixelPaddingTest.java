package org.radassist.dicom.pixel;

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
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;

/** PS3.3 C.7.5.1.1.2: padding pixels are not image data and take no part in a window. */
class PixelPaddingTest {
  @TempDir Path tmp;

  /**
   * A film padded with 0 beyond its round detector, values 1000-3000 inside and no window: it opens
   * over its own 1000-3000 (full contrast inside), its padding black; before, the window spanned
   * 0-3000 and the film's darkest part showed a third grey.
   */
  @Test
  void aPaddedFilmIsWindowedOverItsImageData() throws Exception {
    int rows = 32;
    int columns = 32;
    int[] pixels = new int[rows * columns];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        boolean inside = Math.hypot(x - 15.5, y - 15.5) < 14;
        pixels[y * columns + x] = inside ? 1000 + (x * 2000) / (columns - 1) : 0;
      }
    }
    Attributes ds = DxImageBuilder.create().pixels(rows, columns, 12, pixels).build();
    ds.remove(Tag.WINDOW_CENTER);
    ds.remove(Tag.WINDOW_WIDTH);
    ds.putInt(PixelPadding.PIXEL_PADDING_VALUE, VR.US, 0);
    Path file = tmp.resolve("padded.dcm");
    DicomWriter.write(file, ds);
    DicomImage image = DicomImage.read(file);
    byte[] shown = DisplayRenderer.render(image, 0).pixels();
    int darkestInside = 255;
    int brightestInside = 0;
    for (int i = 0; i < pixels.length; i++) {
      int g = shown[i] & 0xFF;
      if (pixels[i] == 0) {
        assertEquals(0, g, "padding is black");
      } else {
        darkestInside = Math.min(darkestInside, g);
        brightestInside = Math.max(brightestInside, g);
      }
    }
    assertTrue(darkestInside <= 1 && brightestInside >= 254, darkestInside + "-" + brightestInside);
    assertEquals(0, image.frame(0).samples()[0], "the decoded frame keeps its stored values");
  }

  /** A signed image's padding written as US 63536 is the stored value -2000. */
  @Test
  void aSignedImagesPaddingWrittenAsUsIsItsNegativeValue() {
    Attributes ds = new Attributes();
    ds.putInt(Tag.PIXEL_REPRESENTATION, VR.US, 1);
    ds.putInt(PixelPadding.PIXEL_PADDING_VALUE, VR.US, 63536);
    assertEquals(new PixelPadding(-2000, -2000), PixelPadding.of(ds).orElseThrow());
    ds.putInt(PixelPadding.PIXEL_PADDING_RANGE_LIMIT, VR.US, 64536);
    assertEquals(new PixelPadding(-2000, -1000), PixelPadding.of(ds).orElseThrow());
  }

  /** MONOCHROME1 pads at its high end, which it shows dark; padding becomes its darkest value. */
  @Test
  void monochrome1PaddingTakesItsHighestValue() {
    Frame f =
        new Frame(1, 4, 1, Photometric.MONOCHROME1, 12, false, new int[] {4095, 100, 2000, 4095});
    Frame filled = new PixelPadding(4095, 4095).filled(f);
    assertEquals(2000, filled.samples()[0]);
    assertEquals(2000, filled.samples()[3]);
    assertEquals(100, filled.storedRange()[0]);
    assertEquals(2000, filled.storedRange()[1]);
  }
}
