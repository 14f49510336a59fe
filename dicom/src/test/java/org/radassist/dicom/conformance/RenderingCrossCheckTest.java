package org.radassist.dicom.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.image.DisplayRenderer;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.testsupport.Externals;
import org.radassist.testsupport.TabledFilm;

/**
 * What the reader is shown, against dcmtk's {@code dcm2pnm} on films made here: a VOI LUT Sequence
 * (the only VOI many CR and DX films carry), its first mapped value above zero or negative, and
 * Presentation LUT Shape INVERSE on MONOCHROME2. Each 8-bit render must be within one grey level of
 * dcmtk's, pixel by pixel.
 */
class RenderingCrossCheckTest {
  private static final int ROWS = 40;
  private static final int COLUMNS = 64;

  @TempDir Path tmp;

  @Test
  void aVoiLutTableIsWhatTheFilmShows() throws Exception {
    assertLikeDcmtk(
        TabledFilm.of(ROWS, COLUMNS, 12, ramp(12, false), 0, 16, VR.US, gamma(4096, 16)),
        "+Wl",
        "1");
  }

  @Test
  void aTableStartingAboveZeroClampsBelowItsFirstEntry() throws Exception {
    assertLikeDcmtk(
        TabledFilm.of(ROWS, COLUMNS, 12, ramp(12, false), 1000, 12, VR.US, gamma(2048, 12)),
        "+Wl",
        "1");
  }

  @Test
  void aSignedFilmsTableStartsAtANegativeValue() throws Exception {
    Attributes film =
        TabledFilm.of(ROWS, COLUMNS, 16, ramp(16, true), -1024, 16, VR.SS, gamma(4096, 16));
    film.putInt(Tag.PIXEL_REPRESENTATION, VR.US, 1);
    assertLikeDcmtk(film, "+Wl", "1");
  }

  @Test
  void presentationLutShapeInverseShowsMonochrome2Inverted() throws Exception {
    Attributes film =
        DxImageBuilder.create()
            .pixels(ROWS, COLUMNS, 12, ramp(12, false))
            .window(2048, 3000, "")
            .build();
    film.putString(Tag.PRESENTATION_LUT_SHAPE, VR.CS, "INVERSE");
    assertLikeDcmtk(film, "+Wi", "1");
  }

  /** A ramp over the stored range with a dark and a bright block, so both ends are met. */
  private static int[] ramp(int bits, boolean signed) {
    int[] v = new int[ROWS * COLUMNS];
    int max = (1 << bits) - 1;
    for (int i = 0; i < v.length; i++) {
      int x = i % COLUMNS;
      int y = i / COLUMNS;
      int value = (int) ((long) max * (x + y) / (ROWS + COLUMNS - 2));
      if (y < 8 && x < 8) {
        value = 0;
      } else if (y < 8 && x >= COLUMNS - 8) {
        value = max;
      }
      v[i] = signed ? value - (1 << (bits - 1)) : value;
    }
    return v;
  }

  private static int[] gamma(int entries, int bits) {
    IntUnaryOperator curve =
        i -> (int) Math.round(((1 << bits) - 1) * Math.pow(i / (entries - 1.0), 0.6));
    int[] out = new int[entries];
    for (int i = 0; i < entries; i++) {
      out[i] = curve.applyAsInt(i);
    }
    return out;
  }

  private void assertLikeDcmtk(Attributes film, String... options) throws Exception {
    Path dcm2pnm = Externals.tool("dcm2pnm");
    Path file = tmp.resolve("film.dcm");
    DicomWriter.write(file, film);
    Path pgm = tmp.resolve("film.pgm");
    List<String> command = new ArrayList<>(List.of(dcm2pnm.toString()));
    command.addAll(List.of(options));
    command.addAll(List.of(file.toString(), pgm.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "dcm2pnm failed: " + log);
    byte[] theirs = pgmPixels(pgm);
    byte[] ours = DisplayRenderer.render(DicomImage.read(file), 0).pixels();
    assertEquals(theirs.length, ours.length);
    int worst = 0;
    for (int i = 0; i < ours.length; i++) {
      worst = Math.max(worst, Math.abs((ours[i] & 0xFF) - (theirs[i] & 0xFF)));
    }
    assertTrue(worst <= 1, "differs from dcm2pnm " + String.join(" ", options) + " by " + worst);
  }

  /** The pixels of a binary 8-bit PGM (P5): four header fields, one whitespace, then the data. */
  private static byte[] pgmPixels(Path pgm) throws IOException {
    byte[] b = Files.readAllBytes(pgm);
    int fields = 0;
    int i = 0;
    while (fields < 4) {
      while (Character.isWhitespace(b[i])) {
        i++;
      }
      while (!Character.isWhitespace(b[i])) {
        i++;
      }
      fields++;
    }
    i++;
    assertEquals(ROWS * COLUMNS, b.length - i, "dcm2pnm wrote a " + (b.length - i) + " byte PGM");
    return Arrays.copyOfRange(b, i, b.length);
  }
}
