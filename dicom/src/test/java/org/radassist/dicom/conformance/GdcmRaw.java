package org.radassist.dicom.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.testsupport.Externals;

/**
 * GDCM's decode of a file: {@code gdcmconv --raw} writes it uncompressed; our native reader (itself
 * bit-exact with GDCM on every native file) reads the stored values back. dcmtk's decompressors
 * ({@code dcmdjpeg}, {@code dcmdjpls}, {@code dcmdrle}) take the same {@code IN OUT} arguments and
 * are read back the same way.
 */
final class GdcmRaw {
  private GdcmRaw() {}

  /** Frames as GDCM decodes them, or null when GDCM cannot. */
  static List<int[]> frames(Path file, Path tmp) throws IOException, InterruptedException {
    return decodeWith(tmp, file, false, "gdcmconv", "--raw");
  }

  /**
   * Frames of {@code file} as {@code tool options... file out} writes them uncompressed, or null
   * when the tool fails; with {@code lossy}, overshoot past Bits Stored is kept (see {@link
   * #unmaskOvershoot}).
   */
  static List<int[]> decodeWith(Path tmp, Path file, boolean lossy, String tool, String... options)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, tool, ".dcm");
    try {
      if (run(Externals.tool(tool), options, file, out) != null) {
        return null;
      }
      DicomImage img = DicomImage.read(out);
      List<int[]> frames = new ArrayList<>();
      for (int i = 0; i < img.frameCount(); i++) {
        frames.add(img.frame(i).samples());
      }
      if (lossy) {
        unmaskOvershoot(img, frames);
      }
      return frames;
    } catch (DicomException e) {
      return null;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /**
   * A lossy decoder's overshoot past Bits Stored (a 12-bit white of 4097) survives in the decoded
   * file's 16-bit words, where reading them as stored values masks it to a near-black 1. For
   * single-sample 16-bit native output, the frames are replaced by the whole words, sign-extended
   * from bit 15 when the image is signed.
   */
  private static void unmaskOvershoot(DicomImage img, List<int[]> frames) {
    PixelFormat f = img.pixelFormat();
    DicomElement pixels = img.attributes().get(Tag.PIXEL_DATA);
    if (f.bitsAllocated() != 16
        || f.samplesPerPixel() != 1
        || f.bitsStored() == 16
        || pixels == null
        || pixels.isEncapsulated()
        || pixels.bigEndian()) {
      return;
    }
    int n = f.rows() * f.columns();
    for (int i = 0; i < frames.size(); i++) {
      int[] words = new int[n];
      for (int k = 0; k < n; k++) {
        int w = pixels.u16(i * n + k);
        words[k] = f.signed() ? (short) w : w;
      }
      frames.set(i, words);
    }
  }

  /**
   * Runs {@code tool options... in out}; null when it wrote {@code out}, else why not: the last
   * line of its output, since GDCM puts its lossy-compression disclaimer before the reason.
   */
  static String run(Path tool, String[] options, Path in, Path out)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(tool.toString());
    command.addAll(List.of(options));
    command.add(in.toString());
    command.add(out.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes()).strip();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return tool.getFileName() + " timed out";
    }
    if (p.exitValue() != 0 || !Files.exists(out) || Files.size(out) == 0) {
      String last = log.lines().reduce((a, b) -> b).orElse("");
      return tool.getFileName() + " exit " + p.exitValue() + (last.isEmpty() ? "" : ": " + last);
    }
    return null;
  }
}
