package org.radassist.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.session.Fixtures;
import org.radassist.app.session.ReadingService;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.sr.StructuredReportBuilder;
import picocli.CommandLine;

/** The review commands end to end on a real record file, and analyze filing into it. */
class ReviewCommandTest {
  @TempDir static Path tmp;
  static Path data;
  static String study;
  static int findings;

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = RootCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run review(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "--data-dir";
    all[1] = data.toString();
    all[2] = "review";
    System.arraycopy(args, 0, all, 3, args.length);
    return run(all);
  }

  @BeforeAll
  static void recordAnAnalysis() throws Exception {
    DicomImage image = Fixtures.image(Files.createDirectories(tmp.resolve("in")), "a.dcm");
    study = image.studyInstanceUid();
    data = tmp.resolve("data");
    try (ReadingService service = ReadingService.open(data)) {
      findings = service.recordAnalysis(image, 0, Fixtures.prediction(), null).findings().size();
    }
  }

  @Test
  void recordThenListShowsTheDecisionWithReaderAndComment() throws Exception {
    Run record =
        review(
            "record",
            "--study",
            study,
            "--finding",
            "0",
            "--decision",
            "accept",
            "--comment",
            "solid nodule",
            "--reader",
            "Dr^Cli");
    assertEquals(0, record.exitCode(), record.err());
    assertTrue(record.out().contains("recorded accept on finding 0 by Dr^Cli"), record.out());

    Run list = review("list", "--study", study, "--json");
    assertEquals(0, list.exitCode(), list.err());
    JsonNode json = new ObjectMapper().readTree(list.out());
    assertEquals(study, json.get("studyInstanceUid").asText());
    assertEquals(findings, json.get("findings").size());
    assertEquals("accept", json.at("/findings/0/decision").asText());
    JsonNode last = json.at("/findings/0/history");
    assertEquals("Dr^Cli", last.get(last.size() - 1).get("reader").asText());
    assertEquals("solid nodule", last.get(last.size() - 1).get("comment").asText());
    assertEquals(64, json.at("/analysis/model/sha256").asText().length());
  }

