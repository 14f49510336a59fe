package org.radassist.inference.analysis;

import ai.djl.engine.Engine;
import java.nio.file.Path;

/**
 * Settles DJL's process-wide settings before its PyTorch engine first starts: offline (nothing may
 * be downloaded at run time), no telemetry, the project's native cache, the thread counts, and no
 * graph optimiser (it doubles warm-up here and gains nothing). Values the launcher or the user
 * already set are kept.
 */
final class EngineSetup {
  private EngineSetup() {}

  static synchronized Engine engine(int threadsPerWorker) {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threadsPerWorker));
    if (System.getenv("DJL_CACHE_DIR") == null) {
      setIfAbsent(
          "DJL_CACHE_DIR",
          Path.of(System.getProperty("user.home"), ".cache", "radassist", "djl").toString());
    }
    return Engine.getEngine("PyTorch");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
