package org.radassist.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to what a test needs from outside the repository: {@code ../shared} and reference tools
 * (dcmtk, GDCM, Orthanc, python3-torch). On a user's clone a missing one skips the test with a
 * message saying what is missing; CI sets {@code RADASSIST_REQUIRE_EXTERNALS=1} so the same absence
 * fails the build instead of silently testing less.
 */
public final class Externals {
  private Externals() {}

  public static boolean required() {
    return "1".equals(System.getenv("RADASSIST_REQUIRE_EXTERNALS"));
  }

  /** Skips (or, in CI, fails) the calling test unless {@code available}. */
  public static void require(boolean available, String what) {
    if (available) {
      return;
    }
    String message = "needs " + what;
    if (required()) {
      fail(message + " (RADASSIST_REQUIRE_EXTERNALS=1 turns this skip into a failure)");
    }
    Assumptions.abort(message);
  }

  /** The shared data folder, from {@code -Dradassist.shared} or found as {@code ../shared}. */
  public static Optional<Path> sharedDir() {
    String configured = System.getProperty("radassist.shared");
    if (configured != null && Files.isDirectory(Path.of(configured))) {
      return Optional.of(Path.of(configured).toAbsolutePath().normalize());
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("data"))) {
        return Optional.of(candidate.normalize());
      }
    }
    return Optional.empty();
  }

  /** A path inside {@code ../shared}, e.g. {@code data/dicom}; skips or fails when absent. */
  public static Path shared(String relative) {
    Optional<Path> dir = sharedDir();
    Path path = dir.map(d -> d.resolve(relative)).orElse(null);
    require(path != null && Files.exists(path), "../shared/" + relative);
    return path;
  }

  /** An executable on PATH (or an absolute path); skips or fails when absent. */
  public static Path tool(String name) {
    Optional<Path> found = findTool(name);
    require(found.isPresent(), "the external tool '" + name + "' (see .ci/run for the package)");
    return found.get();
  }

  public static Optional<Path> findTool(String name) {
    if (name.startsWith("/")) {
      Path p = Path.of(name);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String pathEnv = System.getenv().getOrDefault("PATH", "");
    for (String dir : pathEnv.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
