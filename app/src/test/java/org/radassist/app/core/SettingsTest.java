package org.radassist.app.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;

  /** How a reader shows the AI comes back at the next start, and a new user starts plain. */
  @Test
  void theWayTheAiIsShownIsKept() throws Exception {
    AppPaths paths = AppPaths.of(dir);
    Settings fresh = Settings.load(paths);
    assertFalse(fresh.heatmapOutlines(), "outlines are off for a new user");
    fresh.setHeatmapOutlines(true);
    fresh.setHeatmapOpacity(0.1);
    fresh.setColormap("turbo");
    fresh.save();
    Settings again = Settings.load(paths);
    assertTrue(again.heatmapOutlines());
    assertEquals(0.1, again.heatmapOpacity(), 1e-9);
    assertEquals("turbo", again.colormap());
  }
}
