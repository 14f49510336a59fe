package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radassist.inference.preprocess.ImageMapping;

/**
 * What the fast encoder writes, readers decode pixel for pixel: ImageIO, and zlib's own inflater,
 * which checks the stream's Adler-32, with every chunk's CRC right; for maps of every kind, sizes
 * that make many row bands or runs of every length, and noise as the worst case.
 */
class PngEncoderTest {

  /** The filtered rows of an 8-bit grey PNG, its chunks and checksums checked on the way. */
  private static byte[] filteredRows(byte[] png, int width, int height) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(png);
    byte[] signature = new byte[8];
    in.get(signature);
    assertArrayEquals(new byte[] {(byte) 137, 80, 78, 71, 13, 10, 26, 10}, signature);
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    while (true) {
      int length = in.getInt();
      byte[] typeAndData = new byte[4 + length];
      in.get(typeAndData);
      CRC32 crc = new CRC32();
      crc.update(typeAndData);
      String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
      assertEquals((int) crc.getValue(), in.getInt(), "CRC of " + type);
      ByteBuffer data = ByteBuffer.wrap(typeAndData, 4, length);
      if (type.equals("IHDR")) {
        assertEquals(width, data.getInt());
        assertEquals(height, data.getInt());
        assertEquals(8, data.get(), "bit depth");
        assertEquals(0, data.get(), "colour type grey");
      } else if (type.equals("IDAT")) {
        idat.write(typeAndData, 4, length);
      } else if (type.equals("IEND")) {
        break;
      }
    }
    assertEquals(0, in.remaining(), "bytes after IEND");
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(idat.toByteArray());
      int expected = height * (width + 1);
      byte[] raw = new byte[expected + 1];
      int n = 0;
      while (!inflater.finished()) {
        if (n == raw.length) {
          fail("the zlib stream holds more than the image");
        }
        int got = inflater.inflate(raw, n, raw.length - n);
        if (got == 0 && inflater.needsInput()) {
          fail("the zlib stream ends early, after " + n + " bytes");
        }
        n += got;
      }
      assertEquals(expected, n, "filtered bytes");
      assertEquals(0, inflater.getRemaining(), "bytes after the zlib stream");
      return Arrays.copyOf(raw, n);
    } finally {
      inflater.end();
    }
  }

  /** The pixels of filtered rows, undoing the filters this encoder uses (None, Sub and Up). */
  private static byte[] unfilter(byte[] raw, int width, int height) {
    byte[] pixels = new byte[width * height];
    for (int y = 0; y < height; y++) {
      int filter = raw[y * (width + 1)];
      for (int x = 0; x < width; x++) {
        int v = raw[y * (width + 1) + 1 + x];
        int left = x > 0 ? pixels[y * width + x - 1] : 0;
        int up = y > 0 ? pixels[(y - 1) * width + x] : 0;
        pixels[y * width + x] =
            (byte)
                switch (filter) {
                  case 0 -> v;
                  case 1 -> v + left;
                  case 2 -> v + up;
                  default -> throw new AssertionError("filter " + filter + " in row " + y);
                };
      }
    }
    return pixels;
  }

  /** Asserts that both readers give back {@code pixels}; returns the filtered rows. */
  private static byte[] assertDecodesTo(byte[] png, int width, int height, byte[] pixels)
      throws Exception {
    byte[] raw = filteredRows(png, width, height);
    assertArrayEquals(pixels, unfilter(raw, width, height), "pixels by Inflater");
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
    byte[] back = new byte[width * height];
    img.getRaster().getDataElements(0, 0, width, height, back);
    assertArrayEquals(pixels, back, "pixels by ImageIO");
    return raw;
  }

  private static byte[] roundTrip(int width, int height, byte[] pixels) throws Exception {
    byte[] png = PngEncoder.gray8(width, height, pixels);
    assertDecodesTo(png, width, height, pixels);
    return png;
  }

  /** zlib's size at its fastest level for the same filtered rows, the encoder this replaced. */
  private static int zlibFastestSize(byte[] raw) {
    Deflater d = new Deflater(Deflater.BEST_SPEED);
    try {
      d.setInput(raw);
      d.finish();
      byte[] buf = new byte[raw.length + 1024];
      int n = 0;
      while (!d.finished()) {
        n += d.deflate(buf);
      }
      return n;
    } finally {
      d.end();
    }
  }

  /** A class-activation map like the chest model's: a 32x32 grid, two hot spots, upsampled. */
  private static GridMap camLikeMap(int width, int height) {
    int g = 32;
    float[] cells = new float[g * g];
    for (int i = 0; i < g; i++) {
      for (int j = 0; j < g; j++) {
        double a = Math.exp(-((i - 9.5) * (i - 9.5) + (j - 20.0) * (j - 20.0)) / 6.0);
        double b = 0.6 * Math.exp(-((i - 22.0) * (i - 22.0) + (j - 8.0) * (j - 8.0)) / 12.0);
        cells[i * g + j] = (float) (0.02 + 0.9 * a + b);
      }
    }
    return new GridMap(cells, g, g, ImageMapping.of("stretch", width, height, 512, 512));
  }

  @Test
  void camLikeMapDecodesToItsValuesRoundedInFilesNoBiggerThanTwiceZlibs() throws Exception {
    int w = 1760;
    int h = 2140;
    GridMap grid = camLikeMap(w, h);
    byte[] expected = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float v = grid.value(x, y);
        expected[y * w + x] = (byte) Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
      }
    }
    byte[] png = new Heatmap("x", Heatmap.Method.CAM, grid).toPng();
    byte[] raw = assertDecodesTo(png, w, h, expected);
    assertTrue(png.length <= 2 * zlibFastestSize(raw), png.length + " bytes");
    assertArrayEquals(png, roundTrip(w, h, expected), "from rows and from pixels alike");
  }

  @Test
  void blankConstantAndNoiseMapsDecodeAcrossManyBands() throws Exception {
    int w = 1501;
    int h = 1203;
    roundTrip(w, h, new byte[w * h]);
    byte[] constant = new byte[w * h];
    Arrays.fill(constant, (byte) 200);
    roundTrip(w, h, constant);
    byte[] noise = new byte[w * h];
    new Random(5).nextBytes(noise);
    byte[] png = roundTrip(w, h, noise);
    assertTrue(png.length < noise.length * 1.01, "noise takes about a byte a pixel");
  }

  @Test
  void grayBandsJoinIntoOneStreamAnyReaderDecodes() throws Exception {
    int w = 1999;
    int h = 1001;
    byte[] px = new byte[w * h];
    Random rnd = new Random(1);
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i % 7 == 0 ? rnd.nextInt(256) : (i / w + i % w) / 8);
    }
    roundTrip(w, h, px);
  }

  @Test
  void onePixelWideAndOnePixelHighImagesDecode() throws Exception {
    int tall = 300_000;
    byte[] column = new byte[tall];
    for (int y = 0; y < tall; y++) {
      column[y] = (byte) (y / 1000 + (y % 997 == 0 ? 50 : 0));
    }
    roundTrip(1, tall, column);
    int wide = 70_000;
    byte[] row = new byte[wide];
    for (int x = 0; x < wide; x++) {
      row[x] = (byte) (x < 30_000 ? 0 : x / 400);
    }
    roundTrip(wide, 1, row);
    roundTrip(1, 1, new byte[] {7});
  }

  @ParameterizedTest(name = "width {0}")
  @ValueSource(ints = {2, 3, 4, 5, 257, 258, 259, 260, 261, 262, 515, 516, 517, 518, 519, 1000})
  void runsOfEveryLengthAroundTheLongestMatchDecode(int width) throws Exception {
    // Row r steps up by one every r + 1 pixels, so after the Sub filter it holds runs of zeros of
    // every length up to the width; the repeated last rows are runs of the whole width.
    int height = Math.min(width, 600) + 3;
    byte[] px = new byte[width * height];
    for (int y = 0; y < height; y++) {
      int step = Math.min(y, height - 4) + 1;
      for (int x = 0; x < width; x++) {
        px[y * width + x] = (byte) (x / step);
      }
    }
    roundTrip(width, height, px);
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
