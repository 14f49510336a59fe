package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** What the fast encoder writes, ImageIO reads back pixel for pixel, across many row bands. */
class PngEncoderTest {

  @Test
  void grayBandsJoinIntoOneStreamAnyReaderDecodes() throws Exception {
    int w = 1999;
    int h = 1001;
    byte[] px = new byte[w * h];
    Random rnd = new Random(1);
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i % 7 == 0 ? rnd.nextInt(256) : (i / w + i % w) / 8);
    }
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(PngEncoder.gray8(w, h, px)));
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
    byte[] back = new byte[w * h];
    img.getRaster().getDataElements(0, 0, w, h, back);
    assertArrayEquals(px, back);
  }

  @Test
  void rgbAndRgbaKeepEveryChannel() throws Exception {
    int w = 700;
    int h = 300;
    int[] px = new int[w * h];
    Random rnd = new Random(2);
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextInt();
    }
    BufferedImage rgb = ImageIO.read(new ByteArrayInputStream(PngEncoder.rgb(w, h, px, false)));
    BufferedImage rgba = ImageIO.read(new ByteArrayInputStream(PngEncoder.rgb(w, h, px, true)));
    for (int i = 0; i < px.length; i += 37) {
      int x = i % w;
      int y = i / w;
      assertEquals(px[i] & 0xffffff, rgb.getRGB(x, y) & 0xffffff, "rgb at " + i);
      assertEquals(px[i], rgba.getRGB(x, y), "rgba at " + i);
    }
  }
}
