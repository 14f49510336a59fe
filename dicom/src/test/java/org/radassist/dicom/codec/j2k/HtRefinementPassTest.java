package org.radassist.dicom.codec.j2k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.provider.CsvSource;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.testsupport.Externals;
import org.radassist.testsupport.OpenJpegDecompress;

/**
 * SigProp and MagRef passes, which no encoder on Debian writes (ojph_compress codes the cleanup
 * pass alone). A one-code-block, no-wavelet, lossless ojph_compress codestream is turned into one
 * whose cleanup pass sits a bit-plane higher (one more magnitude bit in QCD and one more bit of
 * precision in SIZ, the cleanup bytes untouched) followed by refinement passes this test writes
 * itself with random bits, visiting samples by our own neighbourhood rule. The expected samples
 * follow from the bits chosen; OpenJPEG's decoder must agree with them, which checks that rule, the
 * scan order and the stuffing against an independent implementation of T.814.
 */
class HtRefinementPassTest {
  private static final int W = 61;
  private static final int H = 45;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} passes, vertically causal {1}")
  @CsvSource({"3, false", "2, false", "3, true"})
  void refinementPassesDecodeAsCoded(int passes, boolean causal) throws Exception {
    Path ojph = Externals.tool("ojph_compress");
    Random rnd = new Random(passes * 31 + (causal ? 1 : 0));
    int[] image = new int[W * H];
    for (int i = 0; i < image.length; i++) {
      // Mostly the mid value, whose coefficient is 0, so that SigProp has samples to find.
      image[i] = rnd.nextInt(10) < 6 ? 128 : 1 + rnd.nextInt(255);
    }
    Path pgm = dir.resolve("in.pgm");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("P5\n" + W + " " + H + "\n255\n").getBytes(StandardCharsets.US_ASCII));
    for (int v : image) {
      b.write(v);
    }
    Files.write(pgm, b.toByteArray());
    Path coded = dir.resolve("cleanup.j2c");
    run(
        List.of(
            ojph.toString(),
            "-i",
            pgm.toString(),
            "-o",
            coded.toString(),
            "-reversible",
            "true",
            "-num_decomps",
            "0",
            "-block_size",
            "{64,64}"));
    byte[] cs = Files.readAllBytes(coded);

    int[] coefficient = new int[W * H];
    byte[] state = new byte[W * H];
    for (int i = 0; i < image.length; i++) {
      coefficient[i] = image[i] - 128;
      state[i] = (byte) (coefficient[i] != 0 ? 1 : 0);
    }
    int[] expected = new int[W * H];
    for (int i = 0; i < expected.length; i++) {
      int mag = 2 * Math.abs(coefficient[i]) + 1;
      expected[i] = coefficient[i] < 0 ? -mag : coefficient[i] > 0 ? mag : 0;
    }
    BitsOut sigProp = BitsOut.forward();
    for (int y0 = 0; y0 < H; y0 += 4) {
      for (int x0 = 0; x0 < W; x0 += 4) {
        List<Integer> fresh = new ArrayList<>();
        for (int x = x0; x < Math.min(x0 + 4, W); x++) {
          for (int y = y0; y < Math.min(y0 + 4, H); y++) {
            if (state[y * W + x] == 0
                && HtRefinement.hasSignificantNeighbour(state, W, H, x, y, y0 + 3, causal)) {
              int bit = rnd.nextInt(3) == 0 ? 1 : 0;
              sigProp.add(bit);
              if (bit == 1) {
                state[y * W + x] = 2;
                fresh.add(y * W + x);
              }
            }
          }
        }
        for (int i : fresh) {
          int sign = rnd.nextInt(2);
          sigProp.add(sign);
          expected[i] = sign == 1 ? -1 : 1;
        }
      }
    }
    BitsOut magRef = BitsOut.backward();
    if (passes == 3) {
      for (int y0 = 0; y0 < H; y0 += 4) {
        for (int x = 0; x < W; x++) {
          for (int y = y0; y < Math.min(y0 + 4, H); y++) {
            int i = y * W + x;
            if (state[i] == 1) {
              int bit = rnd.nextInt(2);
              magRef.add(bit);
              int mag = 2 * Math.abs(coefficient[i]) + bit;
              expected[i] = coefficient[i] < 0 ? -mag : mag;
            }
          }
        }
      }
    }
    byte[] refinement = concat(sigProp.bytes(), reverse(magRef.bytes()));
    SingleBlockCodestream block = SingleBlockCodestream.of(cs);
    byte[] rewritten = block.rebuild(true, causal, passes, block.cleanup(), refinement);
    for (int i = 0; i < expected.length; i++) {
      expected[i] += 256;
    }

    Path out = dir.resolve("refined.j2c");
    Files.write(out, rewritten);
    PixelFormat f = new PixelFormat(H, W, 1, Photometric.MONOCHROME2, 16, 9, 8, false, 0, 1);
    int[] ours = new Jpeg2000Codec().decode(rewritten, f).samples();
    assertArrayEquals(expected, ours, "our decode differs from the bits coded");
    assertArrayEquals(expected, OpenJpegDecompress.decode(out, 1, 9, false), "OpenJPEG differs");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static byte[] reverse(byte[] a) {
    byte[] r = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[a.length - 1 - i];
    }
    return r;
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, cmd + ": " + log);
  }

  /**
   * Refinement bits as T.814 stuffs them, least significant first. Forward (SigProp): after a 0xFF
   * byte the next holds seven bits. Backward (MagRef, bytes listed in coding order, stored from the
   * segment's end): after a byte above 0x8F, seven set bits go alone into a 0x7F byte.
   */
  private static final class BitsOut {
    private final boolean forward;
    private final List<Integer> bits = new ArrayList<>();

    private BitsOut(boolean forward) {
      this.forward = forward;
    }

    static BitsOut forward() {
      return new BitsOut(true);
    }

    static BitsOut backward() {
      return new BitsOut(false);
    }

    void add(int bit) {
      bits.add(bit);
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      boolean flag = !forward;
      int i = 0;
      while (i < bits.size()) {
        int take = 8;
        if (forward && flag) {
          take = 7;
        } else if (!forward && flag && value(i, 7) == 0x7F) {
          take = 7;
        }
        int b = value(i, take);
        i += take;
        out.write(b);
        flag = forward ? b == 0xFF : b > 0x8F;
      }
      return out.toByteArray();
    }

    private int value(int from, int n) {
      int v = 0;
      for (int k = 0; k < n && from + k < bits.size(); k++) {
        v |= bits.get(from + k) << k;
      }
      return v;
    }
  }
}
