package org.radassist.inference.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNG files for the image-sized outputs of {@code analyze --out}: 8-bit grey (the heatmaps) and
 * 8-bit RGB or RGBA (the overlay). ImageIO's writer tries every row filter at its highest deflate
 * level, which for one 2k map takes longer than the network; here a row that repeats the one above
 * gets the Up filter (all zeros: a heatmap upsampled from a 7x7 grid repeats most of its rows in 8
 * bits) and every other row the Sub filter (heatmaps and radiographs are smooth along a row, so the
 * differences are small numbers that Huffman coding packs well), and deflate runs at its fastest
 * level, in bands of rows compressed in parallel and joined as one zlib stream (each band but the
 * last ends on a byte-aligned sync flush, as pigz does), so any PNG reader decodes it.
 */
public final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
  private static final int BAND_BYTES = 1 << 18;
  private static final int FILTER_SUB = 1;
  private static final int FILTER_UP = 2;

  private PngEncoder() {}

  /** An 8-bit greyscale PNG of {@code pixels} (row-major, {@code width x height}). */
  public static byte[] gray8(int width, int height, byte[] pixels) {
    if (pixels.length != width * height) {
      throw new IllegalArgumentException("gray8 needs width*height pixels");
    }
    return encode(
        width, height, 1, 0, (y, row) -> System.arraycopy(pixels, y * width, row, 0, width));
  }

  /**
   * An 8-bit RGB PNG of packed {@code 0xRRGGBB} pixels (as in a {@code TYPE_INT_RGB} image), or
   * RGBA from {@code 0xAARRGGBB} when {@code alpha}.
   */
  public static byte[] rgb(int width, int height, int[] pixels, boolean alpha) {
    if (pixels.length != width * height) {
      throw new IllegalArgumentException("rgb needs width*height pixels");
    }
    int bpp = alpha ? 4 : 3;
    return encode(
        width,
        height,
        bpp,
        alpha ? 6 : 2,
        (y, row) -> {
          int base = y * width;
          int k = 0;
          for (int x = 0; x < width; x++) {
            int p = pixels[base + x];
            row[k++] = (byte) (p >>> 16);
            row[k++] = (byte) (p >>> 8);
            row[k++] = (byte) p;
            if (alpha) {
              row[k++] = (byte) (p >>> 24);
            }
          }
        });
  }

  /** An 8-bit greyscale PNG whose rows {@code rows} writes on demand, from any thread. */
  static byte[] gray8(int width, int height, Rows rows) {
    return encode(width, height, 1, 0, rows);
  }

  public static void writeGray8(Path file, int width, int height, byte[] pixels)
      throws IOException {
    Files.write(file, gray8(width, height, pixels));
  }

  /** Writes the bytes of row {@code y} into {@code out}. */
  interface Rows {
    void row(int y, byte[] out);
  }

  private static byte[] encode(int width, int height, int bpp, int colourType, Rows rows) {
    int stride = width * bpp + 1;
    int rowsPerBand = Math.max(1, BAND_BYTES / stride);
    int bands = (height + rowsPerBand - 1) / rowsPerBand;
    byte[][] raw = new byte[bands][];
    byte[][] packed = new byte[bands][];
    IntStream range = IntStream.range(0, bands);
    if (bands > 1) {
      range = range.parallel();
    }
    range.forEach(
        b -> {
          int y0 = b * rowsPerBand;
          int y1 = Math.min(height, y0 + rowsPerBand);
          byte[] filtered = new byte[(y1 - y0) * stride];
          byte[] row = new byte[width * bpp];
          byte[] previous = new byte[width * bpp];
          boolean hasPrevious = y0 > 0;
          if (hasPrevious) {
            rows.row(y0 - 1, previous);
          }
          for (int y = y0; y < y1; y++) {
            rows.row(y, row);
            int o = (y - y0) * stride;
            if (hasPrevious && Arrays.equals(row, previous)) {
              // The Up filter of a repeated row is all zeros, which deflate takes in long matches.
              filtered[o] = FILTER_UP;
            } else {
              filtered[o] = FILTER_SUB;
              System.arraycopy(row, 0, filtered, o + 1, bpp);
              for (int i = bpp; i < row.length; i++) {
                filtered[o + 1 + i] = (byte) (row[i] - row[i - bpp]);
              }
            }
            byte[] t = previous;
            previous = row;
            row = t;
            hasPrevious = true;
          }
          raw[b] = filtered;
          packed[b] = deflate(filtered, b == bands - 1);
        });
    Adler32 adler = new Adler32();
    int size = 2 + 4;
    for (int b = 0; b < bands; b++) {
      adler.update(raw[b]);
      size += packed[b].length;
    }
    ByteBuffer zlib = ByteBuffer.allocate(size);
    zlib.put((byte) 0x78).put((byte) 0x01);
    for (byte[] p : packed) {
      zlib.put(p);
    }
    zlib.putInt((int) adler.getValue());
    ByteBuffer header = ByteBuffer.allocate(13);
    header.putInt(width).putInt(height).put((byte) 8).put((byte) colourType);
    header.put((byte) 0).put((byte) 0).put((byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
    out.writeBytes(SIGNATURE);
    for (Chunk c :
        List.of(
            new Chunk("IHDR", header.array()),
            new Chunk("IDAT", zlib.array()),
            new Chunk("IEND", new byte[0]))) {
      c.writeTo(out);
    }
    return out.toByteArray();
  }

  /** Raw deflate of one band; all but the last end on a sync flush so the bands concatenate. */
  private static byte[] deflate(byte[] data, boolean last) {
    Deflater d = new Deflater(Deflater.BEST_SPEED, true);
    try {
      d.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
      byte[] buf = new byte[1 << 16];
      if (last) {
        d.finish();
        while (!d.finished()) {
          out.write(buf, 0, d.deflate(buf));
        }
      } else {
        int n;
        do {
          n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
          out.write(buf, 0, n);
        } while (n == buf.length || !d.needsInput());
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  private record Chunk(String type, byte[] data) {
    void writeTo(ByteArrayOutputStream out) {
      byte[] t = type.getBytes(StandardCharsets.US_ASCII);
      CRC32 crc = new CRC32();
      crc.update(t);
      crc.update(data);
      ByteBuffer b = ByteBuffer.allocate(12 + data.length);
      b.putInt(data.length).put(t).put(data).putInt((int) crc.getValue());
      out.writeBytes(b.array());
    }
  }
}
