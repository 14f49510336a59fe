package org.radassist.inference.analysis;

/**
 * How an {@link Analyzer} runs: the device, how many images are analysed at once ({@code workers},
 * one predictor each) and how many threads PyTorch uses inside one inference ({@code
 * threadsPerWorker}). PyTorch's thread count is fixed for the whole process when its engine starts,
 * so the first Analyzer opened decides it.
 */
public record AnalyzerOptions(DeviceChoice device, int workers, int threadsPerWorker) {

  public AnalyzerOptions {
    if (workers < 1 || threadsPerWorker < 1) {
      throw new IllegalArgumentException("workers and threadsPerWorker must be at least 1");
    }
  }

  /** Defaults for this machine and the given device. */
  public static AnalyzerOptions defaults(DeviceChoice device) {
    return forCores(device, Runtime.getRuntime().availableProcessors());
  }

  public static AnalyzerOptions defaults() {
    return defaults(DeviceChoice.AUTO);
  }

  /**
   * One worker per four cores, each with the cores divided among them: a 2-core laptop gets one
   * worker using both cores (parallel images would only fight over them), a 16-core workstation
   * four workers of four threads, which keeps each convolution efficient while images overlap.
   */
  public static AnalyzerOptions forCores(DeviceChoice device, int cores) {
    int workers = Math.max(1, cores / 4);
    int threads = Math.max(1, cores / workers);
    return new AnalyzerOptions(device, workers, threads);
  }

  public AnalyzerOptions withDevice(DeviceChoice newDevice) {
    return new AnalyzerOptions(newDevice, workers, threadsPerWorker);
  }

  public AnalyzerOptions withWorkers(int newWorkers) {
    return new AnalyzerOptions(device, newWorkers, threadsPerWorker);
  }
}
