package org.radassist.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * A user who asks any command for help gets its usage and exit code 0, not an error; one who
 * misuses a command gets one line saying what is wrong and where help is, and exit code 2.
 */
class HelpTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "analyze",
        "inspect",
        "models verify",
        "models show",
        "bench inference",
        "review session start",
        "pacs query"
      })
  void everyCommandAnswersHelp(String command) {
    CommandLine cl = RootCommand.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    String[] words = command.split(" ");
    String[] args = Arrays.copyOf(words, words.length + 1);
    args[words.length] = "--help";
    assertEquals(0, cl.execute(args), command);
    assertTrue(out.toString().startsWith("Usage: radassist " + command), out.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "analyze --no-such-option x",
        "analyze in.dcm",
        "inspect",
        "models verify",
        "review record --study 1.2 --finding x --decision accept",
        "pacs query --server http://localhost:1 --limit many"
      })
  void misuseIsOneLineAndExitCodeTwo(String command) {
    assertOneLineAndExitCodeTwo(command.split(" "));
  }

  /** A model name that names no package and no known id is the user's slip, not a failure. */
  @Test
  void aModelThatDoesNotExistIsBadUsage(@TempDir Path tmp) {
    String data = tmp.resolve("data").toString();
    String missing = tmp.resolve("no-such-package").toString();
    assertOneLineAndExitCodeTwo(
        "--data-dir",
        data,
        "analyze",
        "x.dcm",
        "--out",
        tmp.toString(),
        "--model",
        "no-such-model");
    assertOneLineAndExitCodeTwo("--data-dir", data, "models", "show", "no-such-model");
    assertOneLineAndExitCodeTwo("--data-dir", data, "models", "verify", missing);
  }

  private static void assertOneLineAndExitCodeTwo(String... command) {
    CommandLine cl = RootCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute(command), String.join(" ", command));
    String[] lines = err.toString().strip().split("\\R");
    assertEquals(1, lines.length, err.toString());
    assertTrue(
        lines[0].startsWith("radassist: ") && lines[0].endsWith(" --help')"), err.toString());
    assertEquals("", out.toString());
  }
}
