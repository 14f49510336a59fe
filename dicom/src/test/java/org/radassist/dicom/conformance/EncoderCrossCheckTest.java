package org.radassist.dicom.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.TransferSyntax;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.SecondaryCaptureBuilder;
import org.radassist.testsupport.Externals;

/**
 * Our decoders on codestreams the shared corpus does not hold: small images of varied depth, sign,
 * photometric, size and frame count are encoded at test time by dcmtk and GDCM with many options
 * (predictors, point transforms, subsampling, NEAR values, thresholds, interleaving, tiles,
 * resolutions, rates), and each result must decode to the stored values the same toolkit's decoder
 * gives. Lossless syntaxes must be bit-exact, lossy ones within {@link
 * ConformanceTest#LOSSY_TOLERANCE} (0 everywhere: same integer arithmetic as IJG, CharLS and
 * OpenJPEG). A combination an encoder refuses is skipped with the encoder's reason, never passed.
 */
class EncoderCrossCheckTest {
  private static final String JPEG = "1.2.840.10008.1.2.4.";

  private record Source(String name, boolean colour, Callable<Path> file) {}

  /** {@code tool options... in out}, which must write one of {@code syntaxes}. */
  private record Encoding(
      String tool, List<String> options, Set<String> syntaxes, boolean colourOnly) {
    String name() {
      return tool + (options.isEmpty() ? "" : " " + String.join(" ", options));
    }

    /**
     * The same toolkit's decoder for what {@link #tool} wrote, as {@code tool options...}. Stored
     * values of YCbCr JPEG are GDCM's, which leaves the colour space as it is, hence dcmdjpeg's
     * {@code +cn}.
     */
    String[] reference() {
      return switch (tool) {
        case "dcmcjpeg" -> new String[] {"dcmdjpeg", "+cn"};
        case "dcmcjpls" -> new String[] {"dcmdjpls"};
        case "dcmcrle" -> new String[] {"dcmdrle"};
        case "dcmconv" -> new String[] {"dcmconv", "+te"};
        default -> new String[] {"gdcmconv", "--raw"};
      };
    }
  }

  private static Encoding enc(String tool, String options, String... syntaxes) {
    return new Encoding(
        tool, options.isEmpty() ? List.of() : List.of(options.split(" ")), Set.of(syntaxes), false);
  }

  private static Encoding colour(String tool, String options, String... syntaxes) {
    return new Encoding(tool, List.of(options.split(" ")), Set.of(syntaxes), true);
  }

  /**
   * dcmcjpeg 3.6.7 offers no restart-interval option, so restart markers come only from the corpus;
   * GDCM 3.0 writes no big endian, which dcmconv covers.
   */
  private static final List<Encoding> ENCODINGS = encodings();

