package org.radassist.inference.analysis;

/**
 * Told after each image of a batch finishes, from the worker that finished it; calls are
 * serialised, so {@code done} increases by one each time.
 */
@FunctionalInterface
public interface BatchProgress {
  void finished(int done, int total, BatchItem item);
}
