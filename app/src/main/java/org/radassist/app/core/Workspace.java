package org.radassist.app.core;

import java.util.HashMap;
import java.util.Map;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.AnalyzerOptions;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.demo.DemoModel;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's working state shared by the workstation and the CLI: the data folder and the loaded,
 * warmed analyzers, kept per model package and device so a model is loaded and warmed once per
 * process however many images are analysed.
 */
public final class Workspace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

  private final AppPaths paths;
  private final Map<String, Analyzer> analyzers = new HashMap<>();

  private Workspace(AppPaths paths) {
    this.paths = paths;
  }

  /**
   * Opens the workspace; call {@link AppPaths#configureLogging()} before if it should log there.
   */
  public static Workspace open(AppPaths paths) {
    return new Workspace(paths);
  }

  public AppPaths paths() {
    return paths;
  }

  /** The built-in demonstration model, unpacked into the data folder on first use. */
  public ModelPackage builtinModel() throws ModelPackageException {
    return ModelPackage.load(DemoModel.extractTo(AppPaths.ensure(paths.models())));
  }

  /** A warmed analyzer for the package and device with this machine's default threads. */
  public Analyzer analyzer(ModelPackage pkg, DeviceChoice device) throws ModelPackageException {
    return analyzer(pkg, device, 0);
  }

  /**
   * A warmed analyzer for the package, device and thread count (0 = default for this machine's
   * cores), created on first request.
   */
  public synchronized Analyzer analyzer(ModelPackage pkg, DeviceChoice device, int threads)
      throws ModelPackageException {
    String key = pkg.root() + "|" + pkg.sha256() + "|" + device + "|" + threads;
    Analyzer analyzer = analyzers.get(key);
    if (analyzer == null) {
      LOG.info("Loading model {} {} on {}", pkg.card().id(), pkg.card().version(), device);
      AnalyzerOptions options =
          threads > 0
              ? AnalyzerOptions.forCores(device, threads)
              : AnalyzerOptions.defaults(device);
      analyzer = Analyzer.open(pkg, options);
      analyzers.put(key, analyzer);
    }
    return analyzer;
  }

  @Override
  public synchronized void close() {
    for (Analyzer analyzer : analyzers.values()) {
      analyzer.close();
    }
    analyzers.clear();
  }
}
