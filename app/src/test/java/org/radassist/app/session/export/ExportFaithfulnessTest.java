package org.radassist.app.session.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.session.DecisionKind;
import org.radassist.app.session.Fixtures;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.ReadingSession;
import org.radassist.app.session.Region;
import org.radassist.app.session.SessionMode;
import org.radassist.app.session.StudyImage;
import org.radassist.app.session.StudyRead;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Fragment;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.sr.SrTags;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.testsupport.Externals;

/**
 * What an export says about its source: that it is still the analysed image, whether its pixels may
 * identify the patient, whether they were lossy compressed, which body part and side they show, who
 * read them; and that the PDF prints all that was recorded.
 */
class ExportFaithfulnessTest {
  @TempDir Path dir;

  private ReadingService service;
  private StudyExporter exporter;

  @BeforeEach
  void open() throws Exception {
    service = ReadingService.open(dir.resolve("data"));
    exporter = new StudyExporter(service);
  }

  @AfterEach
  void close() {
    service.close();
  }

  @Test
  void anotherImageAtTheAnalysedPathIsRefusedAndNothingIsWritten() throws Exception {
    DicomImage analysed = analysed("img.dcm", ds -> {});
    DicomImage other = Fixtures.image(Files.createDirectories(dir.resolve("other")), "b.dcm");
    Files.copy(other.path(), analysed.path(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    for (ExportFormat format : List.of(ExportFormat.SR, ExportFormat.SC, ExportFormat.PDF)) {
      Path out = dir.resolve("x." + format.key());
      IOException e =
          assertThrows(
              IOException.class,
              () -> exporter.export(analysed.studyInstanceUid(), format, out, false, "Dr^A"));
      assertEquals(
          analysed.path()
              + " no longer holds the analysed image (its SOP Instance UID differs); put the"
              + " analysed file back there, or analyse the image where it is now, to export",
          e.getMessage());
      assertFalse(Files.exists(out), format + " written from another patient's image");
    }
  }

  @Test
  void burnedInIdentityIsNeverExportedAsDeidentifiedPixelsAndTheCaptureSaysSo() throws Exception {
    DicomImage burned =
        analysed("burned.dcm", ds -> ds.putString(Tag.BURNED_IN_ANNOTATION, VR.CS, "YES"));
    String study = burned.studyInstanceUid();
    for (ExportFormat format : List.of(ExportFormat.SC, ExportFormat.PDF)) {
      Path out = dir.resolve("anon." + format.key());
      IOException e =
          assertThrows(IOException.class, () -> exporter.export(study, format, out, true, null));
      assertTrue(e.getMessage().contains("Burned In Annotation YES"), e.getMessage());
      assertTrue(e.getMessage().contains("patient's identity"), e.getMessage());
      assertFalse(Files.exists(out));
    }
    Path sr = dir.resolve("anon.sr");
    exporter.export(study, ExportFormat.SR, sr, true, null);
    assertTrue(Files.exists(sr), "the SR has no pixels, so it can be de-identified");

    Path sc = dir.resolve("burned.sc");
    exporter.export(study, ExportFormat.SC, sc, false, null);
    assertEquals("YES", DicomReader.read(sc).dataset().string(Tag.BURNED_IN_ANNOTATION));
    assertNoDciodvfyError(sc);
  }

  @Test
  void aCaptureClaimsNoBurnedInTextOnlyWhenTheSourceDoesAndSaysItsPixelsWereNotCleaned()
      throws Exception {
    DicomImage clean =
        analysed("clean.dcm", ds -> ds.putString(Tag.BURNED_IN_ANNOTATION, VR.CS, "NO"));
    Path sc = dir.resolve("clean.sc");
    exporter.export(clean.studyInstanceUid(), ExportFormat.SC, sc, true, null);
    Attributes ds = DicomReader.read(sc).dataset();
    assertEquals("NO", ds.string(Tag.BURNED_IN_ANNOTATION));
    assertEquals("YES", ds.string(Deidentifier.PATIENT_IDENTITY_REMOVED));
    assertEquals(
        "PS3.15 E.1 Basic Profile; pixel data not cleaned",
        ds.string(Deidentifier.DEIDENTIFICATION_METHOD));
    List<Attributes> codes = ds.sequence(Deidentifier.DEIDENTIFICATION_METHOD_CODE_SEQUENCE);
    assertEquals(List.of("113100"), codes.stream().map(c -> c.string(SrTags.CODE_VALUE)).toList());
    assertNoDciodvfyError(sc);

    DicomImage unknown = analysed("unknown.dcm", d -> d.remove(Tag.BURNED_IN_ANNOTATION));
    Path unknownSc = dir.resolve("unknown.sc");
    exporter.export(unknown.studyInstanceUid(), ExportFormat.SC, unknownSc, false, null);
    assertNull(
        DicomReader.read(unknownSc).dataset().string(Tag.BURNED_IN_ANNOTATION),
        "a source that does not say gets no NO it never claimed");
  }

  @Test
  void aCaptureOfALossySourceStaysMarkedLossy() throws Exception {
    DicomImage declared =
        analysed(
            "lossy.dcm",
            ds -> {
              ds.putString(Tag.LOSSY_IMAGE_COMPRESSION, VR.CS, "01");
              ds.putString(Tag.LOSSY_IMAGE_COMPRESSION_RATIO, VR.DS, "10");
              ds.putString(Tag.LOSSY_IMAGE_COMPRESSION_METHOD, VR.CS, "ISO_15444_1");
            });
    Path sc = dir.resolve("lossy.sc");
    exporter.export(declared.studyInstanceUid(), ExportFormat.SC, sc, false, null);
    Attributes ds = DicomReader.read(sc).dataset();
    assertEquals("01", ds.string(Tag.LOSSY_IMAGE_COMPRESSION));
    assertEquals("10", ds.string(Tag.LOSSY_IMAGE_COMPRESSION_RATIO));
    assertEquals("ISO_15444_1", ds.string(Tag.LOSSY_IMAGE_COMPRESSION_METHOD));
    assertNoDciodvfyError(sc);

    DicomImage jpeg = analysedJpegBaseline("baseline.dcm");
    assertEquals("1.2.840.10008.1.2.4.50", jpeg.transferSyntax().uid());
    assertNull(jpeg.attributes().string(Tag.LOSSY_IMAGE_COMPRESSION));
    Path jpegSc = dir.resolve("baseline.sc");
    exporter.export(jpeg.studyInstanceUid(), ExportFormat.SC, jpegSc, false, null);
    Attributes jds = DicomReader.read(jpegSc).dataset();
    assertEquals("01", jds.string(Tag.LOSSY_IMAGE_COMPRESSION), "JPEG baseline is lossy");
    assertEquals("ISO_10918_1", jds.string(Tag.LOSSY_IMAGE_COMPRESSION_METHOD));
    assertNoDciodvfyError(jpegSc);

    DicomImage lossless = analysed("lossless.dcm", d -> {});
    Path losslessSc = dir.resolve("lossless.sc");
    exporter.export(lossless.studyInstanceUid(), ExportFormat.SC, losslessSc, false, null);
    assertEquals("00", DicomReader.read(losslessSc).dataset().string(Tag.LOSSY_IMAGE_COMPRESSION));
  }

  @Test
  void aCaptureOfALeftHandSaysLeftHand() throws Exception {
    DicomImage hand =
        analysed(
            "hand.dcm",
            ds -> {
              ds.putString(Tag.BODY_PART_EXAMINED, VR.CS, "HAND");
              ds.putString(Tag.LATERALITY, VR.CS, "L");
              ds.remove(Tag.IMAGE_LATERALITY);
            });
    Path sc = dir.resolve("hand.sc");
    exporter.export(hand.studyInstanceUid(), ExportFormat.SC, sc, false, null);
    Attributes ds = DicomReader.read(sc).dataset();
    assertEquals("HAND", ds.string(Tag.BODY_PART_EXAMINED));
    assertEquals("L", ds.string(Tag.LATERALITY));
    assertNoDciodvfyError(sc);

    DicomImage knee =
        analysed(
            "knee.dcm",
            d -> {
              d.putString(Tag.BODY_PART_EXAMINED, VR.CS, "KNEE");
              d.putString(Tag.IMAGE_LATERALITY, VR.CS, "R");
            });
    Path kneeSc = dir.resolve("knee.sc");
    exporter.export(knee.studyInstanceUid(), ExportFormat.SC, kneeSc, false, null);
    assertEquals("R", DicomReader.read(kneeSc).dataset().string(Tag.IMAGE_LATERALITY));
    assertNoDciodvfyError(kneeSc);
  }

  @Test
  void everyReaderIsAnObserverOfTheirOwn() throws Exception {
    DicomImage image = analysed("read.dcm", ds -> {});
    String study = image.studyInstanceUid();
    service.decide(study, 0, DecisionKind.ACCEPT, null, null, "Reader^Alice");
    service.decide(study, 1, DecisionKind.COMMENT, null, "calcified", "Second^Bob");
    service.decide(study, 2, DecisionKind.REJECT, null, null, "Reader^Alice");
    Path sr = dir.resolve("read.sr");
    exporter.export(study, ExportFormat.SR, sr, false, null);
    List<String> observers = new ArrayList<>();
    for (Attributes item : DicomReader.read(sr).dataset().sequence(SrTags.CONTENT_SEQUENCE)) {
      List<Attributes> name = item.sequence(SrTags.CONCEPT_NAME_CODE_SEQUENCE);
      if ("121008".equals(name.get(0).string(SrTags.CODE_VALUE))) {
        observers.add(item.string(SrTags.PERSON_NAME));
      }
    }
    assertEquals(List.of("Reader^Alice", "Second^Bob"), observers);
    String dump = run(Externals.tool("dsrdump").toString(), sr.toString());
    assertTrue(dump.contains("PNAME:(,,\"Person Observer Name\")=\"Reader^Alice\""), dump);
    assertTrue(dump.contains("PNAME:(,,\"Person Observer Name\")=\"Second^Bob\""), dump);
  }

  /**
   * A second read reaches the PACS in the SR: each region the reader marked, on the view it was
   * drawn on and said to be before or with the AI, and the impressions before and after the AI was
   * shown, by that reader. De-identified, the free text and the name go and the regions stay.
   */
  @Test
  void aSecondReadIsInTheStructuredReport() throws Exception {
    DicomImage image = analysed("second.dcm", ds -> {});
    String study = image.studyInstanceUid();
    ReadingSession session = service.startSession("Second^Bob", SessionMode.SECOND_READER);
    StudyRead read = service.openStudy(session, study);
    StudyImage on = StudyImage.of(image, image.rows(), image.columns());
    service.markOn(read, on, 0, "nodule", new Region(10, 12, 20, 22), "right upper zone");
    read = service.reveal(read, "one nodule, right upper zone");
    service.markOn(read, on, 0, "nodule", new Region(40, 8, 6, 6), null);
    service.complete(read, "agree with the AI on finding 0");

    Path sr = dir.resolve("second.sr");
    exporter.export(study, ExportFormat.SR, sr, false, null);
    assertNoDciodvfyError(sr);
    String dump = run(Externals.tool("dsrdump").toString(), sr.toString());
    for (String expected :
        List.of(
            "=\"read 1 mark 1\"",
            "=\"read 1 mark 2\"",
            "(RA0023,99RADASSIST,\"Before the AI was shown\")",
            "(RA0024,99RADASSIST,\"With the AI shown\")",
            "=\"right upper zone\"",
            "(POLYLINE,10/12,...)",
            "=\"one nodule, right upper zone\"",
            "=\"agree with the AI on finding 0\"",
            "PNAME:(,,\"Person Observer Name\")=\"Second^Bob\"")) {
      assertTrue(dump.contains(expected), "missing " + expected + " in:\n" + dump);
    }

    Path anon = dir.resolve("second-anon.sr");
    exporter.export(study, ExportFormat.SR, anon, true, null);
    assertNoDciodvfyError(anon);
    String anonDump = run(Externals.tool("dsrdump").toString(), anon.toString());
    assertTrue(anonDump.contains("=\"read 1 mark 2\""), anonDump);
    for (String identity : List.of("Second^Bob", "right upper zone", "one nodule", "agree with")) {
      assertFalse(anonDump.contains(identity), identity + " left in:\n" + anonDump);
    }
  }

  @Test
  void thePdfPrintsLongTextWhole() throws Exception {
    DicomImage image =
        analysed(
            "pdf.dcm", ds -> ds.putString(Tag.PATIENT_NAME, VR.PN, "Łukasiewicz^Żaneta=山田^太郎"));
    String study = image.studyInstanceUid();
    StringBuilder longComment = new StringBuilder("calcified granuloma, no follow-up needed;");
    for (int i = 0; i < 400; i++) {
      longComment.append(" word").append(i);
    }
    longComment.append(" the-end");
    service.decide(
        study, 0, DecisionKind.COMMENT, null, longComment.toString(), "Wiśniewska^Zofia");
    service.decide(study, 0, DecisionKind.ACCEPT, null, null, "Wiśniewska^Zofia");
    service.decide(study, 1, DecisionKind.COMMENT, null, "疑い", "PHIREADER^Rhonda");
    service.decide(study, 1, DecisionKind.REJECT, null, null, "PHIREADER^Rhonda");
    Path pdf = dir.resolve("read.pdf");
    exporter.export(study, ExportFormat.PDF, pdf, false, null);
    String text;
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      assertTrue(doc.getNumberOfPages() > 1, "the long comment runs on to a second page");
      text = new PDFTextStripper().getText(doc);
    }
    // Cells of one row share lines in the extracted text, so the comment is checked word by word.
    java.util.Set<String> words = new java.util.HashSet<>(List.of(text.split("\\s+")));
    assertFalse(text.contains("..."), "nothing cut short:\n" + text);
    for (String word : longComment.toString().split(" ")) {
      assertTrue(words.contains(word), "'" + word + "' missing from:\n" + text);
    }
    assertTrue(text.contains("Łukasiewicz Żaneta=?? ??"), text);
    assertTrue(words.contains("Wiśniewska^Zofia"), text);
    assertTrue(words.contains("PHIREADER^Rhonda"), text);
    assertTrue(text.replaceAll("\\s+", " ").contains("Some characters could not be shown"), text);
  }

  @Test
  void aFailedExportLeavesNoHiddenCopyBehind() throws Exception {
    DicomImage image = analysed("leak.dcm", ds -> {});
    Path target = Files.createDirectories(dir.resolve("out").resolve("target"));
    for (ExportFormat format : ExportFormat.values()) {
      IOException e =
          assertThrows(
              IOException.class,
              () -> exporter.export(image.studyInstanceUid(), format, target, false, null));
      assertEquals("cannot write " + target + ": it is a folder", e.getMessage());
    }
    try (Stream<Path> left = Files.list(dir.resolve("out"))) {
      assertEquals(List.of(target), left.toList());
    }
  }

  /** A 64x80 DX image, edited by {@code edit}, analysed with the fixture's three findings. */
  private DicomImage analysed(String name, Consumer<Attributes> edit) throws Exception {
    Path file = dir.resolve(name);
    int[] pixels = new int[Fixtures.ROWS * Fixtures.COLUMNS];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (i * 37) % 4096;
    }
    Attributes ds =
        DxImageBuilder.create()
            .patient("Test^Patient", "PID-1", "19700101", "O")
            .study(null, "S1", "ACC-1", "Chest")
            .pixels(Fixtures.ROWS, Fixtures.COLUMNS, 12, pixels)
            .bodyPart("CHEST")
            .build();
    ds.putString(Tag.BURNED_IN_ANNOTATION, VR.CS, "NO");
    edit.accept(ds);
    DicomWriter.write(file, ds);
    return record(DicomImage.read(file));
  }

