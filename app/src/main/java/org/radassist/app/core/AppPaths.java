package org.radassist.app.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user's data folder and what lives in it. Chosen, in order, from an explicit {@code
 * --data-dir}, {@code RADASSIST_HOME}, {@code $XDG_DATA_HOME/radassist}, {@code
 * ~/.local/share/radassist}; everything RadAssist writes on its own (logs, models, sample study,
 * cache, database) stays inside it so patient data never leaves a place the user knows.
 */
public final class AppPaths {
  /** System property logback.xml reads for the rolling log file's folder. */
  public static final String LOG_DIR_PROPERTY = "radassist.logDir";

  private final Path root;

  private AppPaths(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public static AppPaths of(Path root) {
    return new AppPaths(root);
  }

  /** The default location for this user, honouring {@code RADASSIST_HOME} and XDG. */
  public static AppPaths userDefault() {
    String home = System.getenv("RADASSIST_HOME");
    if (home != null && !home.isBlank()) {
      return new AppPaths(Path.of(home));
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return new AppPaths(Path.of(xdg, "radassist"));
    }
    return new AppPaths(Path.of(System.getProperty("user.home"), ".local", "share", "radassist"));
  }

  /**
   * Points logging at this folder. Must run before the first logger is created, because logback
   * reads the property once at start-up.
   */
  public AppPaths configureLogging() {
    if (System.getProperty(LOG_DIR_PROPERTY) == null) {
      System.setProperty(LOG_DIR_PROPERTY, logs().toString());
    }
    return this;
  }

  public Path root() {
    return root;
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path models() {
    return root.resolve("models");
  }

  public Path samples() {
    return root.resolve("samples");
  }

  public Path cache() {
    return root.resolve("cache");
  }

  /** Creates {@code dir} if needed, with a message that names the folder when that fails. */
  public static Path ensure(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      String problem = dir + " is a file; a folder is needed there";
      throw new UncheckedIOException(problem, new IOException(problem));
    }
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create folder " + dir + ": " + e.getMessage(), e);
    }
  }
}
