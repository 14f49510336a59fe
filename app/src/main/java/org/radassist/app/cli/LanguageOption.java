package org.radassist.app.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --lang}, taken by {@code radassist} and {@code radassist open}: both start the window, and
 * the option reads the same whichever way it was started.
 */
final class LanguageOption {
  @Option(
      names = "--lang",
      paramLabel = "LANG",
      converter = LanguageConverter.class,
      completionCandidates = LanguageConverter.Tags.class,
      description = LanguageConverter.DESCRIPTION)
  Locale language;
}
