package org.radassist.app.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.radassist.app.core.AppPaths;
import org.radassist.app.workstation.WorkstationApp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code radassist} with no command opens the workstation on the built-in sample study. */
@Command(
    name = "radassist",
    mixinStandardHelpOptions = true,
    // Every command, to the deepest (review session start), answers --help and --version.
    scope = CommandLine.ScopeType.INHERIT,
    version = "RadAssist 0.1.0 (research use only, not a medical device)",
    description =
        "AI reading workstation for radiographs. Without a command: open the workstation.",
    subcommands = {
      OpenCommand.class,
      InspectCommand.class,
      AnalyzeCommand.class,
      ModelsCommand.class,
      BenchCommand.class,
      ReviewCommand.class,
      PacsCommand.class
    })
public final class RootCommand implements Callable<Integer> {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  @Option(
      names = "--data-dir",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Folder for logs, models, cache and the reading database (default: $RADASSIST_HOME,"
              + " else $XDG_DATA_HOME/radassist, else ~/.local/share/radassist).",
      defaultValue = "${env:RADASSIST_HOME}")
  Path dataDir;

  @Mixin LanguageOption lang;

  /** The user's data folder as chosen on the command line or by default. */
  public AppPaths paths() {
    return dataDir == null ? AppPaths.userDefault() : AppPaths.of(dataDir);
  }

  @Override
  public Integer call() {
    return WorkstationApp.run(paths(), List.of(), lang.language);
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new RootCommand());
    // Java encodes System.out in the locale's charset, US-ASCII under LANG=C (cron, systemd), which
    // turned every accented or CJK name into '?'; names and JSON must reach scripts intact.
    cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(e -> e instanceof ParameterException ? USAGE : FAILURE);
    // One line per problem (DESIGN.md): picocli's default follows it with the whole usage text,
    // which buries the line a script logs and a person needs.
    cl.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine c = e.getCommandLine();
          PrintWriter err = c.getErr();
          err.println(
              "radassist: "
                  + e.getMessage()
                  + " (see '"
                  + c.getCommandSpec().qualifiedName()
                  + " --help')");
          err.flush();
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("radassist: " + CliErrors.describe(e));
          err.flush();
          return FAILURE;
        });
    return cl;
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }
}
