package org.radassist.app.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The workstation's texts from the ui-assets bundle, formatted for the language in use. Every text
 * goes through {@link MessageFormat}, with or without arguments, so a single quote is written the
 * same way ({@code ''}) in every entry.
 */
public final class Messages {
  static final String BUNDLE = "org.radassist.ui.i18n.messages";

  /** The languages the bundle has, English (the base file) first. */
  public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

  private static final Locale SYSTEM = Locale.getDefault();

  /** The texts in use and the locale their numbers are written in. */
  private record InUse(ResourceBundle bundle, Locale numbers) {}

  private static volatile InUse inUse = inUse(SYSTEM);

  private Messages() {}

  /**
   * The bundle for {@code language}, or the English base when there is none: never the system's
   * language, which the standard fallback would give a reader who chose English on a Spanish
   * system.
   */
  private static ResourceBundle load(Locale language) {
    return ResourceBundle.getBundle(
        BUNDLE,
        language,
        Messages.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /**
   * Numbers follow the language asked for when the bundle speaks it (so es-MX keeps its decimal
   * point), and English otherwise, so an English text never shows, say, French decimal commas.
   */
  private static InUse inUse(Locale language) {
    ResourceBundle texts = load(language);
    boolean spoken = texts.getLocale().getLanguage().equals(language.getLanguage());
    return new InUse(texts, spoken ? language : Locale.ENGLISH);
  }

  /** Texts from now on are in {@code language} (English where the bundle lacks it). */
  public static void use(Locale language) {
    inUse = inUse(language);
  }

  /** The JVM's language when the application started, before any choice was applied. */
  public static Locale system() {
    return SYSTEM;
  }

  /**
   * The language to use: the one given on the command line, else the one saved in the settings (a
   * language tag, blank for the system's), else the system's.
   */
  public static Locale choose(Locale commandLine, String saved) {
    if (commandLine != null) {
      return commandLine;
    }
    return supported(saved).orElse(SYSTEM);
  }

  /**
   * The locale a tag names ({@code es}, {@code es-MX}, {@code es_MX}, {@code en}) when the bundle
   * has its language; a region is kept, since it decides how numbers are written.
   */
  public static Optional<Locale> supported(String tag) {
    if (tag == null || tag.isBlank()) {
      return Optional.empty();
    }
    Locale named = Locale.forLanguageTag(tag.strip().replace('_', '-'));
    return LANGUAGES.stream().anyMatch(l -> l.getLanguage().equals(named.getLanguage()))
        ? Optional.of(named)
        : Optional.empty();
  }

  /** A language's name in that language, e.g. "Español", as a reader looks for it. */
  public static String nativeName(Locale language) {
    String name = language.getDisplayName(language);
    return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(language) + name.substring(1);
  }

  /** The locale numbers are written in, for numbers a text shows without a pattern. */
  public static Locale numbers() {
    return inUse.numbers();
  }

  /** The text of {@code key}. */
  public static String text(String key) {
    return format(key);
  }

  /** The text of {@code key} with its {@code {0}}, {@code {1}}... filled in. */
  public static String format(String key, Object... arguments) {
    InUse current = inUse;
    return new MessageFormat(current.bundle().getString(key), current.numbers()).format(arguments);
  }
}
