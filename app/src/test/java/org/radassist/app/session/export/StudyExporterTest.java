package org.radassist.app.session.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.session.AuditEvent;
import org.radassist.app.session.DecisionKind;
import org.radassist.app.session.Fixtures;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.ReadingSession;
import org.radassist.app.session.Region;
import org.radassist.app.session.SessionMode;
import org.radassist.app.session.StudyRead;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.sr.SrTags;
import org.radassist.dicom.sr.StructuredReportBuilder;
import org.radassist.testsupport.Externals;

class StudyExporterTest {
  @TempDir Path dir;

  private ReadingService service;
  private StudyExporter exporter;
  private DicomImage image;
  private String study;

  @BeforeEach
  void record() throws Exception {
    image = Fixtures.image(dir, "a.dcm");
    study = image.studyInstanceUid();
    service = ReadingService.open(dir.resolve("data"));
    exporter = new StudyExporter(service);
    service.recordAnalysis(image, 0, Fixtures.prediction(), "Dr^A");
    service.decide(study, 0, DecisionKind.ACCEPT, null, "typical nodule", "Dr^A");
    service.decide(study, 1, DecisionKind.REJECT, null, null, "Dr^A");
    service.decide(study, 2, DecisionKind.EDIT_REGION, new Region(40, 30, 24, 14), null, "Dr^A");
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    service.close();
  }

  @Test
  void structuredReportCarriesFindingsRegionsAndDecisionsAndDcmtkReadsIt() throws Exception {
    Path out = dir.resolve("read.sr.dcm");
    exporter.export(study, ExportFormat.SR, out, false, "Dr^A");
    Attributes sr = DicomReader.read(out).dataset();
    assertEquals(StructuredReportBuilder.COMPREHENSIVE_SR, sr.string(Tag.SOP_CLASS_UID));
    assertEquals(study, sr.string(Tag.STUDY_INSTANCE_UID));
    assertEquals("Test^Patient", sr.string(Tag.PATIENT_NAME));
    assertEquals("COMPLETE", sr.string(SrTags.COMPLETION_FLAG));
    List<Attributes> groups = child(sr, "126010").sequence(SrTags.CONTENT_SEQUENCE);
    assertEquals(3, groups.size());
    assertEquals("RA0010", valueCode(child(groups.get(0), "RA0002")));
    assertEquals("RA0011", valueCode(child(groups.get(1), "RA0002")));
    assertEquals("RA0012", valueCode(child(groups.get(2), "RA0002")));
    assertEquals("72704001", valueCode(child(groups.get(2), "121071")));
    double[] region = child(groups.get(2), "111030").doubles(SrTags.GRAPHIC_DATA);
    assertEquals(40, region[0]);
    assertEquals(30 + 14, region[5], "the edited region, not the model's box");
    assertTrue(child(groups.get(0), "121106").string(SrTags.TEXT_VALUE).contains("typical nodule"));
    assertDcmtkClean(out);
  }

  @Test
  void deidentifiedDicomExportsKeepNoIdentityButStillReferToEachOther() throws Exception {
    Path sr = dir.resolve("anon.sr.dcm");
    Path sc = dir.resolve("anon.sc.dcm");
    exporter.export(study, ExportFormat.SR, sr, true, "Dr^A");
    exporter.export(study, ExportFormat.SC, sc, true, "Dr^A");
    Attributes srDs = DicomReader.read(sr).dataset();
    Attributes scDs = DicomReader.read(sc).dataset();
    for (Attributes ds : List.of(srDs, scDs)) {
      assertEquals(null, ds.string(Tag.PATIENT_NAME));
      assertTrue(ds.string(Tag.PATIENT_ID).startsWith("ANON-"), ds.string(Tag.PATIENT_ID));
      assertEquals(null, ds.string(Tag.PATIENT_BIRTH_DATE));
      assertEquals(null, ds.string(Tag.ACCESSION_NUMBER));
      assertEquals(null, ds.string(Tag.STUDY_DESCRIPTION));
      assertEquals("YES", ds.string(Deidentifier.PATIENT_IDENTITY_REMOVED));
      assertNotEquals(study, ds.string(Tag.STUDY_INSTANCE_UID));
    }
    assertEquals(srDs.string(Tag.STUDY_INSTANCE_UID), scDs.string(Tag.STUDY_INSTANCE_UID));
    assertEquals(srDs.string(Tag.PATIENT_ID), scDs.string(Tag.PATIENT_ID));
    String referenced =
        srDs.sequence(SrTags.CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE)
            .get(0)
            .sequence(SrTags.REFERENCED_SERIES_SEQUENCE)
            .get(0)
            .sequence(SrTags.REFERENCED_SOP_SEQUENCE)
            .get(0)
            .string(SrTags.REFERENCED_SOP_INSTANCE_UID);
    assertEquals(
        new Deidentifier(service.store().uidSalt()).uid(image.sopInstanceUid()), referenced);
    String text = new String(Files.readAllBytes(sr), StandardCharsets.ISO_8859_1);
    for (String identity :
        List.of("Test^Patient", "PID-1", "ACC-1", "Dr^A", "typical nodule", study)) {
      assertFalse(text.contains(identity), identity + " left in the de-identified SR");
    }
    assertDcmtkClean(sr);
  }

