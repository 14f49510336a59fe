package org.radassist.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** A user who asks any command for help gets its usage and exit code 0, not an error. */
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
}
