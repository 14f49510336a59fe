package org.radassist.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * OpenJPEG's own decode of a raw codestream ({@code opj_decompress}, apt libopenjp2-tools), the
 * reference for HTJ2K, which GDCM on Debian 12 does not decode. Samples come back interleaved,
 * masked to {@code bits} and sign-extended when signed: the stored-value form our decoders return.
 */
public final class OpenJpegDecompress {
  private OpenJpegDecompress() {}

  /** Decodes {@code codestream}; skips (or in CI fails) the test when the tool is missing. */
  public static int[] decode(Path codestream, int components, int bits, boolean signed)
      throws IOException, InterruptedException {
    Path tool = Externals.tool("opj_decompress");
    // .rawl: components one after another, one byte a sample up to 8 bits, else two, little-endian.
    Path out = Files.createTempFile(codestream.getParent(), "opj", ".rawl");
    Process p =
        new ProcessBuilder(tool.toString(), "-i", codestream.toString(), "-o", out.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("opj_decompress failed on " + codestream + ": " + log);
    }
    byte[] raw = Files.readAllBytes(out);
    Files.delete(out);
    int width = bits > 8 ? 2 : 1;
    int perComponent = raw.length / width / components;
    int[] samples = new int[perComponent * components];
    int shift = 32 - bits;
    for (int c = 0; c < components; c++) {
      for (int i = 0; i < perComponent; i++) {
        int o = (c * perComponent + i) * width;
        int v = width == 1 ? raw[o] & 0xFF : (raw[o] & 0xFF) | (raw[o + 1] & 0xFF) << 8;
        samples[i * components + c] = signed ? (v << shift) >> shift : v & (int) ((1L << bits) - 1);
      }
    }
    return samples;
  }
}
