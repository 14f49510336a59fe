package org.radassist.dicom.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.testsupport.Externals;

/**
 * Seeded mutation fuzzing over the shared corpus: bit flips, huge lengths written over length
 * fields, truncations and splices, each input parsed and every frame decoded. The only acceptable
 * failure is a DicomException; any other exception, a decode that does not finish, or running out
 * of memory fails the test with the seed that reproduces it. Runs for {@code
 * radassist.fuzz.seconds} (default 30) so it fits the normal test run; CI may run it longer.
 */
class MutationFuzzTest {
  private static final long SEED = Long.getLong("radassist.fuzz.seed", 20261122L);
  private static final int SECONDS = Integer.getInteger("radassist.fuzz.seconds", 30);

  @Test
  void mutatedCorpusFilesFailOnlyWithDicomException() throws Exception {
    List<byte[]> seeds = seeds();
    assertTrue(seeds.size() > 20, "corpus seeds: " + seeds.size());
    Random random = new Random(SEED);
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "fuzz-target");
              t.setDaemon(true);
              return t;
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    int runs = 0;
    try {
      while (System.nanoTime() < deadline) {
        long inputSeed = random.nextLong();
        byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), new Random(inputSeed));
        Future<?> f = worker.submit(() -> target(input));
        try {
          f.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          fail("decode did not finish within 20 s; " + reproduce(inputSeed, input));
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          throw new AssertionError(
              "unexpected " + cause + "; " + reproduce(inputSeed, input), cause);
        }
        runs++;
      }
    } finally {
      worker.shutdownNow();
    }
    System.out.println("fuzz: " + runs + " mutated inputs, seed " + SEED);
  }

  @Test
  void oneMegabyteClaimingHugeImagesIsRejectedWithoutExhaustingMemory() throws Exception {
    for (String frames : new String[] {"1", "2147483647"}) {
      Attributes ds = DxImageBuilder.create().pixels(512, 512, 12, new int[512 * 512]).build();
      ds.putInt(Tag.ROWS, VR.US, 65535);
      ds.putInt(Tag.COLUMNS, VR.US, 65535);
      ds.putString(Tag.NUMBER_OF_FRAMES, VR.IS, frames);
      Path file = Files.createTempFile("huge", ".dcm");
      try {
        DicomWriter.write(file, ds);
        byte[] b = Files.readAllBytes(file);
        assertTrue(b.length > 500_000);
        target(b);
        DicomException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                DicomException.class, () -> DicomImage.of(DicomReader.read(b, file)).frame(0));
        assertTrue(e.problem().contains("65535") || e.problem().contains("bytes"), e.getMessage());
      } finally {
        Files.deleteIfExists(file);
      }
    }
    byte[] claims = new byte[1 << 20];
    byte[] header = DicomWriter.encodeDataset(new Attributes());
    System.arraycopy(header, 0, claims, 0, header.length);
    // (7FE0,0010) OB with a 4 GB length, then junk: must fail on the length, not allocate it.
    byte[] pixel = HexFormat.of().parseHex("e07f10004f420000f0ffffff");
    System.arraycopy(pixel, 0, claims, 0, pixel.length);
    target(claims);
  }

  private static void target(byte[] input) {
    Path name = Path.of("fuzz-input.dcm");
    try {
      DicomFile file = DicomReader.read(input, name);
      DicomImage image = DicomImage.of(file);
      for (int i = 0; i < Math.min(image.frameCount(), 4); i++) {
        image.frame(i);
      }
      image.modalityLut();
      image.windows();
      image.voiTables();
      image.palette();
    } catch (DicomException expected) {
      if (!expected.getMessage().contains("fuzz-input.dcm")) {
        throw new AssertionError("message lacks the file name: " + expected.getMessage());
      }
    }
  }

  private static String reproduce(long inputSeed, byte[] input) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
      Path out = dir.resolve(Long.toHexString(inputSeed) + ".dcm");
      Files.write(out, input);
      return "input saved to " + out.toAbsolutePath() + " (suite seed " + SEED + ")";
    } catch (IOException e) {
      return "input seed " + inputSeed + " (could not save: " + e.getMessage() + ")";
    }
  }

  private static List<byte[]> seeds() throws IOException {
    Path corpus = Externals.shared("data/dicom");
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(corpus)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        long size = Files.size(p);
        if (size < 300_000 && !p.toString().endsWith(".json") && !p.toString().endsWith(".md")) {
          out.add(Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  /** One to eight mutations, biased towards what breaks parsers: lengths and truncation. */
  static byte[] mutate(byte[] seed, Random r) {
    byte[] b = seed.clone();
    int n = 1 + r.nextInt(8);
    for (int k = 0; k < n && b.length > 8; k++) {
      int p = position(b, r);
      switch (r.nextInt(7)) {
        case 0 -> b[p] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[p] = (byte) r.nextInt(256);
        case 2 -> {
          byte[] huge = HexFormat.of().parseHex(r.nextBoolean() ? "f0ffffff" : "ffffff7f");
          System.arraycopy(huge, 0, b, p, Math.min(4, b.length - p));
        }
        case 3 -> b = java.util.Arrays.copyOf(b, Math.max(8, p));
        case 4 -> {
          int len = Math.min(r.nextInt(64) + 1, b.length - p);
          int to = r.nextInt(b.length);
          System.arraycopy(b, p, b, to, Math.min(len, b.length - to));
        }
        case 5 -> {
          int len = Math.min(r.nextInt(256) + 1, b.length - p);
          java.util.Arrays.fill(b, p, p + len, (byte) (r.nextBoolean() ? 0 : 0xFF));
        }
        default -> {
          int q = lengthFieldNear(b, p);
          if (q >= 0) {
            b[q] = (byte) 0xFF;
            b[q + 1] = (byte) 0xFF;
          }
        }
      }
    }
    return b;
  }

  /**
   * Half the time a position inside the file's JPEG 2000 codestream when it has one: its marker
   * segments and packet headers are where a decoder can loop or over-allocate, and whole-file
   * positions rarely land there.
   */
  private static int position(byte[] b, Random r) {
    if (r.nextBoolean()) {
      for (int i = 0; i + 3 < b.length; i++) {
        if (b[i] == (byte) 0xFF
            && b[i + 1] == 0x4F
            && b[i + 2] == (byte) 0xFF
            && b[i + 3] == 0x51) {
          return i + r.nextInt(b.length - i);
        }
      }
    }
    return r.nextInt(b.length);
  }

  /** Position of a 2-byte explicit VR length field near {@code p}, or -1. */
  private static int lengthFieldNear(byte[] b, int p) {
    for (int i = p; i < Math.min(b.length - 8, p + 256); i++) {
      if (b[i + 4] >= 'A' && b[i + 4] <= 'Z' && b[i + 5] >= 'A' && b[i + 5] <= 'Z') {
        return i + 6;
      }
    }
    return -1;
  }
}
