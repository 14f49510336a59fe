package org.radassist.dicom.codec.j2k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.testsupport.Externals;
import org.radassist.testsupport.OpenJpegDecompress;

/**
 * HTJ2K codestreams as OpenJPH's encoder writes them ({@code ojph_compress}, apt openjph-tools) —
 * reversible and irreversible, 8 to 16 bits, signed, one and three components, several code-block
 * sizes, odd and one-sample-wide images, tiles with offsets, 0 to 6 decomposition levels — must
 * decode exactly as OpenJPEG decodes them, and the unsigned reversible ones to the very samples
 * encoded.
 */
class HtCrossCheckTest {
  @TempDir Path dir;

  /** A codestream to make: image geometry and sample type, then ojph_compress's options. */
  private record Case(
      String name,
      int width,
      int height,
      int components,
      int bits,
      boolean signed,
      String options) {
    List<String> args() {
      return List.of(options.split(" "));
    }

    /**
     * Whether the decode must give back the very samples coded: reversible, and unsigned, because
     * ojph_compress 0.9 does not carry signed raw input through (ojph_expand returns other values
     * too), so a signed case proves agreement with OpenJPEG on a signed codestream only.
     */
    boolean lossless() {
      return !signed && options.contains("-reversible true");
    }
  }

  private static final String REV = "-reversible true ";
  private static final String IRREV = "-reversible false ";

  private static final List<Case> CASES =
      List.of(
          new Case("gray8", 53, 37, 1, 8, false, REV + "-block_size {16,16} -num_decomps 3"),
          new Case("gray12", 64, 64, 1, 12, false, REV.trim()),
          new Case("gray16", 100, 77, 1, 16, false, REV + "-block_size {32,32}"),
          new Case("signed12", 61, 45, 1, 12, true, REV + "-block_size {8,8} -num_decomps 2"),
          new Case("signed16", 77, 55, 1, 16, true, REV + "-block_size {4,64}"),
          new Case("noWavelet", 40, 33, 1, 8, false, REV + "-num_decomps 0"),
          new Case("column", 1, 50, 1, 8, false, REV + "-num_decomps 2"),
          new Case("row", 70, 1, 1, 12, false, REV + "-num_decomps 2"),
          new Case("tiles", 200, 150, 1, 8, false, REV + "-tile_size {64,64} -num_decomps 2"),
          new Case(
              "offsets",
              97,
              83,
              1,
              12,
              false,
              REV + "-image_offset {3,5} -tile_offset {1,2} -tile_size {40,40} -num_decomps 3"),
          new Case("deep", 300, 200, 1, 16, false, REV + "-num_decomps 6"),
          new Case("wide", 1100, 20, 1, 8, false, REV + "-block_size {8,256} -num_decomps 1"),
          new Case("rgb8", 90, 70, 3, 8, false, REV + "-block_size {32,16}"),
          new Case("rgb10", 33, 29, 3, 10, false, REV.trim()),
          new Case(
              "rgbLrcp", 90, 70, 3, 8, false, REV + "-prog_order LRCP -precincts {16,16},{32,32}"),
          new Case("lossy8", 90, 70, 1, 8, false, IRREV + "-qstep 0.01"),
          new Case("lossy12", 128, 96, 1, 12, false, IRREV + "-qstep 0.001"),
          new Case(
              "lossySigned16", 77, 55, 1, 16, true, IRREV + "-qstep 0.0001 -block_size {64,16}"),
          new Case(
              "lossyRgb",
              90,
              70,
              3,
              8,
              false,
              IRREV + "-qstep 0.002 -num_decomps 4 -prog_order CPRL"),
          new Case(
              "lossyTiles",
              150,
              100,
              3,
              8,
              false,
              IRREV + "-qstep 0.005 -tile_size {64,48} -block_size {16,32}"));

