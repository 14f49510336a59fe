package org.radassist.app.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ChoiceFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundles in ui-assets against the code that uses them: every key the code names is in every
 * language, every language has exactly the English keys, and every text is a MessageFormat pattern
 * that formats, with no quote MessageFormat would swallow.
 */
class MessagesTest {
  private static final Path SOURCES = Path.of("src/main/java");

  /**
   * A dotted literal in a file that uses Messages whose first part starts a bundle key ("menu",
   * "status"...) is a key, wherever it is written: in a call, a ternary or a switch.
   */
  private static final Pattern KEY = Pattern.compile("\"([a-z][a-zA-Z0-9]*(?:\\.[a-zA-Z0-9]+)+)\"");

  @AfterEach
  void backToTheSystemLanguage() {
    Messages.use(Messages.system());
  }

  @Test
  void everyLanguageHasExactlyTheEnglishKeys() throws IOException {
    Set<String> english = load(Locale.ENGLISH).stringPropertyNames();
    assertFalse(english.isEmpty());
    for (Locale language : Messages.LANGUAGES) {
      Set<String> keys = load(language).stringPropertyNames();
      Set<String> missing = new TreeSet<>(english);
      missing.removeAll(keys);
      Set<String> extra = new TreeSet<>(keys);
      extra.removeAll(english);
      assertTrue(missing.isEmpty(), language + " lacks " + missing);
      assertTrue(extra.isEmpty(), language + " has keys English has not: " + extra);
    }
  }

  @Test
  void everyKeyTheCodeUsesIsInEveryLanguageAndEveryKeyIsUsed() throws IOException {
    Set<String> sections = new TreeSet<>();
    load(Locale.ENGLISH).stringPropertyNames().forEach(k -> sections.add(k.split("\\.")[0]));
    Map<String, List<String>> used = keysInCode(sections);
    assertTrue(used.size() > 100, "the scan finds the keys: " + used.size());
    for (Locale language : Messages.LANGUAGES) {
      Set<String> keys = load(language).stringPropertyNames();
      Map<String, List<String>> missing = new TreeMap<>(used);
      missing.keySet().removeAll(keys);
      assertTrue(missing.isEmpty(), language + " lacks keys the code uses: " + missing);
    }
    Set<String> unused = new TreeSet<>(load(Locale.ENGLISH).stringPropertyNames());
    unused.removeAll(used.keySet());
    assertTrue(unused.isEmpty(), "texts no code shows: " + unused);
  }

