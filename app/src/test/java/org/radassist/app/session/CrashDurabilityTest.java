package org.radassist.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.session.store.ReadingStore;
import org.radassist.dicom.image.DicomImage;

/**
 * Kills a process that is writing decisions with SIGKILL ({@link Process#destroyForcibly()} on
 * Linux, what {@code kill -9} sends) at a random confirmed decision, again and again, and checks
 * after each kill that the database opens, passes SQLite's integrity check, and holds every
 * decision the process had confirmed.
 */
class CrashDurabilityTest {
  private static final int KILLS = 20;

  @TempDir Path dir;

  @Test
  void everyConfirmedDecisionSurvivesKillNine() throws Exception {
    Path data = dir.resolve("data");
    DicomImage image = Fixtures.image(dir, "a.dcm");
    try (ReadingService service = ReadingService.open(data)) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), null);
    }
    Random random = new Random(7);
    List<Long> confirmed = new ArrayList<>();
    long committedButUnconfirmed = 0;
    long storedBefore = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      int target = 1 + random.nextInt(60);
      Process child = start(data, image.studyInstanceUid());
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        int seen = 0;
        String line;
        while (seen < target && (line = out.readLine()) != null) {
          if (line.startsWith("CONFIRMED ")) {
            confirmed.add(Long.parseLong(line.substring("CONFIRMED ".length())));
            seen++;
          }
        }
        assertEquals(target, seen, "the writer stopped before it was killed");
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
      }
      try (ReadingStore store = ReadingStore.open(data)) {
        assertEquals("ok", store.database().integrityCheck(), "after kill " + kill);
        for (long id : confirmed) {
          assertTrue(
              store.decisions().contains(id), "confirmed decision " + id + " lost at kill " + kill);
        }
        long stored = store.decisions().count();
        assertTrue(stored >= confirmed.size());
        committedButUnconfirmed += stored - storedBefore - target;
        storedBefore = stored;
      }
    }
    System.out.printf(
        "kill -9 loop: %d kills, %d confirmed decisions all present, %d more committed"
            + " but killed before the confirmation was read%n",
        KILLS, confirmed.size(), committedButUnconfirmed);
  }

  private Process start(Path data, String study) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Dradassist.logDir=" + dir.resolve("logs"),
            "-cp",
            System.getProperty("java.class.path"),
            DecisionWriter.class.getName(),
            data.toString(),
            study)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
