package org.radassist.app.core;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.demo.BuiltInModels;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;

/**
 * Quitting the workstation while a model loads: the workspace closes at once (the window goes away
 * with it) and the model, when its load ends, is discarded rather than handed out.
 */
class WorkspaceCloseTest {
  @TempDir Path dataDir;

  @Test
  void closingDoesNotWaitForAModelStillLoading() throws Exception {
    Workspace workspace = Workspace.open(AppPaths.of(dataDir));
    ModelPackage pkg = workspace.builtinModel(BuiltInModels.SELECTABLE.get(0));
    Thread[] loader = new Thread[1];
    CompletableFuture<Analyzer> load =
        CompletableFuture.supplyAsync(
            () -> {
              loader[0] = Thread.currentThread();
              try {
                return workspace.analyzer(pkg, DeviceChoice.CPU, 1);
              } catch (ModelPackageException e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!loadingModel(loader[0])) {
      assertTrue(System.nanoTime() < deadline, "the load never started");
      Thread.sleep(2);
    }

    long start = System.nanoTime();
    workspace.close();
    long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(closeMs < 500, "close waited " + closeMs + " ms for the load");
    ExecutionException discarded =
        assertThrows(ExecutionException.class, () -> load.get(60, TimeUnit.SECONDS));
    assertInstanceOf(ModelPackageException.class, discarded.getCause().getCause());
  }

  private static boolean loadingModel(Thread thread) {
    return thread != null
        && Arrays.stream(thread.getStackTrace())
            .anyMatch(
                f ->
                    f.getClassName().equals(Analyzer.class.getName())
                        && f.getMethodName().equals("open"));
  }
}
