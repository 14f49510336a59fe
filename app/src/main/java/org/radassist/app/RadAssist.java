package org.radassist.app;

import org.radassist.app.cli.RootCommand;
import picocli.CommandLine;

/** The {@code radassist} launcher's main class. */
public final class RadAssist {
  private RadAssist() {}

  public static void main(String[] args) {
    System.exit(RootCommand.run(args));
  }

  /** Runs a command line and returns its exit code, for tests that drive the CLI in-process. */
  public static int execute(String... args) {
    return RootCommand.run(args);
  }

  static CommandLine commandLine() {
    return RootCommand.commandLine();
  }
}
