package org.radassist.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.radassist.app.workstation.WorkstationApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code radassist open PATH...}: the workstation on the given files, folders, DICOMDIR or zip. */
@Command(name = "open", description = "Open files, folders, DICOMDIR or zip in the workstation.")
final class OpenCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Mixin LanguageOption lang;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "DICOM files or folders")
  List<Path> paths;

  @Override
  public Integer call() {
    return WorkstationApp.run(
        root.paths(), paths, lang.language != null ? lang.language : root.lang.language);
  }
}