  @Test
  void everyOpenJphCaseDecodesLikeOpenJpeg() throws Exception {
    Path ojph = Externals.tool("ojph_compress");
    Externals.tool("opj_decompress");
    int exact = 0;
    for (Case c : CASES) {
      int[] image = image(c);
      Path input = dir.resolve(c.name + (c.components == 3 ? ".ppm" : ".yuv"));
      Files.write(input, c.components == 3 ? ppm(c, image) : yuv(c, image));
      Path codestream = dir.resolve(c.name + ".j2c");
      List<String> cmd =
          new ArrayList<>(
              List.of(ojph.toString(), "-i", input.toString(), "-o", codestream.toString()));
      if (c.components == 1) {
        cmd.addAll(
            List.of(
                "-dims",
                "{" + c.width + "," + c.height + "}",
                "-num_comps",
                "1",
                "-signed",
                String.valueOf(c.signed),
                "-bit_depth",
                String.valueOf(c.bits),
                "-downsamp",
                "{1,1}"));
      }
      cmd.addAll(c.args());
      run(cmd, c.name);
      int[] reference = OpenJpegDecompress.decode(codestream, c.components, c.bits, c.signed);
      int[] ours = storedValues(decode(Files.readAllBytes(codestream), c), c);
      assertArrayEquals(reference, ours, c.name + " differs from opj_decompress");
      assertTrue(
          java.util.Arrays.stream(ours).distinct().count() > 1,
          c.name + " decodes to a flat image");
      if (c.lossless()) {
        assertArrayEquals(image, ours, c.name + " is reversible but differs from what was coded");
      }
      exact++;
    }
    assertEquals(CASES.size(), exact);
  }

  static int[] decode(byte[] codestream, Case c) throws Exception {
    PixelFormat f =
        new PixelFormat(
            c.height,
            c.width,
            c.components,
            c.components == 1 ? Photometric.MONOCHROME2 : Photometric.RGB,
            c.bits > 8 ? 16 : 8,
            c.bits,
            c.bits - 1,
            c.signed,
            0,
            1);
    return new Jpeg2000Codec().decode(codestream, f).samples();
  }

  private static int[] storedValues(int[] samples, Case c) {
    int shift = 32 - c.bits;
    int[] out = new int[samples.length];
    for (int i = 0; i < out.length; i++) {
      int v = samples[i] << shift;
      out[i] = c.signed ? v >> shift : v >>> shift;
    }
    return out;
  }

  /** Smooth waves with noise and saturated specks: every magnitude range, not just one. */
  private static int[] image(Case c) {
    Random rnd = new Random(c.name.hashCode());
    int lo = c.signed ? -(1 << (c.bits - 1)) : 0;
    int hi = c.signed ? (1 << (c.bits - 1)) - 1 : (1 << c.bits) - 1;
    int[] out = new int[c.width * c.height * c.components];
    for (int y = 0; y < c.height; y++) {
      for (int x = 0; x < c.width; x++) {
        for (int k = 0; k < c.components; k++) {
          double wave = (Math.sin(x / (7.0 + k)) * Math.cos(y / 5.0) + 1) / 2;
          double v = lo + wave * (hi - lo) + rnd.nextGaussian() * (hi - lo) / 20;
          if (rnd.nextInt(50) == 0) {
            v = hi;
          }
          out[(y * c.width + x) * c.components + k] =
              (int) Math.max(lo, Math.min(hi, Math.round(v)));
        }
      }
    }
    return out;
  }

  /** Raw planar samples, one byte each up to 8 bits, else two little-endian. */
  private static byte[] yuv(Case c, int[] samples) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int v : samples) {
      out.write(v);
      if (c.bits > 8) {
        out.write(v >> 8);
      }
    }
    return out.toByteArray();
  }

  /** Binary PPM, whose wider samples are big-endian. */
  private static byte[] ppm(Case c, int[] samples) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header =
        ("P6\n" + c.width + " " + c.height + "\n" + ((1 << c.bits) - 1) + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    out.write(header, 0, header.length);
    for (int v : samples) {
      if (c.bits > 8) {
        out.write(v >> 8);
      }
      out.write(v);
    }
    return out.toByteArray();
  }

  private static void run(List<String> cmd, String name) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError(name + ": " + String.join(" ", cmd) + " failed: " + log);
    }
  }
}