  private static List<Encoding> encodings() {
    List<Encoding> e = new ArrayList<>();
    e.add(enc("dcmcjpeg", "+eb", JPEG + "50"));
    e.add(enc("dcmcjpeg", "+eb +q 40 -ho", JPEG + "50"));
    e.add(enc("dcmcjpeg", "+eb +sr", JPEG + "50"));
    e.add(colour("dcmcjpeg", "+eb +cr", JPEG + "50"));
    e.add(colour("dcmcjpeg", "+eb +s4", JPEG + "50"));
    e.add(colour("dcmcjpeg", "+eb +n2", JPEG + "50"));
    e.add(colour("dcmcjpeg", "+eb +n1", JPEG + "50"));
    e.add(colour("dcmcjpeg", "+eb +np", JPEG + "50"));
    e.add(enc("dcmcjpeg", "+ee", JPEG + "51"));
    e.add(enc("dcmcjpeg", "+ee +q 60 +sr", JPEG + "51"));
    e.add(enc("dcmcjpeg", "+es", JPEG + "53"));
    e.add(enc("dcmcjpeg", "+ep", JPEG + "55"));
    e.add(enc("dcmcjpeg", "+e1", JPEG + "70"));
    e.add(enc("dcmcjpeg", "+e1 +pt 1", JPEG + "70"));
    for (int sv = 1; sv <= 7; sv++) {
      e.add(enc("dcmcjpeg", "+el +sv " + sv, JPEG + "57"));
    }
    e.add(enc("dcmcjpeg", "+el +sv 4 +pt 2", JPEG + "57"));
    e.add(enc("dcmcjpls", "", JPEG + "80"));
    e.add(colour("dcmcjpls", "+el +is", JPEG + "80"));
    e.add(colour("dcmcjpls", "+el +in", JPEG + "80"));
    e.add(enc("dcmcjpls", "+el +pc", JPEG + "80"));
    e.add(enc("dcmcjpls", "+el +t1 4 +t2 12 +t3 40 +rs 32", JPEG + "80"));
    e.add(enc("dcmcjpls", "+en", JPEG + "81"));
    e.add(enc("dcmcjpls", "+en +md 1", JPEG + "81"));
    e.add(enc("dcmcjpls", "+en +md 7 +in", JPEG + "81"));
    e.add(enc("dcmcjpls", "+en +md 3 +is +t1 5 +t2 14 +t3 50 +rs 16", JPEG + "81"));
    e.add(enc("dcmcrle", "", "1.2.840.10008.1.2.5"));
    e.add(enc("dcmconv", "+tb", "1.2.840.10008.1.2.2"));
    e.add(enc("dcmconv", "+td", "1.2.840.10008.1.2.1.99"));
    e.add(enc("gdcmconv", "--jpeg", JPEG + "70", JPEG + "57"));
    e.add(enc("gdcmconv", "--jpeg --lossy", JPEG + "50", JPEG + "51"));
    e.add(enc("gdcmconv", "--jpeg --lossy -q 50", JPEG + "50", JPEG + "51"));
    e.add(enc("gdcmconv", "--jpegls", JPEG + "80"));
    e.add(enc("gdcmconv", "--jpegls --lossy -e 2", JPEG + "81"));
    e.add(enc("gdcmconv", "--jpegls --lossy -e 5", JPEG + "81"));
    e.add(enc("gdcmconv", "--j2k", JPEG + "90"));
    e.add(enc("gdcmconv", "--j2k -n 2", JPEG + "90"));
    e.add(enc("gdcmconv", "--j2k -t 16,16", JPEG + "90"));
    e.add(enc("gdcmconv", "--j2k --lossy -q 30", JPEG + "91"));
    e.add(enc("gdcmconv", "--j2k --lossy -r 10", JPEG + "91"));
    e.add(enc("gdcmconv", "--j2k --irreversible", JPEG + "90", JPEG + "91"));
    e.add(enc("gdcmconv", "--j2k --lossy -r 5 -t 32,32", JPEG + "91"));
    e.add(enc("gdcmconv", "--rle", "1.2.840.10008.1.2.5"));
    e.add(enc("gdcmconv", "--deflated", "1.2.840.10008.1.2.1.99"));
    return List.copyOf(e);
  }

  /**
   * GDCM's lossy JPEG of data with more than 12 bits is a DCT codestream of precision 16, which ISO
   * 10918-1 does not define and only GDCM's own IJG build reads; until we decode it those cells are
   * skipped with this reason, so they show up as untested rather than passed.
   */
  private static final String SIXTEEN_BIT_DCT = "JPEG DCT precision 16";

  private static final String SIXTEEN_BIT_DCT_REASON =
      "GDCM-only extension (ISO 10918-1 DCT precision is 8 or 12)";

  @TempDir static Path tmp;

  private static final List<String> SUMMARY = new ArrayList<>();

  /** 539 of 617 cases are compared with Debian 12's dcmtk 3.6.7 and GDCM 3.0.21. */
  private static final int MIN_COMPARED = 520;

  private static boolean matrixRan;

