package org.radassist.inference.analysis;

/**
 * How an {@link Analyzer} runs: the device, how many images are analysed at once ({@code workers},
 * one predictor each) and how many threads PyTorch uses inside one inference ({@code
 * threadsPerWorker}). PyTorch's thread count is fixed for the whole process when its engine starts,
 * so the first Analyzer opened decides it.
 */
public record AnalyzerOptions(
    DeviceChoice device, int workers, int threadsPerWorker, Heatmap.Method logitsHeatmap) {

  /** The heatmap a model without a map output gets unless asked otherwise (see Heatmap). */
  public static final Heatmap.Method DEFAULT_LOGITS_HEATMAP = Heatmap.Method.OCCLUSION;

  public AnalyzerOptions {
    if (workers < 1 || threadsPerWorker < 1) {
      throw new IllegalArgumentException("workers and threadsPerWorker must be at least 1");
    }
    if (logitsHeatmap != Heatmap.Method.OCCLUSION && logitsHeatmap != Heatmap.Method.GRADIENT) {
      throw new IllegalArgumentException("a model without maps gets OCCLUSION or GRADIENT");
    }
  }

  public AnalyzerOptions(DeviceChoice device, int workers, int threadsPerWorker) {
    this(device, workers, threadsPerWorker, DEFAULT_LOGITS_HEATMAP);
  }

  /** Defaults for this machine and the given device. */
  public static AnalyzerOptions defaults(DeviceChoice device) {
    return forCores(device, Runtime.getRuntime().availableProcessors());
  }

  public static AnalyzerOptions defaults() {
    return defaults(DeviceChoice.AUTO);
  }

  /**
   * One worker per four cores, and the cores but one shared among the workers' PyTorch threads: a
   * 2-core laptop gets one worker on one thread, a 16-core workstation four workers of three. The
   * spare core is for decoding and the viewer; without it PyTorch's OpenMP threads spin against
   * them, which on the 2-core reference machine under load made a 224-pixel inference 25 times
   * slower with two threads than with one (see InferenceBench).
   */
  public static AnalyzerOptions forCores(DeviceChoice device, int cores) {
    int workers = Math.max(1, cores / 4);
    int threads = Math.max(1, (cores - 1) / workers);
    return new AnalyzerOptions(device, workers, threads);
  }

  /**
   * How many networks of an ensemble one image may run at once: where each image gets a single
   * PyTorch thread, as many as the cores each worker has (the 2-core default: two, one of them the
   * spare core, which a reader waiting for a one-second fracture analysis is not using); where
   * PyTorch already spreads one network over several threads, one.
   */
  public int memberLanes() {
    int cores = Runtime.getRuntime().availableProcessors();
    return threadsPerWorker == 1 ? Math.max(1, cores / workers) : 1;
  }

  /**
   * How many images a batch keeps in flight: one more than the workers, so that one image's
   * decoding and PNG writing overlap another's inference.
   */
  public int imagesInFlight() {
    return workers + 1;
  }

  public AnalyzerOptions withDevice(DeviceChoice newDevice) {
    return new AnalyzerOptions(newDevice, workers, threadsPerWorker, logitsHeatmap);
  }

  public AnalyzerOptions withWorkers(int newWorkers) {
    return new AnalyzerOptions(device, newWorkers, threadsPerWorker, logitsHeatmap);
  }

  public AnalyzerOptions withLogitsHeatmap(Heatmap.Method method) {
    return new AnalyzerOptions(device, workers, threadsPerWorker, method);
  }
}
