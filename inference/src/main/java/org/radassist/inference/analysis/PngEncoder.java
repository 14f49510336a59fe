package org.radassist.inference.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
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
 * differences are small numbers that Huffman coding packs well). Bands of rows are compressed in
 * parallel and joined as one zlib stream (each band but the last ends on a byte-aligned sync flush,
 * as pigz does), so any PNG reader decodes it. Grey maps, whose filtered rows are runs of zeros,
 * are compressed by {@link RunLengthDeflater}; the overlay shows a radiograph, whose texture only
 * zlib's string matching packs, at its fastest level.
 */
public final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
  private static final int BAND_BYTES = 1 << 18;
  private static final int FILTER_SUB = 1;
  private static final int FILTER_UP = 2;

  private PngEncoder() {}

  /**
   * An 8-bit greyscale PNG of {@code pixels} (row-major, {@code width x height}), compressed for
   * smooth maps: a photograph would come out larger than zlib makes it.
   */
  public static byte[] gray8(int width, int height, byte[] pixels) {
    if (pixels.length != width * height) {
      throw new IllegalArgumentException("gray8 needs width*height pixels");
    }
    return gray8(width, height, (y, row) -> System.arraycopy(pixels, y * width, row, 0, width));
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
        PngEncoder::deflate,
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
    return encode(width, height, 1, 0, RunLengthDeflater::compress, rows);
  }

  public static void writeGray8(Path file, int width, int height, byte[] pixels)
      throws IOException {
    Files.write(file, gray8(width, height, pixels));
  }

  /** Writes the bytes of row {@code y} into {@code out}. */
  interface Rows {
    void row(int y, byte[] out);
  }

  /**
   * Raw deflate of one band of filtered rows; all but the last end on a sync flush so the bands
   * concatenate.
   */
  private interface BandCompressor {
    byte[] compress(byte[] filtered, int length, boolean last);
  }

  private static byte[] encode(
      int width, int height, int bpp, int colourType, BandCompressor compressor, Rows rows) {
    int stride = width * bpp + 1;
    int rowsPerBand = Math.max(1, BAND_BYTES / stride);
    int bands = (height + rowsPerBand - 1) / rowsPerBand;
    long[] checksums = new long[bands];
    byte[][] packed = new byte[bands][];
    int workers = Math.min(bands, ForkJoinPool.getCommonPoolParallelism() + 1);
    AtomicInteger nextBand = new AtomicInteger();
    IntStream range = IntStream.range(0, workers);
    if (workers > 1) {
      range = range.parallel();
    }
    range.forEach(
        w -> {
          // Each worker takes bands until none are left and reuses its buffers, which stay in
          // cache from band to band.
          byte[] filtered = new byte[Math.min(height, rowsPerBand) * stride];
          byte[] row = new byte[width * bpp];
          byte[] previous = new byte[width * bpp];
          for (int b = nextBand.getAndIncrement(); b < bands; b = nextBand.getAndIncrement()) {
            int y0 = b * rowsPerBand;
            int y1 = Math.min(height, y0 + rowsPerBand);
            int length = (y1 - y0) * stride;
            boolean hasPrevious = y0 > 0;
            if (hasPrevious) {
              rows.row(y0 - 1, previous);
            }
            for (int y = y0; y < y1; y++) {
              rows.row(y, row);
              int o = (y - y0) * stride;
              if (hasPrevious && Arrays.equals(row, previous)) {
                // The Up filter of a repeated row is all zeros, which deflate takes in long
                // matches.
                filtered[o] = FILTER_UP;
                Arrays.fill(filtered, o + 1, o + stride, (byte) 0);
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
            // Checksummed here, while the band is in cache and in parallel, and combined below.
            Adler32 adler = new Adler32();
            adler.update(filtered, 0, length);
            checksums[b] = adler.getValue();
            packed[b] = compressor.compress(filtered, length, b == bands - 1);
          }
        });
    long adler = 1;
    int idatLength = 2 + 4;
    for (int b = 0; b < bands; b++) {
      int bandRows = Math.min(height, (b + 1) * rowsPerBand) - b * rowsPerBand;
      adler = combineAdler32(adler, checksums[b], (long) bandRows * stride);
      idatLength += packed[b].length;
    }
    ByteBuffer png = ByteBuffer.allocate(SIGNATURE.length + 3 * 12 + 13 + idatLength);
    png.put(SIGNATURE);
    int chunk = beginChunk(png, 13, "IHDR");
    png.putInt(width).putInt(height).put((byte) 8).put((byte) colourType);
    png.put((byte) 0).put((byte) 0).put((byte) 0);
    endChunk(png, chunk);
    chunk = beginChunk(png, idatLength, "IDAT");
    png.put((byte) 0x78).put((byte) 0x01);
    for (byte[] p : packed) {
      png.put(p);
    }
    png.putInt((int) adler);
    endChunk(png, chunk);
    endChunk(png, beginChunk(png, 0, "IEND"));
    return png.array();
  }

  /** Writes a chunk's length and type; returns where the type starts, for {@link #endChunk}. */
  private static int beginChunk(ByteBuffer png, int length, String type) {
    png.putInt(length);
    int start = png.position();
    png.put(type.getBytes(StandardCharsets.US_ASCII));
    return start;
  }

  /** Appends the CRC of the chunk's type and data. */
  private static void endChunk(ByteBuffer png, int typeStart) {
    CRC32 crc = new CRC32();
    crc.update(png.array(), typeStart, png.position() - typeStart);
    png.putInt((int) crc.getValue());
  }

  /**
   * The Adler-32 of two byte sequences one after the other, from theirs (as zlib combines them).
   */
  private static long combineAdler32(long first, long second, long secondLength) {
    int mod = 65521;
    long n = secondLength % mod;
    long sum = Math.floorMod((first & 0xffff) + (second & 0xffff) - 1, mod);
    long sumOfSums =
        Math.floorMod((first >>> 16) + (second >>> 16) + n * (first & 0xffff) - n, mod);
    return sumOfSums << 16 | sum;
  }

  /** zlib's raw deflate at its fastest level, as a {@link BandCompressor}. */
  private static byte[] deflate(byte[] data, int length, boolean last) {
    Deflater d = new Deflater(Deflater.BEST_SPEED, true);
    try {
      d.setInput(data, 0, length);
      ByteArrayOutputStream out = new ByteArrayOutputStream(length / 4 + 64);
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
}
