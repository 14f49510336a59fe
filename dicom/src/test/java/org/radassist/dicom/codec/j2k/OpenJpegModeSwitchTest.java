package org.radassist.dicom.codec.j2k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.testsupport.Externals;

/**
 * Code-block coding styles (T.800 Table A.19: bypass, context reset, termination on every pass,
 * vertically causal context, predictable termination, segmentation symbols), odd code-block shapes
 * and layered bypass segments, none of which the DICOM corpus or Pillow can produce: opj_compress
 * encodes them and opj_decompress (the OpenJPEG that GDCM uses) is the reference, sample for
 * sample.
 */
class OpenJpegModeSwitchTest {
  private static final int W = 203;
  private static final int H = 157;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-M 1",
        "-M 2",
        "-M 4",
        "-M 8",
        "-M 16",
        "-M 32",
        "-M 63",
        "-M 5 -b 32,8",
        "-M 9 -b 4,4",
        "-M 40 -b 8,128",
        "-M 1 -b 128,8",
        "-M 4 -r 40,10,1",
        "-M 1 -r 30,10,1 -b 16,16",
        "-M 6 -n 2 -c [32,32],[16,16] -p RPCL",
        "-n 1 -M 63",
        "-I -r 10",
        "-I -r 20 -M 63",
        "-I -r 40,10 -M 1 -b 16,16",
        "-I -r 15 -M 8 -b 64,16",
        "rgb -M 63",
        "rgb -I -r 12 -M 3"
      })
  void decodesLikeOpenJpeg(String options) throws Exception {
    Path compress = Externals.tool("opj_compress");
    Path decompress = Externals.tool("opj_decompress");
    boolean rgb = options.startsWith("rgb");
    Path source = dir.resolve(rgb ? "in.ppm" : "in.pgm");
    Files.write(source, rgb ? rgbImage() : grayImage());
    Path codestream = dir.resolve("out.j2k");
    Path reference = dir.resolve(rgb ? "ref.ppm" : "ref.pgm");
    List<String> cmd = new ArrayList<>(List.of(compress.toString(), "-i", source.toString()));
    cmd.addAll(List.of("-o", codestream.toString()));
    for (String o : options.replaceFirst("^rgb", "").trim().split(" ")) {
      if (!o.isEmpty()) {
        cmd.add(o);
      }
    }
    run(cmd);
    run(List.of(decompress.toString(), "-i", codestream.toString(), "-o", reference.toString()));
    int components = rgb ? 3 : 1;
    int bits = rgb ? 8 : 12;
    PixelFormat f =
        new PixelFormat(
            H,
            W,
            components,
            rgb ? Photometric.RGB : Photometric.MONOCHROME2,
            rgb ? 8 : 16,
            bits,
            bits - 1,
            false,
            0,
            1);
    int[] ours = new Jpeg2000Codec().decode(Files.readAllBytes(codestream), f).samples();
    assertArrayEquals(netpbmSamples(Files.readAllBytes(reference)), ours, options);
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + log);
  }

  /** Flat, smooth and noisy thirds, so every pass and the cleanup run mode all have work. */
  private static byte[] grayImage() {
    Random r = new Random(11);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("P5\n" + W + " " + H + "\n4095\n").getBytes(StandardCharsets.US_ASCII));
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int v = x < W / 3 ? 1000 : x < 2 * W / 3 ? (x * 13 + y * 7) % 4096 : r.nextInt(4096);
        out.write(v >> 8);
        out.write(v);
      }
    }
    return out.toByteArray();
  }

  private static byte[] rgbImage() {
    Random r = new Random(12);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("P6\n" + W + " " + H + "\n255\n").getBytes(StandardCharsets.US_ASCII));
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        out.write(x * 3);
        out.write(y < H / 2 ? 40 : r.nextInt(256));
        out.write((x ^ y) * 7);
      }
    }
    return out.toByteArray();
  }

  /** Samples of a binary PGM/PPM, whose header may carry comments. */
  private static int[] netpbmSamples(byte[] b) {
    int[] header = new int[3];
    int pos = 2;
    for (int n = 0; n < 3; n++) {
      while (Character.isWhitespace(b[pos]) || b[pos] == '#') {
        if (b[pos] == '#') {
          while (b[pos] != '\n') {
            pos++;
          }
        }
        pos++;
      }
      while (Character.isDigit(b[pos])) {
        header[n] = header[n] * 10 + (b[pos++] - '0');
      }
    }
    pos++;
    int bytesPerSample = header[2] > 255 ? 2 : 1;
    int[] samples = new int[(b.length - pos) / bytesPerSample];
    for (int i = 0; i < samples.length; i++, pos += bytesPerSample) {
      samples[i] = bytesPerSample == 2 ? (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF) : b[pos] & 0xFF;
    }
    assertEquals(header[0] * header[1] * (b[1] == '6' ? 3 : 1), samples.length);
    return samples;
  }
}
