package org.radassist.inference.analysis;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.radassist.dicom.image.DisplayShutter;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;
import org.radassist.inference.preprocess.PreprocessedImage;
import org.radassist.inference.preprocess.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model package opened for analysis. Opening loads the network on the chosen device, runs it once
 * on a blank input (the warm-up, which is also the check that its outputs have the shapes the card
 * promises) and refuses the package otherwise. {@link #analyze} may be called from any number of
 * threads at once; each thread gets its own predictor and keeps it until the analyzer closes, so
 * call it from a bounded pool (or use {@link #analyzeAll}, which has one). A GPU that fails, at
 * open or later, is replaced by the CPU with a warning.
 */
public final class Analyzer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Analyzer.class);

  private final ModelPackage pkg;
  private final ModelCard card;
  private final AnalyzerOptions options;
  private final Preprocessor preprocessor;
  private final MapActivation activation;
  private final GradientSaliency gradients;
  private volatile ModelRunner runner;
  private ExecutorService workers;

  private Analyzer(
      ModelPackage pkg,
      AnalyzerOptions options,
      ModelRunner runner,
      MapActivation activation,
      GradientSaliency gradients) {
    this.pkg = pkg;
    this.card = pkg.card();
    this.options = options;
    this.preprocessor = new Preprocessor(card.input());
    this.runner = runner;
    this.activation = activation;
    this.gradients = gradients;
  }

  public static Analyzer open(ModelPackage pkg) throws ModelPackageException {
    return open(pkg, AnalyzerOptions.defaults());
  }

  /**
   * Opens {@code pkg} on the device {@code options} asks for.
   *
   * @throws ModelPackageException when the weights do not load or the outputs do not match the card
   */
  public static Analyzer open(ModelPackage pkg, AnalyzerOptions options)
      throws ModelPackageException {
    Engine engine = EngineSetup.engine(options.threadsPerWorker());
    Device device = choose(engine, options.device());
    ModelRunner runner;
    MapActivation activation;
    try {
      runner = ModelRunner.open(pkg, device, options.memberLanes());
      activation = WarmUpCheck.run(pkg, runner);
    } catch (ModelPackageException e) {
      if (!device.isGpu()) {
        throw e;
      }
      LOG.warn(
          "Model {} failed on {} ({}); using the CPU", pkg.card().id(), device, e.getMessage());
      runner = ModelRunner.open(pkg, Device.cpu(), options.memberLanes());
      activation = WarmUpCheck.run(pkg, runner);
    }
    GradientSaliency gradients = null;
    if (pkg.card().outputs().cams() == null
        && options.logitsHeatmap() == Heatmap.Method.GRADIENT
        && ModelCard.FORMAT_TORCHSCRIPT.equals(pkg.card().format())) {
      try {
        gradients = GradientSaliency.open(pkg, runner.device(), runner.batchLimit());
      } catch (ModelPackageException e) {
        LOG.warn("Model {}: {}; using occlusion heatmaps", pkg.card().id(), e.getMessage());
      }
    }
    LOG.info("Model {} {} ready on {}", pkg.card().id(), pkg.card().version(), runner.device());
    return new Analyzer(pkg, options, runner, activation, gradients);
  }

  private static Device choose(Engine engine, DeviceChoice choice) {
    int gpus = engine.getGpuCount();
    return switch (choice) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus > 0) {
          yield Device.gpu();
        }
        LOG.warn("GPU requested but PyTorch sees none; using the CPU");
        yield Device.cpu();
      }
    };
  }

  /** Analyses one decoded input; see {@link #analyze(Frame, ModalityLut, List)}. */
  public Prediction analyze(AnalysisInput input) {
    return analyze(input.frame(), input.modalityLut(), input.voiLuts(), input.shutter());
  }

  /**
   * Analyses one frame: preprocessing per the card, inference, per-label heatmaps in image
   * coordinates and the findings on them. The heatmaps stay on the model's grid until something
   * asks for their image-sized values, so {@code timings().heatmapMs()} does not include that.
   */
  public Prediction analyze(Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts) {
    return analyze(frame, modalityLut, voiLuts, null);
  }

  private Prediction analyze(
      Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts, DisplayShutter shutter) {
    long t0 = System.nanoTime();
    PreprocessedImage img = preprocessor.apply(frame, modalityLut, voiLuts, shutter);
    long t1 = System.nanoTime();
    TensorBatch batch = new TensorBatch(img.tensor(), 1, img.channels(), img.height(), img.width());
    RawOutput out = infer(batch);
    long t2 = System.nanoTime();
    int labels = card.labels().size();
    float[] probabilities = Arrays.copyOf(out.probabilities(), labels);
    requireProbabilities(probabilities);
    float[][] cells;
    int gridH;
    int gridW;
    Heatmap.Method method;
    if (card.outputs().cams() != null) {
      cells = activation.cells(out, 0);
      gridH = out.camHeight();
      gridW = out.camWidth();
      method = Heatmap.Method.CAM;
    } else if (gradients != null) {
      cells = gradients.cells(img, probabilities);
      gridH = GradientSaliency.grid(img.height());
      gridW = GradientSaliency.grid(img.width());
      method = Heatmap.Method.GRADIENT;
    } else {
      cells = occlusion(img, probabilities);
      gridH = OcclusionSensitivity.GRID;
      gridW = OcclusionSensitivity.GRID;
      method = Heatmap.Method.OCCLUSION;
    }
    List<LabelResult> results = new ArrayList<>();
    List<Heatmap> heatmaps = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (int l = 0; l < labels; l++) {
      ModelCard.Label label = card.labels().get(l);
      double p = probabilities[l];
      boolean positive = p >= label.threshold();
      results.add(new LabelResult(label.name(), label.kind(), p, label.threshold(), positive));
      GridMap grid = new GridMap(cells[l], gridH, gridW, img.mapping());
      Heatmap map = new Heatmap(label.name(), method, grid);
      heatmaps.add(map);
      if (positive) {
        findings.addAll(
            FindingExtractor.mergeWithinCell(
                FindingExtractor.extract(map, label.kind(), label.threshold()), grid.cellSize()));
      }
    }
    long t3 = System.nanoTime();
    Timings timings = new Timings(ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0));
    return new Prediction(
        modelInfo(),
        deviceName(runner.device()),
        frame.rows(),
        frame.columns(),
        List.copyOf(results),
        List.copyOf(heatmaps),
        List.copyOf(findings),
        timings);
  }

  /**
   * Refuses an image whose output is no probability, rather than reporting a score the reader would
   * trust: NaN (the network broke down on this image) or a value outside [0, 1] (logits the card
   * did not declare, which the load check's two test inputs happened not to show).
   */
  private void requireProbabilities(float[] probabilities) {
    for (int l = 0; l < probabilities.length; l++) {
      float p = probabilities[l];
      if (p >= 0 && p <= 1) {
        continue;
      }
      String label = card.labels().get(l).name();
      throw new AnalysisException(
          Float.isNaN(p)
              ? "model " + card.id() + " gave label " + label + " no number (NaN) for this image"
              : "model "
                  + card.id()
                  + " gave label "
                  + label
                  + " "
                  + p
                  + ", not a probability in [0, 1]"
                  + (card.outputs().activation() == null
                      ? " (if it gives logits, its card needs outputs.activation sigmoid or"
                          + " softmax)"
                      : ""));
    }
  }

  /**
   * Analyses many images in parallel on {@code options().workers()} threads, each with its own
   * predictor, and returns one item per source in input order. A source that fails to load or
   * analyse gives an item with its error; the others go on.
   */
  public List<BatchItem> analyzeAll(
      List<? extends ImageSource> sources, BatchProgress progress, Cancellation cancellation) {
    ExecutorService pool = workers();
    int total = sources.size();
    BatchItem[] items = new BatchItem[total];
    int[] done = {0};
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      int index = i;
      ImageSource source = sources.get(i);
      futures.add(
          pool.submit(
              () -> {
                BatchItem item = analyzeOne(index, source, cancellation);
                items[index] = item;
                synchronized (done) {
                  done[0]++;
                  if (progress != null) {
                    progress.finished(done[0], total, item);
                  }
                }
              }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancellation.cancel();
      } catch (ExecutionException e) {
        throw new AnalysisException("batch worker failed", e.getCause());
      }
    }
    return Arrays.asList(items);
  }

  private BatchItem analyzeOne(int index, ImageSource source, Cancellation cancellation) {
    if (cancellation != null && cancellation.isCancelled()) {
      return new BatchItem(index, source.name(), Optional.empty(), Optional.empty());
    }
    try {
      AnalysisInput in = source.load();
      Prediction p = analyze(in);
      return new BatchItem(index, source.name(), Optional.of(p), Optional.empty());
    } catch (Exception e) {
      LOG.warn("Analysis of {} failed: {}", source.name(), e.getMessage());
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new BatchItem(index, source.name(), Optional.empty(), Optional.of(reason));
    }
  }

  private synchronized ExecutorService workers() {
    if (workers == null) {
      AtomicInteger n = new AtomicInteger();
      workers =
          Executors.newFixedThreadPool(
              options.workers(),
              r -> {
                Thread t = new Thread(r, "radassist-inference-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    return workers;
  }

  private float[][] occlusion(PreprocessedImage img, float[] baseline) {
    try {
      return OcclusionSensitivity.cells(runner, img, baseline);
    } catch (TranslateException e) {
      throw failure("Occlusion analysis", e);
    }
  }

  /**
   * Milliseconds of each of {@code runs} inferences back to back on one tensor of the card's input
   * shape (tensor in, outputs out): the network alone, timed the way a reference runtime times it,
   * for {@code bench inference}.
   */
  public double[] networkLatencies(int runs) {
    ModelCard.Input in = card.input();
    float[] data = new float[in.channels() * in.height() * in.width()];
    Random noise = new Random(runs);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) noise.nextGaussian();
    }
    TensorBatch batch = new TensorBatch(data, 1, in.channels(), in.height(), in.width());
    double[] ms = new double[runs];
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      infer(batch);
      ms[r] = ms(System.nanoTime() - t0);
    }
    return ms;
  }

  private RawOutput infer(TensorBatch batch) {
    ModelRunner current = runner;
    try {
      return current.run(batch);
    } catch (TranslateException | RuntimeException e) {
      if (!current.device().isGpu()) {
        throw failure("Inference", e);
      }
      LOG.warn(
          "Inference on {} failed ({}); switching to the CPU", current.device(), e.getMessage());
      try {
        return fallBackToCpu(current).run(batch);
      } catch (TranslateException | ModelPackageException e2) {
        throw failure("Inference", e2);
      }
    }
  }

  private AnalysisException failure(String what, Exception e) {
    return new AnalysisException(
        what + " failed with model " + card.id() + ": " + EngineFailure.reason(e), e);
  }

  private synchronized ModelRunner fallBackToCpu(ModelRunner failed) throws ModelPackageException {
    if (runner == failed) {
      ModelRunner cpu = ModelRunner.open(pkg, Device.cpu(), options.memberLanes());
      WarmUpCheck.run(pkg, cpu);
      runner = cpu;
      failed.close();
    }
    return runner;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  public ModelCard card() {
    return card;
  }

  public ModelPackage modelPackage() {
    return pkg;
  }

  public ModelInfo modelInfo() {
    return new ModelInfo(card.id(), card.version(), pkg.sha256());
  }

  public AnalyzerOptions options() {
    return options;
  }

  /** The device in use: {@code cpu}, or {@code gpu:N} for CUDA device N. */
  public String device() {
    return deviceName(runner.device());
  }

  /** Records and reports name devices plainly rather than as DJL's {@code cpu()}. */
  static String deviceName(Device device) {
    return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
  }

  @Override
  public void close() {
    synchronized (this) {
      if (workers != null) {
        workers.shutdownNow();
      }
    }
    runner.close();
    if (gradients != null) {
      gradients.close();
    }
  }
}