  @Test
  void everyTextIsAPatternThatFormatsTheSameArgumentsInEveryLanguage() throws IOException {
    Properties english = load(Locale.ENGLISH);
    List<String> problems = new ArrayList<>();
    for (Locale language : Messages.LANGUAGES) {
      Properties texts = load(language);
      for (String key : new TreeSet<>(texts.stringPropertyNames())) {
        String pattern = texts.getProperty(key);
        if (pattern.replace("''", "").contains("'")) {
          problems.add(language + " " + key + ": a lone ' (MessageFormat drops it; write '')");
          continue;
        }
        try {
          MessageFormat format = new MessageFormat(pattern, language);
          List<String> kinds = argumentKinds(format);
          List<String> englishKinds =
              argumentKinds(new MessageFormat(english.getProperty(key), Locale.ENGLISH));
          if (!kinds.equals(englishKinds)) {
            problems.add(
                language + " " + key + ": arguments " + kinds + ", English " + englishKinds);
          }
          for (double n : new double[] {0, 1, 2, 1234.5}) {
            String text = format.format(sample(kinds, n));
            if (text.contains("{") || text.contains("}")) {
              problems.add(language + " " + key + ": unfilled placeholder in '" + text + "'");
            }
          }
        } catch (IllegalArgumentException e) {
          problems.add(language + " " + key + ": " + e.getMessage());
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void bundlesAreUtf8() throws IOException {
    for (Locale language : Messages.LANGUAGES) {
      byte[] bytes = bytes(language);
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes));
      } catch (CharacterCodingException e) {
        throw new AssertionError(
            language + ": not UTF-8, Java would read it as ISO-8859-1 and garble accents", e);
      }
    }
  }

  @Test
  void pluralsAreSaidInEachLanguage() {
    Messages.use(Locale.ENGLISH);
    assertEquals("1 image opened", Messages.format("status.open.done", 1));
    assertEquals("3 images opened", Messages.format("status.open.done", 3));
    assertEquals("0 images opened", Messages.format("status.open.done", 0));
    assertEquals("Memory 1234 / 4096 MB", Messages.format("status.memory", 1234, 4096));
    Messages.use(Locale.forLanguageTag("es"));
    assertEquals("1 imagen abierta", Messages.format("status.open.done", 1));
    assertEquals("3 imágenes abiertas", Messages.format("status.open.done", 3));
    assertEquals(
        "Análisis completado: 2 hallazgos en 41 ms",
        Messages.format("status.analysis.done", 2, 41.2));
    assertEquals("12,5 mm", Messages.format("measure.lengthMm", 12.5));
    assertEquals("El análisis falló: x", Messages.format("status.analysis.failed", "x"));
  }

  @Test
  void aChosenLanguageWinsOverTheSystemsAndEnglishIsNeverReplacedByIt() {
    Locale spanish = Locale.forLanguageTag("es");
    assertEquals(spanish, Messages.choose(spanish, "en"), "the command line wins");
    assertEquals(Locale.ENGLISH, Messages.choose(null, "en"), "then the settings");
    assertEquals(Messages.system(), Messages.choose(null, ""), "then the system's");
    assertEquals(Messages.system(), Messages.choose(null, "tlh"), "an unknown one is ignored");
    assertEquals(Locale.forLanguageTag("es-MX"), Messages.supported("es_MX").orElseThrow());
    assertTrue(Messages.supported("fr").isEmpty());

    // The standard fallback would give English readers on a Spanish system Spanish texts.
    Locale system = Locale.getDefault();
    try {
      Locale.setDefault(spanish);
      Messages.use(Locale.ENGLISH);
      assertEquals("File", Messages.text("menu.file"));
      Messages.use(Locale.FRENCH);
      assertEquals("File", Messages.text("menu.file"), "a language without a bundle is English");
      assertEquals("12.5 mm", Messages.format("measure.lengthMm", 12.5), "with its numbers");
    } finally {
      Locale.setDefault(system);
    }
    Messages.use(Locale.forLanguageTag("es-MX"));
    assertEquals("Archivo", Messages.text("menu.file"));
    assertEquals("12.5 mm", Messages.format("measure.lengthMm", 12.5), "Mexico's decimal point");
    assertEquals("Español", Messages.nativeName(spanish));
  }

  private static List<String> argumentKinds(MessageFormat format) {
    List<String> kinds = new ArrayList<>();
    for (Format f : format.getFormatsByArgumentIndex()) {
      kinds.add(f instanceof NumberFormat || f instanceof ChoiceFormat ? "number" : "text");
    }
    return kinds;
  }

  /** Arguments for a pattern: {@code n} where it takes a number, a word where it takes text. */
  private static Object[] sample(List<String> kinds, double n) {
    Object[] arguments = new Object[kinds.size()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = kinds.get(i).equals("number") ? (Object) n : "CHEST";
    }
    return arguments;
  }

  private static Map<String, List<String>> keysInCode(Set<String> sections) throws IOException {
    Map<String, List<String>> keys = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        if (!source.contains("Messages.")) {
          continue;
        }
        Matcher m = KEY.matcher(source);
        while (m.find()) {
          if (!sections.contains(m.group(1).split("\\.")[0])) {
            continue;
          }
          keys.computeIfAbsent(m.group(1), k -> new ArrayList<>())
              .add(file.getFileName().toString());
        }
      }
    }
    return keys;
  }

  private static Properties load(Locale language) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(new String(bytes(language), StandardCharsets.UTF_8)));
    return p;
  }

  private static byte[] bytes(Locale language) throws IOException {
    String suffix = language.equals(Locale.ENGLISH) ? "" : "_" + language.getLanguage();
    String name = "/" + Messages.BUNDLE.replace('.', '/') + suffix + ".properties";
    try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
      assertTrue(in != null, "no bundle " + name);
      return in.readAllBytes();
    }
  }
}