  /** Only the last analysed image of a study could be reviewed; each one now can, by its UID. */
  @Test
  void everyAnalysedImageOfAStudyIsListedRecordedOnAndExported() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("two-images"));
    DicomImage first = Fixtures.image(in, "m0.dcm");
    String twoImages = first.studyInstanceUid();
    DicomImage second = Fixtures.image(in, "m1.dcm", twoImages);
    try (ReadingService service = ReadingService.open(data)) {
      service.recordAnalysis(first, 0, Fixtures.prediction(), null);
      service.recordAnalysis(second, 0, Fixtures.predictionByAnotherVersion(), null);
    }
    Run ambiguous =
        review("record", "--study", twoImages, "--finding", "0", "--decision", "accept");
    assertEquals(2, ambiguous.exitCode());
    assertEquals(1, ambiguous.err().strip().lines().count(), ambiguous.err());
    assertTrue(ambiguous.err().contains(first.sopInstanceUid()), ambiguous.err());
    assertTrue(ambiguous.err().contains(second.sopInstanceUid()), ambiguous.err());
    Run onFirst =
        review(
            "record",
            "--study",
            twoImages,
            "--image",
            first.sopInstanceUid(),
            "--finding",
            "0",
            "--decision",
            "accept",
            "--reader",
            "Dr^A");
    assertEquals(0, onFirst.exitCode(), onFirst.err());

    Run list = review("list", "--study", twoImages);
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("image " + first.sopInstanceUid() + ": model"), list.out());
    assertTrue(list.out().contains("image " + second.sopInstanceUid() + ": model"), list.out());
    assertTrue(list.out().contains("accept by Dr^A"), list.out());

    JsonNode json =
        new ObjectMapper().readTree(review("list", "--study", twoImages, "--json").out());
    assertEquals(2, json.get("images").size());
    assertEquals(first.sopInstanceUid(), json.at("/images/0/image/sopInstanceUid").asText());
    assertEquals("accept", json.at("/images/0/findings/0/decision").asText());

    Path export = tmp.resolve("exports/two-images.json");
    assertEquals(
        0,
        review("export", "--study", twoImages, "--format", "json", "--out", export.toString())
            .exitCode());
    JsonNode exported = new ObjectMapper().readTree(export.toFile());
    assertEquals(2, exported.get("images").size(), "both images are exported");
    assertTrue(exported.toString().contains("Dr^A"), "with the decision on the first image");

    try (ReadingService service = ReadingService.open(data)) {
      service.recordAnalysis(first, 0, Fixtures.predictionByAnotherVersion(), null);
    }
    Run after = review("list", "--study", twoImages);
    assertTrue(
        after.out().contains("1 decision(s) on earlier analyses of this image"), after.out());
    JsonNode earlier =
        new ObjectMapper()
            .readTree(review("list", "--study", twoImages, "--json").out())
            .at("/images/0/earlierDecisions/0");
    assertEquals("accept", earlier.get("decision").asText());
    assertEquals("1.2.0", earlier.at("/model/version").asText());
  }

  @Test
  void exportWritesAStructuredReportOfTheStudy() throws Exception {
    review("record", "--study", study, "--finding", "0", "--decision", "reject");
    Path sr = tmp.resolve("exports/read.dcm");
    Run export = review("export", "--study", study, "--format", "sr", "--out", sr.toString());
    assertEquals(0, export.exitCode(), export.err());
    var ds = DicomReader.read(sr).dataset();
    assertEquals(StructuredReportBuilder.COMPREHENSIVE_SR, ds.string(Tag.SOP_CLASS_UID));
    assertEquals(study, ds.string(Tag.STUDY_INSTANCE_UID));
    for (String format : new String[] {"sc", "pdf", "json"}) {
      Path out = tmp.resolve("exports/read." + format);
      Run r = review("export", "--study", study, "--format", format, "--out", out.toString());
      assertEquals(0, r.exitCode(), format + ": " + r.err());
      assertTrue(Files.size(out) > 0);
    }
  }

  @Test
  void mistakesExitWithTwoOrOneAndOneLine() {
    Run badDecision = review("record", "--study", study, "--finding", "0", "--decision", "maybe");
    assertEquals(2, badDecision.exitCode());
    assertTrue(badDecision.err().contains("unknown decision 'maybe'"), badDecision.err());

    Run badIndex = review("record", "--study", study, "--finding", "999", "--decision", "accept");
    assertEquals(2, badIndex.exitCode());
    assertEquals(1, badIndex.err().strip().lines().count(), badIndex.err());
    assertTrue(badIndex.err().contains("finding 999 does not exist"), badIndex.err());

    Run unknownStudy = review("list", "--study", "1.2.3.4", "--json");
    assertEquals(1, unknownStudy.exitCode());
    assertEquals(1, unknownStudy.err().strip().lines().count(), unknownStudy.err());
    assertTrue(unknownStudy.err().contains("No analysis of study 1.2.3.4"), unknownStudy.err());

    assertEquals(
        2, review("export", "--study", study, "--format", "tiff", "--out", "x").exitCode());
  }

  /** A region off the image made an SR pointing at nothing; part of one is kept to the image. */
  @Test
  void aRegionOutsideTheImageIsRefusedAndOnePartlyOutsideIsClipped() throws Exception {
    for (String outside : new String[] {"-500,-500,10,10", "5000,5000,100,100", "80,0,5,5"}) {
      Run r =
          review(
              "record",
              "--study",
              study,
              "--finding",
              "2",
              "--decision",
              "edit-region",
              "--region",
              outside);
      assertEquals(2, r.exitCode(), outside + ": " + r.out());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains("outside the image, which is 80x64 pixels"), r.err());
    }
    Run clipped =
        review(
            "record",
            "--study",
            study,
            "--finding",
            "2",
            "--decision",
            "edit-region",
            "--region",
            "70,60,20,20",
            "--reader",
            "Dr^Clip");
    assertEquals(0, clipped.exitCode(), clipped.err());
    assertTrue(clipped.out().contains("recorded the part inside it: 70,60,10,4"), clipped.out());
    JsonNode json = new ObjectMapper().readTree(review("list", "--study", study, "--json").out());
    JsonNode history = json.at("/findings/2/history");
    JsonNode last = history.get(history.size() - 1);
    assertEquals("Dr^Clip", last.get("reader").asText());
    assertEquals(10, last.at("/region/width").asInt());
    assertEquals(4, last.at("/region/height").asInt());

    String session = review("session", "start", "--mode", "concurrent").out().strip();
    review("session", "open", "--session", session, "--study", study);
    Run mark =
        review(
            "session",
            "mark",
            "--session",
            session,
            "--study",
            study,
            "--label",
            "nodule",
            "--region",
            "5000,5000,10,10");
    assertEquals(2, mark.exitCode(), mark.out());
    assertTrue(mark.err().contains("80x64"), mark.err());
  }

  @Test
  void aBlindedSecondReadThenRevealKeepsBothReadsAndSummarises() throws Exception {
    Run start = review("session", "start", "--mode", "second-reader", "--reader", "Dr^Two");
    assertEquals(0, start.exitCode(), start.err());
    String session = start.out().strip();
    Run open = review("session", "open", "--session", session, "--study", study);
    assertEquals(0, open.exitCode(), open.err());
    assertTrue(open.out().contains("blinded"), open.out());

    Run early =
        review(
            "record",
            "--session",
            session,
            "--study",
            study,
            "--finding",
            "0",
            "--decision",
            "accept");
    assertEquals(2, early.exitCode());
    assertTrue(early.err().contains("reveal the AI"), early.err());
    // Nor can the blinded reader read the AI from the record beside the window.
    Run peek = review("list", "--study", study, "--reader", "Dr^Two");
    assertEquals(2, peek.exitCode(), peek.out());
    assertTrue(peek.err().contains("Dr^Two's blinded read"), peek.err());
    assertFalse(peek.out().contains("0  "), peek.out());
    Run export =
        review(
            "export",
            "--study",
            study,
            "--format",
            "json",
            "--out",
            tmp.resolve("peek.json").toString(),
            "--reader",
            "Dr^Two");
    assertEquals(2, export.exitCode(), export.out());
    assertFalse(Files.exists(tmp.resolve("peek.json")));
    assertEquals(0, review("list", "--study", study, "--reader", "Dr^Other").exitCode());

    Run mark =
        review(
            "session",
            "mark",
            "--session",
            session,
            "--study",
            study,
            "--label",
            "nodule",
            "--region",
            "6,5,8,8");
    assertEquals(0, mark.exitCode(), mark.err());
    // The session's summary must not unblind the read either: no AI count, no match.
    JsonNode blinded =
        new ObjectMapper()
            .readTree(review("session", "summary", "--session", session, "--json").out())
            .at("/studies/0");
    assertTrue(blinded.get("aiHidden").asBoolean(), blinded.toString());
    assertTrue(blinded.get("aiFindings").isNull(), blinded.toString());
    assertTrue(blinded.get("matched").isNull(), blinded.toString());
    assertEquals(1, blinded.get("blindedMarks").asInt());
    Run reveal =
        review(
            "session",
            "reveal",
            "--session",
            session,
            "--study",
            study,
            "--impression",
            "one nodule");
    assertEquals(0, reveal.exitCode(), reveal.err());
    assertEquals(0, review("list", "--study", study, "--reader", "Dr^Two").exitCode());
    Run accept =
        review(
            "record",
            "--session",
            session,
            "--study",
            study,
            "--finding",
            "0",
            "--decision",
            "accept",
            "--reader",
            "Dr^Two");
    assertEquals(0, accept.exitCode(), accept.err());
    Run complete =
        review(
            "session",
            "complete",
            "--session",
            session,
            "--study",
            study,
            "--impression",
            "one nodule, confirmed");
    assertEquals(0, complete.exitCode(), complete.err());

    Run summary = review("session", "summary", "--session", session, "--json");
    assertEquals(0, summary.exitCode(), summary.err());
    JsonNode json = new ObjectMapper().readTree(summary.out());
    assertEquals("SECOND_READER", json.get("mode").asText());
    JsonNode s = json.at("/studies/0");
    assertEquals("DONE", s.get("phase").asText());
    assertEquals(1, s.get("accepted").asInt());
    assertEquals(1, s.get("blindedMarks").asInt());
    assertEquals(1, s.get("matched").asInt());
    assertEquals(2.0 / (findings + 1), s.get("agreement").asDouble(), 1e-9);
    assertTrue(s.get("readSeconds").isNumber());

    assertEquals(2, review("session", "summary", "--session", "999").exitCode());
  }

  @Test
  void analyzeFilesEachAnalysisInTheRecordUnlessToldNot() throws Exception {
    SampleStudy sample = SampleStudy.create(Files.createDirectories(tmp.resolve("sample")));
    String sampleStudy = DicomImage.read(sample.file()).studyInstanceUid();
    Path recorded = tmp.resolve("data-analyze");
    Run analyze =
        run(
            "--data-dir",
            recorded.toString(),
            "analyze",
            sample.file().toString(),
            "--out",
            tmp.resolve("out").toString(),
            "--device",
            "cpu");
    assertEquals(0, analyze.exitCode(), analyze.err());
    try (ReadingService service = ReadingService.open(recorded)) {
      var analysis = service.review(sampleStudy).analysis();
      assertEquals(64, analysis.modelSha256().length());
      assertTrue(analysis.device().startsWith("cpu"), analysis.device());
      assertFalse(analysis.findings().isEmpty(), "the sample's lesion gives a finding");
    }

    Path other = tmp.resolve("data-no-record");
    Run unrecorded =
        run(
            "--data-dir",
            other.toString(),
            "analyze",
            sample.file().toString(),
            "--out",
            tmp.resolve("out-no-record").toString(),
            "--device",
            "cpu",
            "--no-record");
    assertEquals(0, unrecorded.exitCode(), unrecorded.err());
    assertFalse(Files.exists(other.resolve("reading.db")));
  }
}
