package org.radassist.app.cli;

import java.util.Iterator;
import java.util.Locale;
import org.radassist.app.i18n.Messages;
import picocli.CommandLine;

/**
 * Reads {@code --lang}, the language of the workstation window for one start. Only the window
 * changes: the CLI and the logs stay English for the scripts and the support staff that read them.
 */
final class LanguageConverter implements CommandLine.ITypeConverter<Locale> {
  static final String DESCRIPTION =
      "Language of the workstation window: ${COMPLETION-CANDIDATES} (default: the one chosen in"
          + " its Settings, else the system's). The command line itself always speaks English.";

  /** The tags {@code --lang} takes, for its help and shell completion. */
  static final class Tags implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Messages.LANGUAGES.stream().map(Locale::toLanguageTag).iterator();
    }
  }

  @Override
  public Locale convert(String value) {
    return Messages.supported(value)
        .orElseThrow(
            () ->
                new CommandLine.TypeConversionException(
                    "'"
                        + value
                        + "' is not a language of the workstation ("
                        + String.join(", ", new Tags())
                        + ")"));
  }
}