  private static List<Source> sources() {
    return List.of(
        corpus("MR signed 16-bit 64x64", false, "pydicom_test_files/MR_small.dcm"),
        corpus("CT signed 16-bit 128x128", false, "pydicom_test_files/CT_small.dcm"),
        corpus("MR 12-bit 10 frames", false, "pydicom_data/emri_small.dcm"),
        corpus(
            "CR MONOCHROME1 12-bit 16x16",
            false,
            "pydicom_test_files/dicomdirtests/77654033/CR1/6154"),
        corpus("RGB 8-bit 100x100", true, "pydicom_data/SC_rgb.dcm"),
        corpus("RGB 8-bit 3x3", true, "pydicom_test_files/SC_rgb_small_odd.dcm"),
        corpus("RGB planar 120x256", true, "pydicom_data/color-pl.dcm"),
        corpus("RGB 16-bit 2 frames", true, "pydicom_data/SC_rgb_16bit_2frame.dcm"),
        new Source("grey 8-bit 23x37", false, () -> grey8(23, 37)),
        new Source("unsigned 16-bit 1x61", false, () -> sixteen("u16-1x61", 61, 1, false)),
        new Source("unsigned 16-bit 33x31", false, () -> sixteen("u16-33x31", 33, 31, false)),
        new Source("signed 16-bit 29x31", false, () -> sixteen("s16-29x31", 29, 31, true)),
        new Source("unsigned 12-bit 48x64", false, () -> deep("u12-48x64", 48, 64, 12, false)),
        new Source("signed 12-bit 48x64", false, () -> deep("s12-48x64", 48, 64, 12, true)));
  }

  private static Source corpus(String name, boolean colour, String path) {
    return new Source(name, colour, () -> Reference.corpus().resolve(path));
  }

