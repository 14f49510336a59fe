package org.radassist.app.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisWriterTest {
  @TempDir Path out;

  /**
   * A batch killed at any point leaves a summary of every input it had finished: each checkpoint
   * rewrites it while that is cheap. Once a second, a kill left it up to 8 images behind what the
   * batch had printed and recorded.
   */
  @Test
  void aSummaryKeepsUpWithEveryImage() throws Exception {
    Files.createDirectories(out);
    AnalysisWriter writer = new AnalysisWriter(out);
    for (int k = 1; k <= 30; k++) {
      if (k % 2 == 0) {
        writer.failed("img" + k + ".dcm", "truncated");
      } else {
        writer.skipped("img" + k + ".dcm", "a CT slice");
      }
      writer.checkpoint();
      JsonNode summary = AnalysisWriter.JSON.readTree(out.resolve("summary.json").toFile());
      assertEquals(k, summary.get("images").size(), "after image " + k);
      assertFalse(summary.get("complete").asBoolean());
    }
  }
}
