package org.radassist.app.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.radassist.inference.analysis.DeviceChoice;

/**
 * The reader's preferences, kept per user in {@code settings.properties} of the data folder: model,
 * device, inference threads, theme, colormap, heatmap opacity and outlines, language of the window.
 * Saved by writing a temporary file and moving it over the old one, so a crash never leaves half a
 * settings file.
 */
public final class Settings {
  static final String FILE_NAME = "settings.properties";

  private final Path file;
  private final Properties values = new Properties();

  private Settings(Path file) {
    this.file = file;
  }

  /** Loads the settings of this data folder; missing or unreadable files give the defaults. */
  public static Settings load(AppPaths paths) {
    Settings settings = new Settings(paths.root().resolve(FILE_NAME));
    if (Files.isRegularFile(settings.file)) {
      try (InputStream in = Files.newInputStream(settings.file)) {
        settings.values.load(in);
      } catch (IOException | IllegalArgumentException e) {
        settings.values.clear();
      }
    }
    return settings;
  }

  public void save() throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      values.store(out, "RadAssist settings");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Which model analyses images; automatic by body part unless the reader chose one. */
  public ModelChoice model() {
    return ModelChoice.parse(values.getProperty("model"), Workspace.builtinIds());
  }

  public void setModel(ModelChoice model) {
    put("model", model.key());
  }

  public DeviceChoice device() {
    try {
      return DeviceChoice.parse(values.getProperty("device", "auto"));
    } catch (IllegalArgumentException e) {
      return DeviceChoice.AUTO;
    }
  }

  public void setDevice(DeviceChoice device) {
    put("device", device.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Inference worker threads; 0 means the default for this machine's cores. */
  public int threads() {
    return intValue("threads", 0);
  }

  public void setThreads(int threads) {
    put("threads", String.valueOf(Math.max(0, threads)));
  }

  public String theme() {
    return values.getProperty("theme", "dark");
  }

  public void setTheme(String theme) {
    put("theme", theme);
  }

  /** The language tag the reader chose for the window ({@code es}), or blank for the system's. */
  public String language() {
    return values.getProperty("language", "");
  }

  public void setLanguage(String tag) {
    put("language", tag == null || tag.isBlank() ? null : tag);
  }

  public String colormap() {
    return values.getProperty("colormap", "inferno");
  }

  public void setColormap(String colormap) {
    put("colormap", colormap);
  }

  public double heatmapOpacity() {
    try {
      return Math.max(0, Math.min(1, Double.parseDouble(values.getProperty("opacity", "0.6"))));
    } catch (NumberFormatException e) {
      return 0.6;
    }
  }

  public void setHeatmapOpacity(double opacity) {
    put("opacity", String.valueOf(opacity));
  }

  /**
   * Whether heatmaps are outlined, a reader's way of reading them kept from one day to the next.
   */
  public boolean heatmapOutlines() {
    return Boolean.parseBoolean(values.getProperty("outlines", "false").trim());
  }

  public void setHeatmapOutlines(boolean outlines) {
    put("outlines", String.valueOf(outlines));
  }

  private int intValue(String key, int defaultValue) {
    try {
      return Integer.parseInt(values.getProperty(key, String.valueOf(defaultValue)).trim());
    } catch (NumberFormatException e) {
      return defaultValue;
    }
  }

  private void put(String key, String value) {
    if (value == null) {
      values.remove(key);
    } else {
      values.setProperty(key, value);
    }
  }
}
