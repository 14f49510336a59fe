package org.radassist.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.ModelCardSummary;
import org.radassist.app.core.Workspace;
import org.radassist.inference.analysis.ModelVerifier;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelCatalog;
import org.radassist.inference.model.ModelPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code radassist models list|show|verify}: installed packages, one package's card, and a checked
 * test run of one.
 */
@Command(
    name = "models",
    description = "List installed model packages, show one's card or verify one.",
    subcommands = {
      ModelsCommand.ListModels.class,
      ModelsCommand.Show.class,
      ModelsCommand.Verify.class
    })
final class ModelsCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: list, show or verify");
  }

  @Command(name = "list", description = "Installed packages (built-in and in the data folder).")
  static final class ListModels implements Callable<Integer> {
    @ParentCommand ModelsCommand models;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      AppPaths paths = models.root.paths().configureLogging();
      try (Workspace workspace = Workspace.open(paths)) {
        workspace.installBuiltins();
      }
      int problems = 0;
      for (ModelCatalog.Entry e : ModelCatalog.list(paths.models())) {
        if (e.usable()) {
          ModelCard card = e.pkg().get().card();
          out.printf(
              "%s\t%s\t%s\t%s\t%s%n",
              card.id(), card.version(), card.format(), e.pkg().get().sha256(), e.source());
        } else {
          problems++;
          spec.commandLine().getErr().println("radassist: " + e.problem().orElse("unusable"));
        }
      }
      out.flush();
      spec.commandLine().getErr().flush();
      return problems == 0 ? RootCommand.OK : RootCommand.FAILURE;
    }
  }

  @Command(
      name = "show",
      description =
          "A package's card: intended use, training data, labels with thresholds, held-out"
              + " figures.")
  static final class Show implements Callable<Integer> {
    @ParentCommand ModelsCommand models;
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "ID|DIR",
        description = "Built-in or installed model id, or a package folder or .zip")
    String model;

    @Override
    public Integer call() throws Exception {
      AppPaths paths = models.root.paths().configureLogging();
      Optional<ModelPackage> pkg;
      String none;
      try (Workspace workspace = Workspace.open(paths)) {
        pkg = workspace.findModel(model);
        none = workspace.noSuchModel(model);
      }
      if (pkg.isEmpty()) {
        throw new ParameterException(spec.commandLine(), none);
      }
      ModelCardText.write(ModelCardSummary.of(pkg.get()), spec.commandLine().getOut());
      return RootCommand.OK;
    }
  }

  @Command(name = "verify", description = "Check a package's sha256 and card, and run it once.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand ModelsCommand models;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Model package folder or .zip")
    Path dir;

    @Override
    public Integer call() {
      models.root.paths().configureLogging();
      if (!Files.exists(dir)) {
        throw new ParameterException(
            spec.commandLine(), "no model package at " + dir + ": no such folder or .zip");
      }
      ModelVerifier.Report report = ModelVerifier.verify(dir);
      if (!report.ok()) {
        spec.commandLine().getErr().println("radassist: " + report.problem().get());
        spec.commandLine().getErr().flush();
        return RootCommand.FAILURE;
      }
      var m = report.model().get();
      spec.commandLine()
          .getOut()
          .printf(
              "OK %s %s sha256 %s: weights match, card complete, test run passed%n",
              m.id(), m.version(), m.sha256());
      spec.commandLine().getOut().flush();
      return RootCommand.OK;
    }
  }
}
