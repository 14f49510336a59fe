package org.radassist.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.radassist.dicom.inspect.InspectReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code radassist inspect FILE [--json]}: the tags of a DICOM file and, per frame, the sha256 of
 * its decoded stored values (int32 little-endian, row-major, samples interleaved), so decoding can
 * be compared file by file with other toolkits. An unreadable file gives {@code {file, error}}, the
 * same reason as one line on stderr, and exit code 1.
 */
@Command(name = "inspect", description = "Tags and per-frame hashes of decoded stored values.")
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A DICOM file")
  Path file;

  @Option(
      names = "--json",
      description = "Print the report as JSON (the contract other tools read); else as text")
  boolean json;

  @Override
  public Integer call() {
    InspectReport report = InspectReport.of(file);
    spec.commandLine().getOut().print(json ? report.toJson() + "\n" : report.toText());
    spec.commandLine().getOut().flush();
    // The report (JSON included) says why on stdout for the tools that parse it; a person or a
    // script's log reads stderr, as for every other command.
    report
        .error()
        .ifPresent(e -> spec.commandLine().getErr().println("radassist: " + file + ": " + e));
    return report.failed() ? RootCommand.FAILURE : RootCommand.OK;
  }
}
