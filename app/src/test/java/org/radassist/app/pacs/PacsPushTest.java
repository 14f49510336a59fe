package org.radassist.app.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.cli.RootCommand;
import org.radassist.dicom.web.DicomWebClient;
import org.radassist.dicom.web.DicomWebConfig;
import org.radassist.testsupport.Externals;
import org.radassist.testsupport.OrthancServer;
import org.radassist.testsupport.SyntheticStudy;
import picocli.CommandLine;

/**
 * {@code radassist pacs push} of folders as sites have them (a patient CD with its DICOMDIR, a
 * README, a damaged file) to a real Orthanc: every good file arrives, every other one is named with
 * its reason on stderr, and only real failures make the exit code 1.
 */
class PacsPushTest {
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

  private static int instancesOn(OrthancServer orthanc, String studyUid) throws Exception {
    return new DicomWebClient(DicomWebConfig.of(orthanc.dicomWebUrl()))
        .searchInstances(studyUid)
        .size();
  }

  private static List<String> lines(String s) {
    return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\n"));
  }

  @Test
  void aCdFolderIsPushedWithoutItsDicomdirAndReadme() throws Exception {
    Path dcmmkdir = Externals.tool("dcmmkdir");
    Path cd = Files.createDirectories(tmp.resolve("cd"));
    SyntheticStudy study = SyntheticStudy.write(tmp.resolve("study"), "PUSH-CD", "20240601", 2);
    List<String> mkdir = new ArrayList<>(List.of(dcmmkdir.toString(), "--invent", "+id", "."));
    for (int i = 0; i < 2; i++) {
      String name = "IMG" + (i + 1);
      Files.copy(study.files().get(i), cd.resolve(name));
      mkdir.add(name);
    }
    Process p = new ProcessBuilder(mkdir).directory(cd.toFile()).redirectErrorStream(true).start();
    String made = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), made);
    assertTrue(Files.isRegularFile(cd.resolve("DICOMDIR")), made);
    Files.writeString(cd.resolve("README.TXT"), "Patient CD. Insert and wait.\n");

    try (OrthancServer orthanc = OrthancServer.start()) {
      Run push = cli("pacs", "push", "--server", orthanc.dicomWebUrl(), cd.toString());
      assertEquals(0, push.exitCode(), push.err());
      assertTrue(push.out().contains("2 instance(s) stored, 0 failed, 2 skipped"), push.out());
      List<String> err = lines(push.err());
      assertEquals(2, err.size(), push.err());
      assertTrue(
          err.contains(
              "radassist: skipped "
                  + cd.resolve("DICOMDIR")
                  + ": a DICOMDIR (the"
                  + " directory of a CD), not an instance"),
          push.err());
      assertTrue(
          err.contains("radassist: skipped " + cd.resolve("README.TXT") + ": not a DICOM file"),
          push.err());
      assertEquals(2, instancesOn(orthanc, study.studyInstanceUid()));
    }
  }

  @Test
  void damagedFilesAreNamedAndTheOthersStillArrive() throws Exception {
    SyntheticStudy study = SyntheticStudy.write(tmp.resolve("folder"), "PUSH-BAD", "20240602", 3);
    Path folder = study.files().get(0).getParent();
    Path corrupt = folder.resolve("a_corrupt.dcm");
    byte[] garbage = new byte[128 + 4 + 230];
    System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, garbage, 128, 4);
    Arrays.fill(garbage, 132, garbage.length, (byte) 'g');
    Files.write(corrupt, garbage);
    Path truncated = folder.resolve("b_truncated.dcm");
    byte[] whole = Files.readAllBytes(study.files().get(0));
    Files.write(truncated, Arrays.copyOf(whole, whole.length - 500));
    Files.writeString(folder.resolve("notes.txt"), "to do: push these\n");

    try (OrthancServer orthanc = OrthancServer.start()) {
      Run push = cli("pacs", "push", "--server", orthanc.dicomWebUrl(), folder.toString());
      assertEquals(1, push.exitCode(), push.err());
      assertTrue(push.out().contains("3 instance(s) stored, 2 failed, 1 skipped"), push.out());
      List<String> err = lines(push.err());
      assertEquals(3, err.size(), push.err());
      assertTrue(
          err.stream().anyMatch(l -> l.startsWith("radassist: not stored " + corrupt + ": ")),
          push.err());
      assertTrue(
          err.stream()
              .anyMatch(
                  l ->
                      l.startsWith("radassist: not stored " + truncated + ": damaged: ")
                          && l.contains("(7FE0,0010)")),
          push.err());
      assertTrue(
          err.contains("radassist: skipped " + folder.resolve("notes.txt") + ": not a DICOM file"));
      assertEquals(3, instancesOn(orthanc, study.studyInstanceUid()));
      for (Path f : study.files()) {
        assertTrue(push.out().contains("stored\t" + f), push.out());
      }
    }
  }

  @Test
  void anInstanceThePacsRefusesCostsOnlyThatInstance() throws Exception {
    SyntheticStudy study = SyntheticStudy.write(tmp.resolve("many"), "PUSH-60", "20240603", 60);
    Path folder = study.files().get(0).getParent();
    // Garbage after the pixel data: our header check passes it, Orthanc's parser refuses it, and
    // it sorts first, into the first batch of 50.
    SyntheticStudy other = SyntheticStudy.write(tmp.resolve("other"), "PUSH-X", "20240603", 1);
    Path refused = folder.resolve("a_refused.dcm");
    Files.copy(other.files().get(0), refused);
    Files.write(
        refused,
        new byte[] {
          (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'U', 'N', 0, 0, -16, -1, -1, -1
        },
        StandardOpenOption.APPEND);

    try (OrthancServer orthanc = OrthancServer.start()) {
      Run push = cli("pacs", "push", "--server", orthanc.dicomWebUrl(), folder.toString());
      assertEquals(1, push.exitCode(), push.err());
      assertTrue(push.out().contains("60 instance(s) stored, 1 failed, 0 skipped"), push.out());
      List<String> err = lines(push.err());
      assertEquals(1, err.size(), push.err());
      assertTrue(
          err.get(0).startsWith("radassist: not stored " + refused + ": the PACS"), push.err());
      assertFalse(push.err().contains("Exception"), push.err());
      assertEquals(60, instancesOn(orthanc, study.studyInstanceUid()));
    }
  }
}
