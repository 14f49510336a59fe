package org.radassist.inference.analysis;

import java.nio.file.Path;
import java.util.Optional;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;

/**
 * The service behind {@code radassist models verify DIR}: loads the package (card fields, sha256)
 * and opens it on the CPU, which runs the network once and checks its outputs against the card.
 * Never throws for a bad package; the report says what is wrong in one line.
 */
public final class ModelVerifier {
  private ModelVerifier() {}

  /** The outcome: the package when it is usable, else the reason. */
  public record Report(Path source, Optional<ModelInfo> model, Optional<String> problem) {
    public boolean ok() {
      return problem.isEmpty();
    }
  }

  public static Report verify(Path folderOrZip) {
    try {
      ModelPackage pkg = ModelPackage.load(folderOrZip);
      try (Analyzer analyzer =
          Analyzer.open(pkg, AnalyzerOptions.defaults(DeviceChoice.CPU).withWorkers(1))) {
        return new Report(folderOrZip, Optional.of(analyzer.modelInfo()), Optional.empty());
      }
    } catch (ModelPackageException e) {
      return new Report(folderOrZip, Optional.empty(), Optional.of(e.getMessage()));
    }
  }
}
