package org.radassist.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.SampleStudy;
import picocli.CommandLine;

class InspectCommandTest {
  @TempDir Path tmp;

  private static String[] run(int expectedExit, String... args) {
    CommandLine cl = RootCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err, true));
    assertEquals(expectedExit, cl.execute(args));
    return new String[] {out.toString(), err.toString()};
  }

  @Test
  void reportsTagsAndOneHashPerFrameOfTheSample() throws Exception {
    Path file = SampleStudy.create(tmp).file();
    JsonNode report = new ObjectMapper().readTree(run(0, "inspect", file.toString(), "--json")[0]);
    assertEquals("DX", report.get("modality").asText());
    assertEquals(SampleStudy.ROWS, report.get("rows").asInt());
    assertEquals(1, report.get("frameHashes").size());
    assertEquals(64, report.at("/frameHashes/0").asText().length());
    assertTrue(report.get("tags").size() > 10);
  }

  @Test
  void anUnreadableFileGivesItsErrorAndExitCodeOne() throws Exception {
    Path bad = Files.write(tmp.resolve("bad.dcm"), new byte[] {1, 2, 3});
    String[] outErr = run(1, "inspect", bad.toString(), "--json");
    JsonNode report = new ObjectMapper().readTree(outErr[0]);
    assertEquals(bad.toString(), report.get("file").asText());
    assertTrue(!report.get("error").asText().isBlank());
    assertEquals(
        "radassist: " + bad + ": " + report.get("error").asText() + "\n",
        outErr[1].replace("\r\n", "\n"),
        "the same reason, one line on stderr");
  }

  @Test
  void withoutJsonTheSameReportIsReadableText() throws Exception {
    Path file = SampleStudy.create(tmp).file();
    String text = run(0, "inspect", file.toString())[0];
    assertTrue(text.contains("modality: DX\n"), text);
    assertTrue(text.contains("rows: " + SampleStudy.ROWS + "\n"), text);
    assertTrue(text.contains("\n  Modality: DX\n"), "tags indented under 'tags:': " + text);
  }
}
