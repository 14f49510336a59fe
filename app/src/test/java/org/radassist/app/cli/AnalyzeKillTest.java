package org.radassist.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.RadAssist;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;

/**
 * Kills {@code analyze} with SIGKILL in the middle of a folder and checks that what it had done is
 * still said: {@code summary.json} is whole, marked incomplete, and every result it lists is there.
 */
class AnalyzeKillTest {
  private static final int FILMS = 60;

  @TempDir Path dir;

  @Test
  void aBatchKilledHalfwayLeavesAWholeSummaryOfWhatItDid() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    for (int i = 0; i < FILMS; i++) {
      int[] pixels = new int[1024 * 1024];
      for (int k = 0; k < pixels.length; k++) {
        pixels[k] = (k % 1024 + i * 7) % 4096;
      }
      DicomWriter.write(
          in.resolve("film" + i + ".dcm"),
          DxImageBuilder.create()
              .study(Uids.generate(), "S1", "A1", "")
              .series(Uids.generate(), 1, "")
              .instance(Uids.generate(), 1)
              .pixels(1024, 1024, 12, pixels)
              .build());
    }
    Path out = dir.resolve("out");
    Path summary = out.resolve("summary.json");
    Process child = start(in, out);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(summary) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(child.isAlive(), "analyze ended before the first summary was written");
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL");

    JsonNode s = new ObjectMapper().readTree(summary.toFile());
    assertFalse(s.get("complete").asBoolean(), "a killed batch is not marked complete");
    int listed = s.get("images").size();
    assertTrue(listed > 0 && listed < FILMS, listed + " of " + FILMS + " listed");
    for (JsonNode entry : s.get("images")) {
      assertTrue(Files.exists(out.resolve(entry.get("result").asText())), entry.toString());
    }
  }

  private Process start(Path in, Path out) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Dai.djl.offline=true",
            "-cp",
            System.getProperty("java.class.path"),
            RadAssist.class.getName(),
            "--data-dir",
            dir.resolve("data").toString(),
            "analyze",
            in.toString(),
            "--out",
            out.toString(),
            "--no-record")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