  /** Ramps with noise over the whole range, so every encoder meets both extremes. */
  private static int[] pattern(int rows, int columns, int bits, boolean signed) {
    int[] v = new int[rows * columns];
    long seed = 12345;
    for (int i = 0; i < v.length; i++) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int ramp = (int) ((long) (i % columns + i / columns) * ((1 << bits) - 1) / (rows + columns));
      int noise = (int) (seed >>> 40) & 0xFF;
      v[i] =
          i % 7 == 0 ? (i % 2 == 0 ? 0 : (1 << bits) - 1) : Math.min((1 << bits) - 1, ramp + noise);
      if (signed) {
        v[i] -= 1 << (bits - 1);
      }
    }
    return v;
  }

  private static Path grey8(int rows, int columns) throws Exception {
    Path file = tmp.resolve("grey8.dcm");
    DicomWriter.write(
        file,
        SecondaryCaptureBuilder.create()
            .monochrome(rows, columns, pattern(rows, columns, 8, false))
            .build());
    return file;
  }

  private static Path sixteen(String name, int rows, int columns, boolean signed) throws Exception {
    return deep(name, rows, columns, 16, signed);
  }

  private static Path deep(String name, int rows, int columns, int bits, boolean signed)
      throws Exception {
    Attributes ds =
        DxImageBuilder.create()
            .pixels(rows, columns, bits, pattern(rows, columns, bits, signed))
            .build();
    ds.putInt(Tag.PIXEL_REPRESENTATION, VR.US, signed ? 1 : 0);
    Path file = tmp.resolve(name + ".dcm");
    DicomWriter.write(file, ds);
    return file;
  }

  @TestFactory
  Stream<DynamicTest> everyEncoderOption() {
    matrixRan = true;
    return sources().stream()
        .flatMap(
            s ->
                ENCODINGS.stream()
                    .filter(e -> s.colour() || !e.colourOnly())
                    .map(
                        e ->
                            DynamicTest.dynamicTest(
                                s.name() + " | " + e.name(), () -> check(s, e))));
  }

  @Test
  void aRefusedEncodingIsListedWithTheEncodersReasonNotCountedAsPassed() throws Exception {
    Externals.tool("dcmcjpeg");
    Source rgb32 = corpus("RGB 32-bit", true, "pydicom_data/SC_rgb_32bit.dcm");
    check(rgb32, enc("dcmcjpeg", "+eb", JPEG + "50"));
    assertTrue(
        SUMMARY.stream()
            .anyMatch(l -> l.startsWith("not compared RGB 32-bit") && l.contains("dcmcjpeg exit")),
        String.join("\n", SUMMARY));
  }

  /**
   * A case an encoder or its own decoder refuses is listed, not failed and not skipped (a skip in
   * CI means a missing tool); but so many compared cases must remain that a tool upgrade that
   * refused everything could not pass unnoticed.
   */
  @AfterAll
  static void printSummaryAndCountTheComparedCases() {
    SUMMARY.stream().sorted().forEach(System.out::println);
    long compared = SUMMARY.stream().filter(l -> l.startsWith("passed")).count();
    assertTrue(
        !matrixRan || compared >= MIN_COMPARED,
        compared + " cases compared, fewer than " + MIN_COMPARED);
  }

  private static void check(Source source, Encoding encoding) throws Exception {
    Path in = source.file().call();
    Path out = Files.createTempFile(tmp, "case", ".dcm");
    String label = source.name() + " | " + encoding.name();
    String refused =
        GdcmRaw.run(
            Externals.tool(encoding.tool()), encoding.options().toArray(String[]::new), in, out);
    if (refused != null) {
      notCompared(label, refused);
      return;
    }
    DicomImage image = DicomImage.read(out);
    TransferSyntax ts = image.transferSyntax();
    if (!encoding.syntaxes().contains(ts.uid())) {
      notCompared(label, encoding.tool() + " wrote " + ts.name() + " instead");
      return;
    }
    String[] reference = encoding.reference();
    List<int[]> theirs =
        GdcmRaw.decodeWith(
            tmp,
            out,
            ts.lossy(),
            reference[0],
            List.of(reference).subList(1, reference.length).toArray(String[]::new));
    if (theirs == null) {
      notCompared(label, reference[0] + " cannot decode what " + encoding.tool() + " wrote");
      return;
    }
    assertEquals(theirs.size(), image.frameCount(), label + " frame count");
    if (ts.lossy()) {
      theirs.forEach(frame -> saturate(frame, image.pixelFormat()));
    }
    int worst = 0;
    for (int i = 0; i < theirs.size(); i++) {
      int[] ours;
      try {
        ours = image.frame(i).samples();
      } catch (DicomException e) {
        if (e.problem().contains(SIXTEEN_BIT_DCT)) {
          // Refused with a specific error, not decoded wrongly: what a user meets.
          notCompared(label, "not decoded yet: " + e.problem() + "; " + SIXTEEN_BIT_DCT_REASON);
          return;
        }
        throw new AssertionError(
            label + ": " + reference[0] + " decodes it, we fail: " + e.problem(), e);
      }
      assertEquals(theirs.get(i).length, ours.length, label + " frame " + (i + 1) + " samples");
      for (int k = 0; k < ours.length; k++) {
        worst = Math.max(worst, Math.abs(ours[k] - theirs.get(i)[k]));
      }
    }
    int allowed =
        ts.lossy() ? ConformanceTest.LOSSY_TOLERANCE.getOrDefault(ts.compression(), 0) : 0;
    assertTrue(
        worst <= allowed,
        label
            + " ("
            + ts.name()
            + ") differs from "
            + reference[0]
            + " by up to "
            + worst
            + ", tolerance "
            + allowed);
    SUMMARY.add("passed  " + label + " (" + ts.name() + ", max |diff| " + worst + ")");
  }

  /**
   * GDCM writes 12-bit data into 16-bit JPEG 2000 codestreams, and its lossy decode overshoots past
   * the 12-bit white (4531 for 4095); we saturate such samples to the Bits Stored range, where
   * masking them would show the brightest pixels black.
   */
  private static void saturate(int[] samples, PixelFormat f) {
    int bits = f.bitsStored();
    int lo = f.signed() ? -(1 << (bits - 1)) : 0;
    int hi = f.signed() ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    for (int k = 0; k < samples.length; k++) {
      samples[k] = Math.max(lo, Math.min(hi, samples[k]));
    }
  }

  private static void notCompared(String label, String reason) {
    SUMMARY.add("not compared " + label + ": " + reason);
  }
}
