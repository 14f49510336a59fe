package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No words for the reader are written in the window's code: they come from the bundle in the
 * reader's language. Reads the sources of the workstation, the PACS panels it opens and the window
 * presets it names, and lists every literal that looks like language.
 */
class NoLiteralTextTest {
  private static final Path APP = Path.of("src/main/java/org/radassist/app");

  /** Calls whose first argument the reader sees. */
  private static final Pattern SHOWN =
      Pattern.compile(
          "(?:new\\s+(?:Label|Button|MenuItem|Menu|CheckBox|RadioButton|ToggleButton|Hyperlink"
              + "|Tab|TitledPane|Tooltip|Text|TreeItem<[^>]*>|TableColumn<[^>]*>)"
              + "|\\b(?:setText|setTitle|setHeaderText|setContentText|setPromptText|setPlaceholder"
              + "|message|updateMessage|addFailure|notAnalysed|item|keyed|column))"
              + "\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Two words side by side, or one capitalised word standing alone: language. */
  private static final Pattern PROSE =
      Pattern.compile("\\p{L}{2,}\\s+\\p{L}{2,}|^\\p{Lu}\\p{Ll}+[.:…]?$");

  /** Literals that look like language and are not the reader's, and why. */
  private static final Map<String, String> ALLOWED =
      Map.ofEntries(
          Map.entry(
              "SecondReadPanel.java: Start blinded read",
              "a task title: only the log shows it, and the log stays English"),
          Map.entry("SecondReadPanel.java: Reveal AI", "a task title for the log"),
          Map.entry("SecondReadPanel.java: Finish read", "a task title for the log"),
          Map.entry("MainWindow.java: Esc", "a key name, the same in every language"),
          Map.entry("WorkstationMenus.java: Esc", "a key name, the same in every language"),
          Map.entry(
              "WorkstationApp.java: radassist: no display to open the workstation on (DISPLAY and"
                  + " WAYLAND_DISPLAY are",
              "the launcher's stderr, English like the CLI: there is no window to show it in"),
          Map.entry(
              "WorkstationApp.java:  unset); the CLI works without one, see radassist --help",
              "the launcher's stderr, English like the CLI"),
          Map.entry(
              "WorkstationApp.java: the workstation window needs GTK 3, which this system lacks"
                  + " (Debian/Ubuntu: apt install",
              "the launcher's stderr: the window could not open to show it"),
          Map.entry(
              "WorkstationApp.java:  libgtk-3-0; desktop systems have it); the CLI works without"
                  + " it, see radassist --help",
              "the launcher's stderr"),
          Map.entry("WorkstationApp.java: Linux", "an os.name value"),
          Map.entry("WorkstationApp.java: Monocle", "a glass.platform value"),
          Map.entry(
              "Themes.java: No theme '",
              "a programming error: the themes offered are the ones ui-assets ships"),
          Map.entry("Themes.java: ' in ui-assets", "the same programming error"),
          Map.entry(
              "ViewerLayout.java: Unsupported layout ",
              "a programming error: the menu offers only the grids the layout has"),
          Map.entry(
              "SettingsDialog.java: the choice is not editable",
              "a programming error: the choice boxes take no typing"),
          Map.entry(
              "AddServerDialog.java: the choice is not editable",
              "a programming error: the choice box takes no typing"),
          Map.entry(
              "PacsQueryPanel.java: no PACS server is configured",
              "the log's words for it; the panel shows pacs.addServerFirst instead"));

  @Test
  void theWindowsCodeHoldsNoWordsForTheReader() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> workstation = Files.list(APP.resolve("workstation"))) {
      workstation.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
    }
    files.add(APP.resolve("pacs/PacsQueryPanel.java"));
    files.add(APP.resolve("pacs/AddServerDialog.java"));
    files.add(APP.resolve("render/WindowPresets.java"));
    assertTrue(files.size() > 20, "the scan reads the workstation: " + files);

    TreeSet<String> found = new TreeSet<>();
    TreeSet<String> seen = new TreeSet<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = code(lines.get(i));
        if (line.contains("LOG.") || line.contains("updateTitle(")) {
          continue;
        }
        Matcher shown = SHOWN.matcher(line);
        while (shown.find()) {
          if (shown.group(1).codePoints().anyMatch(Character::isLetter)) {
            report(found, seen, name, i, shown.group(1));
          }
        }
        Matcher literal = LITERAL.matcher(line);
        while (literal.find()) {
          if (PROSE.matcher(literal.group(1)).find()) {
            report(found, seen, name, i, literal.group(1));
          }
        }
      }
    }
    assertTrue(
        found.isEmpty(),
        "texts for the reader written in code; move them to the bundle (ui-assets"
            + " org/radassist/ui/i18n/messages*.properties):\n"
            + String.join("\n", found));
    TreeSet<String> stale = new TreeSet<>(ALLOWED.keySet());
    stale.removeAll(seen);
    assertTrue(stale.isEmpty(), "allowed literals no longer in the code: " + stale);
  }

  private static void report(
      TreeSet<String> found, TreeSet<String> seen, String file, int line, String literal) {
    String key = file + ": " + literal;
    if (ALLOWED.containsKey(key)) {
      seen.add(key);
    } else {
      found.add(file + ":" + (line + 1) + ": \"" + literal + "\"");
    }
  }

  /** The line without a comment: javadoc and block comment lines, and text after //. */
  private static String code(String line) {
    String t = line.strip();
    if (t.startsWith("*") || t.startsWith("/*") || t.startsWith("//")) {
      return "";
    }
    int comment = t.indexOf("//");
    return comment >= 0 && !t.substring(0, comment).contains("\"") ? t.substring(0, comment) : t;
  }
}
