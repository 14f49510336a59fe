package org.radassist.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.RadAssist;
import org.radassist.app.session.Fixtures;
import org.radassist.app.session.ReadingService;
import org.radassist.dicom.image.DicomImage;

/** {@code review export} as a user meets its failures: exit code and the one line on stderr. */
class ReviewExportCommandTest {
  @TempDir Path tmp;
  private Path data;
  private DicomImage image;

  private record Run(int exitCode, String out, String err) {}

  @BeforeEach
  void analyse() throws Exception {
    image = Fixtures.image(Files.createDirectories(tmp.resolve("in")), "a.dcm");
    data = tmp.resolve("data");
    try (ReadingService service = ReadingService.open(data)) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), null);
    }
  }

  private Run export(String study, String format, String out) {
    var cl = RootCommand.commandLine();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cl.setOut(new PrintWriter(o));
    cl.setErr(new PrintWriter(e));
    int code =
        cl.execute(
            "--data-dir",
            data.toString(),
            "review",
            "export",
            "--study",
            study,
            "--format",
            format,
            "--out",
            out);
    return new Run(code, o.toString(), e.toString());
  }

  @Test
  void anotherPatientsFileAtTheAnalysedPathFailsWithOneLineAndWritesNothing() throws Exception {
    DicomImage other = Fixtures.image(Files.createDirectories(tmp.resolve("b")), "b.dcm");
    Files.copy(other.path(), image.path(), StandardCopyOption.REPLACE_EXISTING);
    for (String format : new String[] {"sr", "sc", "pdf"}) {
      Path out = tmp.resolve("x." + format);
      Run r = export(image.studyInstanceUid(), format, out.toString());
      assertEquals(1, r.exitCode(), format + " is a failure, not bad usage: " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(
          r.err()
              .startsWith(
                  "radassist: "
                      + image.path()
                      + " no longer holds the analysed image (its SOP Instance UID differs); "),
          r.err());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void emptyStudyOrFileIsBadUsage() throws Exception {
    Run noOut = export(image.studyInstanceUid(), "sc", "");
    assertEquals(2, noOut.exitCode(), noOut.err());
    assertEquals("radassist: the file to export to is empty; give its name", noOut.err().strip());
    Run noStudy = export("", "sr", tmp.resolve("x.sr").toString());
    assertEquals(2, noStudy.exitCode(), noStudy.err());
    assertEquals("radassist: the study UID to export is empty", noStudy.err().strip());
  }

  @Test
  void permissionDeniedSaysSoAndNamesTheFileAskedFor() {
    // sysfs refuses new files with EACCES even to root, where a read-only folder would not.
    Path sys = Path.of("/sys");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(sys), "needs Linux /sys");
    for (String format : new String[] {"sr", "sc", "pdf", "json"}) {
      String out = "/sys/radassist-test." + format;
      Run r = export(image.studyInstanceUid(), format, out);
      assertEquals(1, r.exitCode(), r.err());
      assertEquals("radassist: cannot write " + out + ": permission denied", r.err().strip());
    }
  }

  @Test
  void anUnwritableDataFolderIsOneLineOnStderrAndNothingOnStdout() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                RadAssist.class.getName(),
                "--data-dir",
                "/sys/radassist-no-such-folder",
                "review",
                "list",
                "--study",
                "1.2.3")
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), err);
    assertEquals("", out, "logback's status report reached stdout");
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.contains("/sys/radassist-no-such-folder"), err);
  }
}
