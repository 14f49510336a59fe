package org.radassist.dicom.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.testsupport.Externals;

/**
 * GDCM's decode of a file: {@code gdcmconv --raw} writes it uncompressed; our native reader (itself
 * bit-exact with GDCM on every native file) reads the stored values back.
 */
final class GdcmRaw {
  private GdcmRaw() {}

  /** Frames as GDCM decodes them, or null when GDCM cannot. */
  static List<int[]> frames(Path file, Path tmp) throws IOException, InterruptedException {
    Path tool = Externals.tool("gdcmconv");
    Path out = Files.createTempFile(tmp, "gdcm", ".dcm");
    Process p =
        new ProcessBuilder(tool.toString(), "--raw", file.toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return null;
    }
    if (p.exitValue() != 0 || Files.size(out) == 0) {
      return null;
    }
    try {
      DicomImage img = DicomImage.read(out);
      List<int[]> frames = new ArrayList<>();
      for (int i = 0; i < img.frameCount(); i++) {
        frames.add(img.frame(i).samples());
      }
      return frames;
    } catch (DicomException e) {
      return null;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