  /** The same in JPEG baseline, without Lossy Image Compression: only the syntax says lossy. */
  private DicomImage analysedJpegBaseline(String name) throws Exception {
    BufferedImage grey =
        new BufferedImage(Fixtures.COLUMNS, Fixtures.ROWS, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < Fixtures.ROWS; y++) {
      for (int x = 0; x < Fixtures.COLUMNS; x++) {
        grey.getRaster().setSample(x, y, 0, (x * 3 + y * 2) & 0xFF);
      }
    }
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(grey, "jpeg", jpeg));
    byte[] stream = jpeg.toByteArray();
    Attributes ds =
        DxImageBuilder.create()
            .patient("Test^Patient", "PID-1", "19700101", "O")
            .study(null, "S1", "ACC-1", "Chest")
            .pixels(Fixtures.ROWS, Fixtures.COLUMNS, 8, new int[Fixtures.ROWS * Fixtures.COLUMNS])
            .bodyPart("CHEST")
            .build();
    ds.putString(Tag.BURNED_IN_ANNOTATION, VR.CS, "NO");
    ds.remove(Tag.LOSSY_IMAGE_COMPRESSION);
    ds.putInt(Tag.BITS_ALLOCATED, VR.US, 8);
    ds.put(
        DicomElement.ofFragments(
            Tag.PIXEL_DATA,
            VR.OB,
            List.of(new Fragment(new byte[0], 0, 0), new Fragment(stream, 0, stream.length))));
    Path file = dir.resolve(name);
    DicomWriter.write(file, ds, "1.2.840.10008.1.2.4.50");
    return record(DicomImage.read(file));
  }

  private DicomImage record(DicomImage image) throws Exception {
    service.recordAnalysis(image, 0, Fixtures.prediction(), "Dr^A");
    return image;
  }

  /** dciodvfy's errors on {@code file}; warnings are left to the reader of the output. */
  private static void assertNoDciodvfyError(Path file) throws Exception {
    String out = run(Externals.tool("dciodvfy").toString(), file.toString());
    List<String> errors = out.lines().filter(l -> l.startsWith("Error")).toList();
    assertEquals(List.of(), errors, out);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out;
  }
}
