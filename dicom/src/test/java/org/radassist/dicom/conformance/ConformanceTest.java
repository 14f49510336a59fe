package org.radassist.dicom.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.io.TransferSyntax;

/**
 * Every file of the shared corpus against the reference toolkits: tags as dcmdump reads them, and
 * decoded stored values as GDCM decodes them (reference.json, else {@code gdcmconv --raw}; for
 * HTJ2K, which that GDCM cannot decode, {@code opj_decompress}). Lossless syntaxes must be
 * bit-exact; lossy ones within the tolerance stated in {@link #LOSSY_TOLERANCE}. Files the toolkits
 * reject must give a DicomException naming file and problem.
 */
class ConformanceTest {
  /**
   * Largest |ours - GDCM| per sample for lossy syntaxes. JPEG and JPEG-LS are decoded with the same
   * integer arithmetic as the IJG/CharLS code GDCM uses, hence 0. JPEG 2000 lossy is decoded with
   * OpenJPEG's float 9/7 lifting, scale factors and ICT coefficients in the same order, hence 0.
   * HTJ2K lossy shares that path and reconstructs HT magnitudes at the same bin centre as
   * OpenJPEG's HT decoder, hence 0 against opj_decompress.
   */
  static final Map<TransferSyntax.Compression, Integer> LOSSY_TOLERANCE =
      Map.of(
          TransferSyntax.Compression.JPEG_BASELINE, 0,
          TransferSyntax.Compression.JPEG_EXTENDED, 0,
          TransferSyntax.Compression.JPEG_PROGRESSIVE, 0,
          TransferSyntax.Compression.JPEG_LS, 0,
          TransferSyntax.Compression.JPEG_2000, 0,
          TransferSyntax.Compression.HTJ2K, 0);

  /**
   * Files whose reference hash we deliberately do not reproduce, with the reason. Each is still
   * checked (see {@link #checkDivergent}).
   */
  static final Map<String, String> DIVERGENT =
      Map.of(
          "pydicom_data/mlut_18.dcm",
          "words carry bits above Bits Stored (12); the reference keeps them, we mask and"
              + " sign-extend as PS3.5 8.1.1 and Frame specify");

  /**
   * Files GDCM decodes that we do not (yet) reproduce, with the reason. The test asserts they still
   * behave as described, so a fix shows up as a failure asking to move the file out of this list.
   */
  static final Map<String, String> KNOWN_FAILURES = Map.of();

  /**
   * Files whose reference.json entry (pydicom's own native reader) disagrees with both GDCM and
   * dcmtk; these are checked against {@code gdcmconv --raw} instead.
   */
  static final Set<String> GDCM_NOT_PYDICOM =
      Set.of(
          // 8-bit samples in a big endian OW value are swapped 16-bit words; pydicom 2.3 ignores
          // the swap, gdcmconv --raw and dcmconv +te both undo it.
          "pydicom_data/OBXXXX1A_expb.dcm",
          "pydicom_data/OBXXXX1A_expb_2frame.dcm",
          "pydicom_test_files/SC_rgb_small_odd_big_endian.dcm");

  /** Files that decode to the same stored values as another file of the corpus. */
  static final Map<String, String> SAME_PIXELS_AS =
      Map.of(
          "pydicom_data/liver_deflate.dcm", "pydicom_data/liver.dcm",
          "pydicom_data/liver_rle.dcm", "pydicom_data/liver.dcm",
          "pydicom_data/liver_j2k.dcm", "pydicom_data/liver.dcm",
          "pydicom_data/liver_nonbyte_aligned_deflate.dcm",
              "pydicom_data/liver_nonbyte_aligned.dcm",
          "pydicom_data/liver_nonbyte_aligned_rle.dcm", "pydicom_data/liver_nonbyte_aligned.dcm",
          "pydicom_data/liver_nonbyte_aligned_j2k.dcm", "pydicom_data/liver_nonbyte_aligned.dcm",
          "pydicom_data/JLSL_RGB_ILV1.dcm", "pydicom_data/JLSL_RGB_ILV0.dcm",
          "pydicom_data/JLSL_RGB_ILV2.dcm", "pydicom_data/JLSL_RGB_ILV0.dcm");

