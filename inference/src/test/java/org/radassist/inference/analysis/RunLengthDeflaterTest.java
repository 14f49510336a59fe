package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Any bytes, not only filtered rows, come back from zlib's inflater as they went in, also when
 * several compressed bands are joined; and the Huffman codes stay within deflate's 15 bits however
 * skewed the counts.
 */
class RunLengthDeflaterTest {

  private static byte[] inflateRaw(byte[] stream, int expectedLength) throws Exception {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(stream);
      byte[] out = new byte[expectedLength + 16];
      int n = 0;
      while (!inflater.finished() && n < out.length) {
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0 && inflater.needsInput()) {
          break;
        }
        n += got;
      }
      assertTrue(inflater.finished(), "stream ends with a final block");
      return Arrays.copyOf(out, n);
    } finally {
      inflater.end();
    }
  }

  private static void assertRoundTrip(byte[] data) throws Exception {
    assertArrayEquals(
        data, inflateRaw(RunLengthDeflater.compress(data, data.length, true), data.length));
  }

  @Test
  void bytesOfEveryShapeComeBack() throws Exception {
    Random rnd = new Random(11);
    assertRoundTrip(new byte[0]);
    assertRoundTrip(new byte[] {0});
    assertRoundTrip(new byte[] {5});
    assertRoundTrip(new byte[100_000]);
    byte[] noise = new byte[200_000];
    rnd.nextBytes(noise);
    assertRoundTrip(noise);
    // Runs of zeros and of other bytes of every length from 0 to 1100, in random order, also at
    // the very start and end.
    ByteArrayOutputStream mixed = new ByteArrayOutputStream();
    for (int i = 0; i < 3000; i++) {
      int len = rnd.nextInt(1101);
      byte b = rnd.nextInt(3) == 0 ? (byte) rnd.nextInt(256) : 0;
      for (int k = 0; k < len; k++) {
        mixed.write(b);
      }
    }
    assertRoundTrip(mixed.toByteArray());
  }

  @Test
  void onlyTheGivenLengthIsCompressed() throws Exception {
    byte[] buffer = new byte[10_000];
    Arrays.fill(buffer, 0, 6000, (byte) 3);
    Arrays.fill(buffer, 6000, buffer.length, (byte) 9);
    byte[] packed = RunLengthDeflater.compress(buffer, 5000, true);
    assertArrayEquals(Arrays.copyOf(buffer, 5000), inflateRaw(packed, 5000));
  }

  @Test
  void bandsEndingOnSyncFlushesJoinIntoOneStream() throws Exception {
    Random rnd = new Random(12);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (int band = 0; band < 5; band++) {
      byte[] data = new byte[70_000 + band * 1111];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (rnd.nextInt(9) == 0 ? rnd.nextInt(5) - 2 : 0);
      }
      whole.writeBytes(data);
      joined.writeBytes(RunLengthDeflater.compress(data, data.length, band == 4));
    }
    assertArrayEquals(whole.toByteArray(), inflateRaw(joined.toByteArray(), whole.size()));
  }

  @Test
  void codeLengthsStayWithinTheLimitAndFormACompleteCode() {
    // Fibonacci counts would make an unlimited Huffman code 30 bits deep.
    int[] freq = new int[286];
    int a = 1;
    int b = 1;
    for (int s = 0; s < 30; s++) {
      freq[s] = a;
      int t = a + b;
      a = b;
      b = t;
    }
    for (int limit : new int[] {15, 14, 7}) {
      int[] lengths = RunLengthDeflater.codeLengths(freq, limit);
      double kraft = 0;
      for (int s = 0; s < freq.length; s++) {
        assertEquals(freq[s] > 0, lengths[s] > 0, "a code for every used symbol only");
        assertTrue(lengths[s] <= limit, "length " + lengths[s]);
        kraft += lengths[s] > 0 ? Math.pow(2, -lengths[s]) : 0;
      }
      assertEquals(1.0, kraft, 1e-12, "complete code");
    }
  }
}