  @Test
  void secondaryCaptureShowsTheImageWithOverlayInTheSameStudy() throws Exception {
    Path out = dir.resolve("overlay.sc.dcm");
    exporter.export(study, ExportFormat.SC, out, false, "Dr^A");
    DicomImage sc = DicomImage.read(out);
    assertEquals(study, sc.studyInstanceUid());
    assertNotEquals(image.seriesInstanceUid(), sc.seriesInstanceUid());
    assertEquals(Photometric.RGB, sc.photometric());
    assertEquals(Fixtures.ROWS, sc.rows());
    assertEquals(Fixtures.COLUMNS, sc.columns());
    int[] rgb = sc.frame(0).samples();
    int p = 3 * (10 * Fixtures.COLUMNS + 5);
    assertTrue(
        rgb[p] > rgb[p + 2] + 60, "the accepted finding's box edge at (5,10) is drawn in yellow");
    assertEquals(
        null,
        sc.attributes().string(Tag.BURNED_IN_ANNOTATION),
        "the fixture does not say whether its pixels identify the patient, so neither does the SC");
    assertDcmdumpClean(out);
  }

  @Test
  void pdfReportListsFindingsDecisionsAndThePatientUnlessDeidentified() throws Exception {
    Path pdf = dir.resolve("read.pdf");
    exporter.export(study, ExportFormat.PDF, pdf, false, "Dr^A");
    String text = pdfText(pdf);
    for (String expected :
        List.of(
            "RadAssist reading report",
            "Test Patient",
            "PID-1",
            "demo-chest 1.2.0",
            "nodule",
            "fracture",
            "accepted",
            "rejected",
            "accepted with edited region",
            "typical nodule",
            "Every AI finding has a reader decision.")) {
      assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
    }
    Path anon = dir.resolve("anon.pdf");
    exporter.export(study, ExportFormat.PDF, anon, true, "Dr^A");
    String anonText = pdfText(anon);
    for (String identity : List.of("Test Patient", "PID-1", "ACC-1", "Dr^A", study)) {
      assertFalse(anonText.contains(identity), identity + " left in:\n" + anonText);
    }
    assertTrue(anonText.contains("de-identified"));
  }

  @Test
  void jsonCarriesTheModelTheVerdictsAndTheirHistory() throws Exception {
    Path out = dir.resolve("read.json");
    exporter.export(study, ExportFormat.JSON, out, false, "Dr^A");
    JsonNode json = ReviewJson.JSON.readTree(out.toFile());
    assertEquals(study, json.get("studyInstanceUid").asText());
    assertEquals("ab".repeat(32), json.at("/analysis/model/sha256").asText());
    assertEquals("accept", json.at("/findings/0/decision").asText());
    assertEquals("reject", json.at("/findings/1/decision").asText());
    assertEquals("edit-region", json.at("/findings/2/decision").asText());
    assertEquals(24, json.at("/findings/2/region/width").asInt());
    assertEquals("Dr^A", json.at("/findings/0/history/0/reader").asText());
    assertTrue(json.get("reviewComplete").asBoolean());

    Path anon = dir.resolve("anon.json");
    exporter.export(study, ExportFormat.JSON, anon, true, "Dr^A");
    String anonText = Files.readString(anon);
    for (String identity : List.of(study, image.sopInstanceUid(), "Dr^A", "typical nodule")) {
      assertFalse(anonText.contains(identity), identity + " left in:\n" + anonText);
    }
  }

