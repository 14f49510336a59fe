package org.radassist.app.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Which model analyses an image: automatically the built-in model made for the body part the image
 * shows, one built-in model by id, or a package folder or zip the reader brought. Written as {@code
 * auto}, {@code builtin:ID} or a path in settings and on the command line.
 */
public sealed interface ModelChoice {
  String BUILTIN_PREFIX = "builtin:";

  /** The built-in model made for the image's body part. */
  record Automatic() implements ModelChoice {
    @Override
    public String key() {
      return "auto";
    }
  }

  /** One built-in model, whatever the image shows. */
  record Builtin(String id) implements ModelChoice {
    @Override
    public String key() {
      return BUILTIN_PREFIX + id;
    }
  }

  /** A model package folder or zip. */
  record Package(Path path) implements ModelChoice {
    @Override
    public String key() {
      return path.toString();
    }
  }

  ModelChoice AUTOMATIC = new Automatic();

  /** How the choice is written in settings and accepted by {@code --model}. */
  String key();

  /**
   * Reads {@code auto}, {@code builtin:ID}, a path, or a bare built-in id where no such path
   * exists; blank is automatic.
   */
  static ModelChoice parse(String text, Set<String> builtinIds) {
    if (text == null || text.isBlank() || text.trim().toLowerCase(Locale.ROOT).equals("auto")) {
      return AUTOMATIC;
    }
    String t = text.trim();
    if (t.startsWith(BUILTIN_PREFIX)) {
      return new Builtin(t.substring(BUILTIN_PREFIX.length()));
    }
    if (builtinIds.contains(t) && !Files.exists(Path.of(t))) {
      return new Builtin(t);
    }
    return new Package(Path.of(t));
  }
}
