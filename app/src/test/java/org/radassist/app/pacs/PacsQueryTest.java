package org.radassist.app.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.cli.RootCommand;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.web.DicomWebClient;
import org.radassist.dicom.web.DicomWebConfig;
import org.radassist.dicom.web.StoreResult;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.testsupport.OrthancServer;
import picocli.CommandLine;

/**
 * {@code radassist pacs query} against a real Orthanc as a reader relies on it: a list cut at the
 * limit says so, names in any script arrive as written whatever the locale, and a URL with a
 * password in it is refused without showing the password.
 */
class PacsQueryTest {
  @TempDir static Path tmp;
  static OrthancServer orthanc;

  @BeforeAll
  static void start() throws Exception {
    orthanc = OrthancServer.start();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      files.add(image("QUERY-MANY", "Many^Studies", null, "2023010" + (i + 1)));
    }
    files.add(image("QUERY-DE", "Müller^Jürgen", "ISO_IR 192", "20240119"));
    files.add(image("QUERY-JA", "=山田^太郎", "ISO_IR 192", "20240119"));
    StoreResult r = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWebUrl())).store(files);
    assertEquals(7, r.stored().size(), r.toString());
  }

  @AfterAll
  static void stop() {
    if (orthanc != null) {
      orthanc.close();
    }
  }

  /** One image in a study of its own. */
  private static Path image(String patientId, String name, String charset, String date)
      throws Exception {
    Attributes ds =
        DxImageBuilder.create()
            .patient("X", patientId, "19600101", "O")
            .study(Uids.generate(), "1", "ACC", "Query test")
            .series(Uids.generate(), 1, "PA")
            .instance(Uids.generate(), 1)
            .pixels(8, 8, 12, new int[64])
            .build();
    if (charset != null) {
      ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, charset);
    }
    ds.putString(Tag.PATIENT_NAME, VR.PN, name);
    ds.putString(Tag.STUDY_DATE, VR.DA, date);
    Path file = Files.createDirectories(tmp.resolve("in")).resolve(Uids.generate() + ".dcm");
    DicomWriter.write(file, ds);
    return file;
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run cli(String... args) {
    CommandLine cl = RootCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(withDataDir(args));
    return new Run(code, out.toString(), err.toString());
  }

  private static String[] withDataDir(String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", tmp.resolve("data").toString()));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  /**
   * A server that returns fewer matches than it has and says so (Warning 299, PS3.18 8.3.4.4) must
   * not look like a whole list: the reader would miss the patient's other studies. Orthanc never
   * caps that way, so a loopback server answers as such a PACS does.
   */
  @Test
  void aListTheServerCutItselfSaysSo() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/dicom-web/studies",
        exchange -> {
          byte[] json =
              ("[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.4\"]},"
                      + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"CAPPED\"]}}]")
                  .getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add(
                  "Warning",
                  "299 pacs.example: \"The fuzzymatching parameter is not supported. Only literal"
                      + " matching has been performed.\"");
          if (exchange.getRequestURI().getQuery().contains("CAPPED")) {
            exchange
                .getResponseHeaders()
                .add(
                    "Warning",
                    "299 pacs.example: \"The number of results exceeded the maximum supported by"
                        + " the server. Additional results can be requested.\"");
          }
          exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
          exchange.sendResponseHeaders(200, json.length);
          try (var body = exchange.getResponseBody()) {
            body.write(json);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web";
      Run run = cli("pacs", "query", "--server", url, "--patient-id", "CAPPED");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(1, run.out().strip().lines().count(), run.out());
      assertTrue(
          run.err().contains("the server sent 1 studies and says there are more"), run.err());
      assertTrue(run.err().contains("Additional results can be requested."), run.err());
      Run json = cli("pacs", "query", "--server", url, "--patient-id", "CAPPED", "--json");
      assertTrue(
          new ObjectMapper().readTree(json.out()).get(0).get("moreMatches").asBoolean(),
          json.out());
      // Another 299 notice says nothing of matches left out.
      Run whole = cli("pacs", "query", "--server", url, "--patient-id", "WHOLE");
      assertEquals(0, whole.exitCode(), whole.err());
      assertEquals("", whole.err().strip());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aListCutAtTheLimitSaysSo() throws Exception {
    String url = orthanc.dicomWebUrl();
    Run cut = cli("pacs", "query", "--server", url, "--patient-id", "QUERY-MANY", "--limit", "3");
    assertEquals(0, cut.exitCode(), cut.err());
    assertEquals(3, cut.out().strip().lines().count(), cut.out());
    assertEquals(
        "radassist: showing the first 3 studies; narrow the search or use --limit",
        cut.err().strip());

    Run json =
        cli(
            "pacs",
            "query",
            "--server",
            url,
            "--patient-id",
            "QUERY-MANY",
            "--limit",
            "3",
            "--json");
    JsonNode cutJson = new ObjectMapper().readTree(json.out());
    assertEquals(3, cutJson.size());
    assertTrue(cutJson.get(0).get("moreMatches").asBoolean(), json.out());

    Run all =
        cli(
            "pacs",
            "query",
            "--server",
            url,
            "--patient-id",
            "QUERY-MANY",
            "--limit",
            "5",
            "--json");
    assertEquals("", all.err());
    JsonNode allJson = new ObjectMapper().readTree(all.out());
    assertEquals(5, allJson.size());
    assertFalse(allJson.get(0).get("moreMatches").asBoolean(), all.out());

    for (String bad : List.of("0", "-1")) {
      Run r = cli("pacs", "query", "--server", url, "--limit", bad);
      assertEquals(2, r.exitCode(), r.err());
      assertEquals("radassist: --limit must be at least 1, was " + bad, r.err().strip());
    }
  }

  @Test
  void namesArriveInUtf8WhateverTheLocaleAndKanjiOnlyNamesAreShown() throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    // What Java gives System.out under LANG=C: an ASCII stream that writes '?' for other chars.
    System.setOut(new PrintStream(bytes, true, StandardCharsets.US_ASCII));
    try {
      code =
          RootCommand.commandLine()
              .execute(
                  withDataDir(
                      "pacs", "query", "--server", orthanc.dicomWebUrl(), "--date", "20240119"));
    } finally {
      System.setOut(saved);
    }
    String table = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, table);
    assertTrue(table.contains("\tQUERY-DE\tMüller^Jürgen\t"), table);
    assertTrue(table.contains("\tQUERY-JA\t=山田^太郎\t"), table);

    Run json =
        cli(
            "pacs",
            "query",
            "--server",
            orthanc.dicomWebUrl(),
            "--patient-id",
            "QUERY-JA",
            "--json");
    assertEquals("=山田^太郎", new ObjectMapper().readTree(json.out()).at("/0/patientName").asText());
  }

  @Test
  void aUrlWithAPasswordIsRefusedWithoutShowingIt() {
    String url = "http://alice:s3cr3t-Pw@127.0.0.1:9/dicom-web";
    for (Run r :
        List.of(
            cli("pacs", "query", "--server", url),
            cli("pacs", "pull", "--server", url, "--study", "1.2.3"),
            cli("pacs", "servers", "add", "main", url))) {
      assertEquals(2, r.exitCode(), r.err());
      assertEquals(
          "radassist: put credentials in the authentication settings, not in the URL",
          r.err().strip());
      assertFalse(r.err().contains("s3cr3t"));
    }
  }
}