  /** A second read's output is its impressions and marks: the JSON and the PDF carry them. */
  @Test
  void aSecondReadsImpressionsAndMarksAreExported() throws Exception {
    ReadingSession session = service.startSession("Dr^Second", SessionMode.SECOND_READER);
    StudyRead read = service.openStudy(session, study);
    service.mark(read, null, "nodule", new Region(10, 12, 20, 22), "right upper zone");
    read = service.reveal(read, "one nodule, right upper zone");
    service.complete(read, "agree with the AI on finding 0");

    Path json = dir.resolve("reads.json");
    exporter.export(study, ExportFormat.JSON, json, false, "Dr^Second");
    JsonNode reads = ReviewJson.JSON.readTree(json.toFile()).get("reads");
    assertEquals(1, reads.size());
    assertEquals("Dr^Second", reads.at("/0/reader").asText());
    assertEquals("second_reader", reads.at("/0/mode").asText());
    assertEquals("done", reads.at("/0/phase").asText());
    assertEquals("one nodule, right upper zone", reads.at("/0/blindedImpression").asText());
    assertEquals("agree with the AI on finding 0", reads.at("/0/finalImpression").asText());
    assertEquals("nodule", reads.at("/0/marks/0/label").asText());
    assertEquals(22, reads.at("/0/marks/0/region/height").asInt());

    Path pdf = dir.resolve("reads.pdf");
    exporter.export(study, ExportFormat.PDF, pdf, false, "Dr^Second");
    String text = pdfText(pdf).replaceAll("\\s+", " ");
    for (String expected :
        List.of(
            "Dr^Second, session 1 (second reader), done",
            "Impression before the AI was shown: one nodule, right upper zone",
            "Final impression: agree with the AI on finding 0",
            "Marked nodule at 10,12 20x22: right upper zone")) {
      assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
    }

    Path anon = dir.resolve("reads-anon.json");
    exporter.export(study, ExportFormat.JSON, anon, true, "Dr^Second");
    String anonText = Files.readString(anon);
    for (String identity : List.of("Dr^Second", "one nodule", "agree with", "right upper zone")) {
      assertFalse(anonText.contains(identity), identity + " left in:\n" + anonText);
    }
    assertEquals(1, ReviewJson.JSON.readTree(anonText).at("/reads/0/marks").size());
  }

  @Test
  void everyExportIsAuditedAndAMissingImageIsAFailureWithAReason() throws Exception {
    exporter.export(study, ExportFormat.JSON, dir.resolve("a.json"), false, "Dr^A");
    Files.delete(image.path());
    IOException e =
        assertThrows(
            IOException.class,
            () -> exporter.export(study, ExportFormat.SR, dir.resolve("b.dcm"), false, "Dr^A"));
    assertTrue(e.getMessage().contains("no longer there"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("b.dcm")));
    List<AuditEvent> exports =
        service.auditTrail(study).stream()
            .filter(a -> a.action() == AuditEvent.Action.EXPORTED)
            .toList();
    assertEquals(2, exports.size());
    assertEquals(AuditEvent.SUCCESS, exports.get(0).outcome());
    assertEquals(AuditEvent.MINOR_FAILURE, exports.get(1).outcome());
    assertEquals("sr", exports.get(1).detail());
  }

  private static String pdfText(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      assertEquals(1, doc.getNumberOfPages());
      return new PDFTextStripper().getText(doc);
    }
  }

  private static Attributes child(Attributes parent, String conceptValue) {
    for (Attributes item : parent.sequence(SrTags.CONTENT_SEQUENCE)) {
      List<Attributes> names = item.sequence(SrTags.CONCEPT_NAME_CODE_SEQUENCE);
      if (!names.isEmpty() && conceptValue.equals(names.get(0).string(SrTags.CODE_VALUE))) {
        return item;
      }
    }
    throw new AssertionError("no child with concept " + conceptValue);
  }

  private static String valueCode(Attributes codeItem) {
    return codeItem.sequence(SrTags.CONCEPT_CODE_SEQUENCE).get(0).string(SrTags.CODE_VALUE);
  }

  private static void assertDcmtkClean(Path file) throws Exception {
    assertDcmdumpClean(file);
    String xml = run(Externals.tool("dsr2xml").toString(), "-ll", "warn", file.toString());
    // dcmtk's VR checker skips UTF-8 data sets and says so; that notice is about dcmtk, not us.
    String complaints =
        xml.lines()
            .filter(l -> l.startsWith("W: ") || l.startsWith("E: "))
            .filter(l -> !l.contains("does not support this Specific Character Set: ISO_IR 192"))
            .reduce("", (a, b) -> a + b + "\n");
    assertEquals("", complaints, xml);
  }

  private static void assertDcmdumpClean(Path file) throws Exception {
    String dump = run(Externals.tool("dcmdump").toString(), "-ll", "warn", file.toString());
    assertFalse(dump.contains("W: ") || dump.contains("E: "), dump);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
