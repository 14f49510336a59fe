package org.radassist.dicom.codec.j2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.testsupport.Externals;

/**
 * Broken HT codestreams end in a {@link J2kException} that says what is wrong — never another
 * exception, and never an image of zeros passed off as decoded — and HT features this decoder
 * leaves out are refused by name.
 */
class HtCorruptCodestreamTest {
  private static final int W = 61;
  private static final int H = 45;
  private static final PixelFormat GRAY =
      new PixelFormat(H, W, 1, Photometric.MONOCHROME2, 8, 8, 7, false, 0, 1);

  @TempDir Path dir;
  private byte[] single;
  private byte[] multi;

  @BeforeEach
  void encode() throws Exception {
    Path ojph = Externals.tool("ojph_compress");
    Random rnd = new Random(11);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("P5\n" + W + " " + H + "\n255\n").getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < W * H; i++) {
      b.write(rnd.nextInt(256));
    }
    Path pgm = dir.resolve("in.pgm");
    Files.write(pgm, b.toByteArray());
    single = compress(ojph, pgm, "-num_decomps", "0", "-block_size", "{64,64}");
    multi = compress(ojph, pgm, "-num_decomps", "3", "-block_size", "{16,16}");
  }

  @Test
  void cleanupLengthsThatDoNotFitAreNamed() {
    SingleBlockCodestream block = SingleBlockCodestream.of(single);
    byte[] cleanup = block.cleanup();
    cleanup[cleanup.length - 1] = (byte) 0xFF;
    byte[] cs = block.rebuild(false, false, 1, cleanup);
    J2kException e = assertThrows(J2kException.class, () -> decode(cs));
    assertTrue(e.getMessage().contains("MEL and VLC take"), e.getMessage());
  }

  @Test
  void placeholderPassesAreRefused() {
    SingleBlockCodestream block = SingleBlockCodestream.of(single);
    byte[] cs = block.rebuild(false, false, 4, block.cleanup(), new byte[0], new byte[0]);
    J2kException e = assertThrows(J2kException.class, () -> decode(cs));
    assertTrue(e.getMessage().contains("placeholder passes"), e.getMessage());
  }

  @Test
  void refinementBelowTheLastBitPlaneIsNamed() {
    SingleBlockCodestream block = SingleBlockCodestream.of(single);
    byte[] cs = block.rebuild(false, false, 3, block.cleanup(), new byte[] {0x12, 0x34});
    J2kException e = assertThrows(J2kException.class, () -> decode(cs));
    assertTrue(e.getMessage().contains("below bit-plane 0"), e.getMessage());
  }

  @Test
  void mixedCodeBlocksAreRefused() {
    byte[] cs = multi.clone();
    int cap = indexOf(cs, 0xFF, 0x50);
    cs[cap + 8] |= (byte) 0xC0;
    J2kException e = assertThrows(J2kException.class, () -> decode(cs));
    assertTrue(e.getMessage().contains("MIXED"), e.getMessage());
  }

  @Test
  void truncationIsNamed() {
    for (int keep = multi.length / 4; keep < multi.length - 2; keep += multi.length / 7) {
      byte[] cs = java.util.Arrays.copyOf(multi, keep);
      J2kException e = assertThrows(J2kException.class, () -> decode(cs), "cut at " + keep);
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  /**
   * Flipped bytes in the packet data either decode (HT has no redundancy to notice every change) or
   * fail as a J2kException; a failure of any other kind would be a decoder bug.
   */
  @Test
  void corruptedDataFailsOnlyAsJ2kException() {
    Random rnd = new Random(5);
    int sod = indexOf(multi, 0xFF, 0x93);
    int failures = 0;
    for (int trial = 0; trial < 300; trial++) {
      byte[] cs = multi.clone();
      for (int k = 0; k < 1 + trial % 4; k++) {
        cs[sod + 2 + rnd.nextInt(cs.length - sod - 4)] = (byte) rnd.nextInt(256);
      }
      try {
        decode(cs);
      } catch (J2kException e) {
        failures++;
      } catch (Exception e) {
        throw new AssertionError("trial " + trial + " failed with " + e, e);
      }
    }
    assertTrue(failures > 0, "no corruption was noticed at all");
  }

  private static int[] decode(byte[] cs) throws Exception {
    int[] samples = new Jpeg2000Codec().decode(cs, GRAY).samples();
    assertEquals(W * H, samples.length);
    return samples;
  }

  private static int indexOf(byte[] d, int a, int b) {
    for (int i = 0; i + 1 < d.length; i++) {
      if ((d[i] & 0xFF) == a && (d[i + 1] & 0xFF) == b) {
        return i;
      }
    }
    throw new AssertionError(String.format("no %02X%02X marker", a, b));
  }

  private byte[] compress(Path ojph, Path pgm, String... args) throws Exception {
    Path out = Files.createTempFile(dir, "ht", ".j2c");
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                ojph.toString(),
                "-i",
                pgm.toString(),
                "-o",
                out.toString(),
                "-reversible",
                "true"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, cmd + ": " + log);
    return Files.readAllBytes(out);
  }
}
