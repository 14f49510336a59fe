package org.radassist.dicom.codec.j2k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.testsupport.Externals;

/**
 * Codestream features the DICOM corpus does not use — RPCL/PCRL/CPRL progressions, precincts, tiles
 * with grid offsets, image offsets, several layers, small code-blocks — encoded by OpenJPEG (the
 * library GDCM uses, through Pillow) and decoded by both; every sample must agree.
 */
class OpenJpegCrossCheckTest {
  @TempDir Path dir;

  @Test
  void everyOpenJpegCaseDecodesBitExact() throws Exception {
    Path python = Externals.tool("/usr/bin/python3");
    Path script = dir.resolve("openjpeg_cases.py");
    try (InputStream in = getClass().getResourceAsStream("openjpeg_cases.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process p =
        new ProcessBuilder(python.toString(), script.toString(), dir.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes());
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    Externals.require(done && p.exitValue() == 0, "Pillow with OpenJPEG for /usr/bin/python3");
    int cases = 0;
    for (int n = 0; Files.exists(dir.resolve(String.format("%03d.j2k", n))); n++) {
      String[] t = Files.readString(dir.resolve(String.format("%03d.txt", n))).trim().split(" ", 4);
      int w = Integer.parseInt(t[0]);
      int h = Integer.parseInt(t[1]);
      int c = Integer.parseInt(t[2]);
      int bits = c == 1 ? 16 : 8;
      PixelFormat f =
          new PixelFormat(
              h,
              w,
              c,
              c == 1 ? Photometric.MONOCHROME2 : Photometric.RGB,
              bits,
              bits,
              bits - 1,
              false,
              0,
              1);
      ByteBuffer raw =
          ByteBuffer.wrap(Files.readAllBytes(dir.resolve(String.format("%03d.raw", n))))
              .order(ByteOrder.LITTLE_ENDIAN);
      int[] openjpeg = new int[raw.remaining() / 4];
      raw.asIntBuffer().get(openjpeg);
      byte[] codestream = Files.readAllBytes(dir.resolve(String.format("%03d.j2k", n)));
      int[] ours = new Jpeg2000Codec().decode(codestream, f).samples();
      assertArrayEquals(openjpeg, ours, "case " + n + ": " + t[3]);
      cases++;
    }
    assertEquals(70, cases, log);
  }
}
