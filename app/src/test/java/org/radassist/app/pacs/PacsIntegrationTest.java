package org.radassist.app.pacs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.cli.RootCommand;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.ImageAnalysis;
import org.radassist.app.core.ModelChoice;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.core.Workspace;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.sr.Code;
import org.radassist.dicom.sr.ImageReference;
import org.radassist.dicom.sr.RegionMeasurement;
import org.radassist.dicom.sr.StructuredReportBuilder;
import org.radassist.dicom.web.DicomWebClient;
import org.radassist.dicom.web.InstanceSummary;
import org.radassist.dicom.web.SeriesSummary;
import org.radassist.dicom.web.StoreResult;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.SecondaryCaptureBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.analysis.Finding;
import org.radassist.testsupport.OrthancServer;
import org.radassist.testsupport.SyntheticStudy;
import picocli.CommandLine;

/**
 * The reading-room round trip against a real Orthanc: push a study, find it, pull it into the cache
 * byte for byte, analyse it, store the overlay back, find that, and open the study again with the
 * PACS gone.
 */
class PacsIntegrationTest {
  @TempDir Path tmp;

  private record Run(int exitCode, String out, String err) {}

  private Run cli(String... args) {
    CommandLine cl = RootCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("--data-dir", tmp.resolve("data").toString()));
    all.addAll(List.of(args));
    int code = cl.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** SOP Instance UID to SHA-256 of the decoded stored values of frame 0. */
  private static Map<String, String> pixelHashes(List<Path> files) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Path f : files) {
      DicomImage image = DicomImage.read(f);
      int[] samples = image.frame(0).samples();
      ByteBuffer b = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asIntBuffer().put(samples);
      out.put(
          image.sopInstanceUid(),
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array())));
    }
    return out;
  }

  private static Map<String, String> fileHashes(List<Path> files) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (Path f : files) {
      out.put(
          DicomImage.read(f).sopInstanceUid(),
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
    }
    return out;
  }

  @Test
  void pushQueryPullAnalyseStoreBackAndOpenOffline() throws Exception {
    SyntheticStudy study = SyntheticStudy.write(tmp.resolve("synthetic"), "PACS-7", "20250102", 3);
    SampleStudy sample = SampleStudy.create(Files.createDirectories(tmp.resolve("sample")));
    String sampleStudyUid = DicomImage.read(sample.file()).studyInstanceUid();
    List<Path> cachedSample;

    try (OrthancServer orthanc = OrthancServer.start()) {
      String url = orthanc.dicomWebUrl();
      Run push =
          cli(
              "pacs",
              "push",
              "--server",
              url,
              study.files().get(0).getParent().toString(),
              sample.file().toString());
      assertEquals(0, push.exitCode(), push.err());
      assertTrue(push.out().contains("4 instance(s) stored"), push.out());

      Run query = cli("pacs", "query", "--server", url, "--patient-id", "PACS-7", "--json");
      assertEquals(0, query.exitCode(), query.err());
      JsonNode found = new ObjectMapper().readTree(query.out());
      assertEquals(1, found.size(), query.out());
      assertEquals(study.studyInstanceUid(), found.at("/0/studyInstanceUid").asText());
      assertEquals(3, found.at("/0/instanceCount").asInt());
      assertEquals("20250102", found.at("/0/studyDate").asText());
      Run byUid =
          cli("pacs", "query", "--server", url, "--study", study.studyInstanceUid(), "--json");
      assertEquals(1, new ObjectMapper().readTree(byUid.out()).size(), byUid.out());
      Run byDate = cli("pacs", "query", "--server", url, "--date", "20250101-20250103", "--json");
      assertEquals(1, new ObjectMapper().readTree(byDate.out()).size(), byDate.out());

      Run pull = cli("pacs", "pull", "--server", url, "--study", study.studyInstanceUid());
      assertEquals(0, pull.exitCode(), pull.err());
      AppPaths paths = AppPaths.of(tmp.resolve("data"));
      PacsService service = PacsService.open(paths);
      StudyCache.CachedStudy cached = service.cache().find(study.studyInstanceUid()).orElseThrow();
      assertEquals(3, cached.files().size());
      assertEquals(fileHashes(study.files()), fileHashes(cached.files()));
      assertEquals(pixelHashes(study.files()), pixelHashes(cached.files()));

      Path outDir = tmp.resolve("pulled");
      Run pullOut =
          cli(
              "pacs",
              "pull",
              "--server",
              url,
              "--study",
              sampleStudyUid,
              "--out",
              outDir.toString());
      assertEquals(0, pullOut.exitCode(), pullOut.err());
      try (var s = Files.list(outDir)) {
        assertEquals(List.of(sample.file()).size(), s.count());
      }

      DicomWebClient client = service.connect(PacsServer.anonymous("test", url), null);
      cachedSample = service.pull(client, sampleStudyUid, progressNone()).files();
      assertEquals(fileHashes(List.of(sample.file())), fileHashes(cachedSample));

      ImageAnalysis analysis;
      try (Workspace workspace = Workspace.open(paths)) {
        DicomImage image = DicomImage.read(cachedSample.get(0));
        Workspace.SelectedModel model =
            workspace.modelFor(ModelChoice.AUTOMATIC, image.attributes());
        Analyzer analyzer = workspace.analyzer(model.pkg(), DeviceChoice.CPU);
        analysis = ImageAnalysis.run(analyzer, image, 0, model.reason());
      }
      assertFalse(analysis.prediction().findings().isEmpty(), "the sample's lesion was not found");
      StoreResult sent = service.sendOverlay(client, analysis);
      assertTrue(sent.allStored(), sent.toString());
      assertEquals(1, sent.stored().size());
      assertEquals(SecondaryCaptureBuilder.SOP_CLASS_UID, sent.stored().get(0).sopClassUid());

      Path sr = writeReport(analysis, tmp.resolve("sr.dcm"));
      Run pushSr = cli("pacs", "push", "--server", url, sr.toString());
      assertEquals(0, pushSr.exitCode(), pushSr.err());

      List<SeriesSummary> series = client.searchSeries(sampleStudyUid);
      assertEquals(3, series.size(), series.toString());
      assertTrue(
          series.stream()
              .anyMatch(
                  s ->
                      s.seriesNumber() != null && s.seriesNumber() == OverlayCapture.SERIES_NUMBER),
          series.toString());
      List<InstanceSummary> instances = client.searchInstances(sampleStudyUid);
      InstanceSummary sc =
          instances.stream()
              .filter(i -> SecondaryCaptureBuilder.SOP_CLASS_UID.equals(i.sopClassUid()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no SC in " + instances));
      assertEquals(sent.stored().get(0).sopInstanceUid(), sc.sopInstanceUid());

      assertTrue(
          instances.stream()
              .anyMatch(i -> StructuredReportBuilder.COMPREHENSIVE_SR.equals(i.sopClassUid())),
          instances.toString());
      List<byte[]> back = new ArrayList<>();
      client.retrieveStudy(
          sampleStudyUid, tmp, f -> back.add(Files.readAllBytes(f)), progressNone());
      assertEquals(3, back.size());
    }

    PacsService offline = PacsService.open(AppPaths.of(tmp.resolve("data")));
    StudyCache.CachedStudy again = offline.cache().find(sampleStudyUid).orElseThrow();
    DicomImage reopened = DicomImage.read(again.files().get(0));
    assertArrayEquals(
        DicomImage.read(sample.file()).frame(0).samples(), reopened.frame(0).samples());
    Run listed = cli("pacs", "cache");
    assertEquals(0, listed.exitCode(), listed.err());
    assertTrue(listed.out().contains("20250102\tPACS-7\tDX\t3 instance(s)"), listed.out());
    Run trimmed = cli("pacs", "cache", "--limit-mb", "0");
    assertEquals(0, trimmed.exitCode(), trimmed.err());
    assertTrue(trimmed.out().startsWith("0 MB of 0 MB used"), trimmed.out());
    assertTrue(PacsService.open(AppPaths.of(tmp.resolve("data"))).cache().list().isEmpty());
    Run down = cli("pacs", "query", "--server", "http://127.0.0.1:9/dicom-web", "--json");
    assertEquals(1, down.exitCode());
    assertTrue(down.err().startsWith("radassist: QIDO-RS study search"), down.err());
    assertEquals(1, down.err().strip().lines().count(), down.err());
  }

  /** A TID 1500 report of the AI findings, as the reading session exports one. */
  private static Path writeReport(ImageAnalysis analysis, Path file) throws Exception {
    DicomImage image = analysis.image();
    ImageReference ref =
        new ImageReference(
            image.studyInstanceUid(),
            image.seriesInstanceUid(),
            image.sopClassUid(),
            image.sopInstanceUid(),
            null);
    StructuredReportBuilder sr =
        StructuredReportBuilder.forStudyOf(image.attributes())
            .device(Uids.generate(), analysis.prediction().model().id(), "RadAssist")
            .probabilityConcept(new Code("RA0001", "99RADASSIST", "AI probability"))
            .codingScheme("99RADASSIST", "RadAssist codes", "RadAssist project")
            .addImage(ref);
    int n = 0;
    for (Finding f : analysis.prediction().findings()) {
      sr.add(
          new RegionMeasurement(
              "finding " + ++n,
              Uids.generate(),
              new Code("RA0100", "99RADASSIST", f.label()),
              ref,
              RegionMeasurement.box(f.box().x(), f.box().y(), f.box().width(), f.box().height()),
              f.score(),
              List.of(),
              null,
              null,
              analysis.prediction().model().id(),
              analysis.prediction().model().version()));
    }
    DicomWriter.write(file, sr.build());
    return file;
  }

  private static org.radassist.dicom.web.RetrieveProgress progressNone() {
    return org.radassist.dicom.web.RetrieveProgress.NONE;
  }

  @Test
  void unknownServerNameIsAUsageError() {
    Run run = cli("pacs", "query", "--server", "nowhere");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("No PACS named 'nowhere' is configured"), run.err());
    assertEquals(2, cli("pacs").exitCode(), "a subcommand is required");
    assertEquals(2, cli("pacs", "query").exitCode(), "--server is required");
    assertEquals(
        2, cli("pacs", "pull", "--server", "http://127.0.0.1:9", "--study", "x").exitCode());
    Run badDate = cli("pacs", "query", "--server", "http://127.0.0.1:9", "--date", "2024-01");
    assertEquals(2, badDate.exitCode());
    assertEquals(1, badDate.err().strip().lines().count(), badDate.err());
  }

  @Test
  void configuredServerIsFoundByName() {
    Run add = cli("pacs", "servers", "add", "main", "http://127.0.0.1:8042/dicom-web");
    assertEquals(0, add.exitCode(), add.err());
    Run list = cli("pacs", "servers");
    assertTrue(list.out().startsWith("main\thttp://127.0.0.1:8042/dicom-web\tnone"), list.out());
    Run missingSecret =
        cli("pacs", "query", "--server", "main", "--user", "u", "--password-env", "RADASSIST_NOPE");
    assertEquals(1, missingSecret.exitCode());
    assertTrue(missingSecret.err().contains("RADASSIST_NOPE is not set"), missingSecret.err());
  }
}