  @TempDir static Path tmp;

  private static final List<String> SUMMARY = new ArrayList<>();

  @TestFactory
  Stream<DynamicTest> everyCorpusFile() throws IOException {
    Path root = Reference.corpus();
    Map<String, JsonNode> reference = Reference.load();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().matches(".*\\.(md|json)$"))
              .sorted()
              .toList();
    }
    return files.stream()
        .map(
            p -> {
              String name = root.relativize(p).toString();
              return DynamicTest.dynamicTest(name, () -> check(root, name, reference.get(name)));
            });
  }

  @AfterAll
  static void printSummary() {
    SUMMARY.stream().sorted().forEach(System.out::println);
  }

  private static void check(Path root, String name, JsonNode ref) throws Exception {
    if (KNOWN_FAILURES.containsKey(name)) {
      AssertionError failure = null;
      try {
        checkAgainstReferences(root, name, ref);
      } catch (AssertionError e) {
        failure = e;
      }
      assertNotNull(failure, name + " now passes: remove it from KNOWN_FAILURES");
      SUMMARY.add("KNOWN FAIL " + name + ": " + KNOWN_FAILURES.get(name));
      return;
    }
    checkAgainstReferences(root, name, ref);
  }

  private static void checkAgainstReferences(Path root, String name, JsonNode ref)
      throws Exception {
    Path file = root.resolve(name);
    Dcmdump dump = Dcmdump.of(file);
    DicomFile parsed;
    try {
      parsed = DicomReader.read(file);
    } catch (DicomException e) {
      assertSpecific(e, file);
      assertTrue(!dump.ok(), "dcmdump reads " + name + " but we reject it: " + e.getMessage());
      SUMMARY.add("rejected   " + name + ": " + e.problem());
      return;
    }
    if (dump.ok()) {
      compareTags(name, parsed, dump);
    }
    Attributes ds = parsed.dataset();
    if (!ds.contains(Tag.PIXEL_DATA) || !ds.contains(Tag.ROWS)) {
      SUMMARY.add("tags-only  " + name);
      return;
    }
    DicomImage image;
    List<int[]> ours = new ArrayList<>();
    try {
      image = DicomImage.of(parsed);
      for (int i = 0; i < image.frameCount(); i++) {
        ours.add(image.frame(i).samples());
        // The decoder counts the range in its last pass; every viewer and model windows by it.
        assertArrayEquals(
            countedRange(image.frame(i).samples()),
            image.frame(i).storedRange(),
            name + " frame " + (i + 1) + " stored range");
      }
    } catch (DicomException e) {
      assertSpecific(e, file);
      JsonNode px = ref == null ? null : ref.get("pixels");
      if (px != null && px.isArray()) {
        // reference.json's decoder is more lenient than GDCM on a few corrupt codestreams (e.g. a
        // SIZ whose image width a sequence delimiter overwrote); GDCM itself is the arbiter.
        assertTrue(
            GdcmRaw.frames(file, tmp) == null,
            "GDCM decodes " + name + " but we fail: " + e.getMessage());
      }
      SUMMARY.add("undecoded  " + name + ": " + e.problem());
      return;
    }
    TransferSyntax ts = image.transferSyntax();
    String lossless = ts.lossy() ? "lossy" : "lossless";
    JsonNode px = ref == null ? null : ref.get("pixels");
    if (DIVERGENT.containsKey(name)) {
      checkDivergent(name, image, ours);
      SUMMARY.add("divergent  " + name + ": " + DIVERGENT.get(name));
      return;
    }
    if (px != null && px.isArray() && !ts.lossy() && !GDCM_NOT_PYDICOM.contains(name)) {
      assertEquals(px.size(), ours.size(), name + " frame count");
      for (int i = 0; i < ours.size(); i++) {
        assertEquals(
            px.get(i).get("sha256").asText(),
            Reference.sha256(ours.get(i)),
            name + " frame " + (i + 1) + " differs from GDCM (" + ts.name() + ")");
      }
      SUMMARY.add("bit-exact  " + name + " (" + ts.name() + ", reference.json)");
      return;
    }
    if (SAME_PIXELS_AS.containsKey(name)) {
      DicomImage twin = DicomImage.read(root.resolve(SAME_PIXELS_AS.get(name)));
      assertEquals(twin.frameCount(), ours.size());
      for (int i = 0; i < ours.size(); i++) {
        assertTrue(
            java.util.Arrays.equals(twin.frame(i).samples(), ours.get(i)),
            name + " frame " + (i + 1) + " differs from " + SAME_PIXELS_AS.get(name));
      }
      SUMMARY.add(
          "bit-exact  " + name + " (" + ts.name() + ", same as " + SAME_PIXELS_AS.get(name) + ")");
      return;
    }
    List<int[]> gdcm = GdcmRaw.frames(file, tmp);
    String referenceTool = "gdcmconv --raw";
    if (gdcm == null && ts.compression() == TransferSyntax.Compression.HTJ2K) {
      gdcm = OpenJpegRaw.frames(file, image.pixelFormat(), tmp);
      referenceTool = "opj_decompress";
    }
    assertNotNull(
        gdcm, "neither reference.json nor gdcmconv decodes " + name + "; nothing to check against");
    assertEquals(gdcm.size(), ours.size(), name + " frame count");
    int worst = 0;
    for (int i = 0; i < ours.size(); i++) {
      int[] a = ours.get(i);
      int[] b = gdcm.get(i);
      assertEquals(b.length, a.length, name + " frame " + (i + 1) + " sample count");
      for (int k = 0; k < a.length; k++) {
        worst = Math.max(worst, Math.abs(a[k] - b[k]));
      }
    }
    int allowed = ts.lossy() ? LOSSY_TOLERANCE.getOrDefault(ts.compression(), 0) : 0;
    assertTrue(
        worst <= allowed,
        name
            + " ("
            + ts.name()
            + ", "
            + lossless
            + ") differs from "
            + referenceTool
            + " by up to "
            + worst
            + ", tolerance "
            + allowed);
    SUMMARY.add(
        (worst == 0 ? "bit-exact  " : "tolerant   ")
            + name
            + " ("
            + ts.name()
            + ", "
            + referenceTool
            + ", max |diff| "
            + worst
            + ")");
  }

  private static void checkDivergent(String name, DicomImage image, List<int[]> ours) {
    int bits = image.pixelFormat().bitsStored();
    int lo = image.pixelFormat().signed() ? -(1 << (bits - 1)) : 0;
    int hi = image.pixelFormat().signed() ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    for (int[] f : ours) {
      for (int v : f) {
        assertTrue(v >= lo && v <= hi, name + " value " + v + " outside Bits Stored range");
      }
    }
  }

  static void assertSpecific(DicomException e, Path file) {
    assertTrue(
        e.getMessage().contains(file.toString()), "message lacks the file: " + e.getMessage());
    assertTrue(e.problem().length() > 10, "message is not specific: " + e.getMessage());
  }

  private record Ours(int depth, int tag, VR vr, DicomElement e, Attributes owner) {}

  private static void flatten(Attributes ds, int depth, List<Ours> out) {
    for (DicomElement e : ds.elements()) {
      if (e.tag() == Tag.SPECIFIC_CHARACTER_SET) {
        continue;
      }
      out.add(new Ours(depth, e.tag(), e.vr(), e, ds));
      for (Attributes item : e.items()) {
        flatten(item, depth + 1, out);
      }
    }
  }

  private static void compareTags(String name, DicomFile parsed, Dcmdump dump) {
    List<Ours> ours = new ArrayList<>();
    flatten(parsed.meta(), 0, ours);
    flatten(parsed.dataset(), 0, ours);
    List<Dcmdump.Line> theirs = dump.lines();
    List<String> problems = new ArrayList<>();
    int n = Math.min(ours.size(), theirs.size());
    for (int i = 0; i < n && problems.size() < 5; i++) {
      Ours o = ours.get(i);
      Dcmdump.Line t = theirs.get(i);
      if (o.depth != t.depth() || o.tag != t.tag()) {
        problems.add(
            "element "
                + i
                + ": ours "
                + Tag.toString(o.tag)
                + "@"
                + o.depth
                + ", dcmdump "
                + Tag.toString(t.tag())
                + "@"
                + t.depth());
        break;
      }
      boolean implicit = !parsed.transferSyntax().explicitVr() && Tag.group(o.tag) != 2;
      // dcmtk reports encapsulated Pixel Data as OB whatever the file says (PS3.5 A.4 requires OB).
      boolean vrComparable =
          (!implicit || (o.vr.isText() && !Tag.isPrivate(o.tag))) && !o.e.isEncapsulated();
      if (vrComparable && !o.vr.name().equals(t.vr()) && !(o.vr == VR.SQ && t.vr().equals("SQ"))) {
        if (!(o.vr == VR.UN && t.vr().equals("UN"))) {
          problems.add(Tag.toString(o.tag) + " VR ours " + o.vr + ", dcmdump " + t.vr());
          continue;
        }
      }
      if (o.vr == VR.SQ || o.e.isSequence()) {
        if (t.items() >= 0 && t.items() != o.e.items().size()) {
          problems.add(
              Tag.toString(o.tag) + " items ours " + o.e.items().size() + ", dcmdump " + t.items());
        }
        continue;
      }
      if (!t.vr().equals(o.vr.name())) {
        continue;
      }
      String text = Dcmdump.bracketed(t.value());
      if (o.vr.isText() && text != null) {
        String mine = normalise(String.join("\\", o.owner.strings(o.tag)));
        if (!mine.equals(normalise(text))) {
          problems.add(Tag.toString(o.tag) + " value ours [" + mine + "], dcmdump [" + text + "]");
        }
      } else if (isNumeric(o.vr) && !o.e.isEmpty()) {
        double[] mine = o.owner.doubles(o.tag);
        String[] parts = t.value().split("\\\\");
        if (parts.length != mine.length) {
          problems.add(
              Tag.toString(o.tag) + " count ours " + mine.length + ", dcmdump " + parts.length);
          continue;
        }
        for (int k = 0; k < parts.length; k++) {
          double d = Double.parseDouble(parts[k].trim());
          if (Math.abs(d - mine[k]) > 1e-5 * Math.max(1, Math.abs(d))) {
            problems.add(Tag.toString(o.tag) + "[" + k + "] ours " + mine[k] + ", dcmdump " + d);
            break;
          }
        }
      }
    }
    if (problems.isEmpty() && ours.size() != theirs.size()) {
      problems.add("ours has " + ours.size() + " elements, dcmdump " + theirs.size());
    }
    if (!problems.isEmpty()) {
      fail(name + " tags disagree with dcmdump:\n  " + String.join("\n  ", problems));
    }
  }

  private static boolean isNumeric(VR vr) {
    return vr == VR.US || vr == VR.SS || vr == VR.UL || vr == VR.SL || vr == VR.FL || vr == VR.FD;
  }

  private static String normalise(String s) {
    StringBuilder b = new StringBuilder();
    for (String part : s.split("\\\\", -1)) {
      if (b.length() > 0 || s.startsWith("\\")) {
        b.append('\\');
      }
      b.append(part.replace('\0', ' ').strip());
    }
    return new String(b.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
        .toLowerCase(Locale.ROOT);
  }

  private static int[] countedRange(int[] samples) {
    return new int[] {
      java.util.Arrays.stream(samples).min().orElseThrow(),
      java.util.Arrays.stream(samples).max().orElseThrow()
    };
  }
}
