package org.radassist.inference.analysis;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;
import org.radassist.inference.network.CamNet;

/**
 * One loaded network on one device, with a predictor per calling thread: DJL predictors are not
 * thread-safe, but several of them may share one model, so each worker gets its own on first use
 * and keeps it until the runner closes. A network that takes only one image per run (typically one
 * traced at batch 1, whose reshapes keep that batch size) gets larger batches one image at a time.
 */
final class ModelRunner implements AutoCloseable {
  private final Model model;
  private final Device device;
  private final OutputTranslator translator;
  private final ProbabilityOutput reader;
  private final List<Predictor<TensorBatch, RawOutput>> predictors = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Predictor<TensorBatch, RawOutput>> perThread = new ThreadLocal<>();
  private volatile boolean closed;
  private volatile int batchLimit = Integer.MAX_VALUE;

  private ModelRunner(
      Model model, Device device, ModelCard.Outputs outputs, ProbabilityOutput reader) {
    this.model = model;
    this.device = device;
    this.translator = new OutputTranslator(outputs.probabilities(), outputs.cams(), reader);
    this.reader = reader;
  }

  /**
   * Loads the package's network on {@code device}; an ensemble of our own runs up to {@code
   * memberLanes} of its networks at once on the CPU.
   */
  static ModelRunner open(ModelPackage pkg, Device device, int memberLanes)
      throws ModelPackageException {
    ModelCard card = pkg.card();
    Model model = Model.newInstance(card.id(), device, "PyTorch");
    try {
      if (ModelCard.FORMAT_TORCHSCRIPT.equals(card.format())) {
        // mapLocation puts weights saved from a GPU session onto the device we chose.
        model.load(pkg.weightsFile(), null, Map.of("mapLocation", "true"));
      } else {
        boolean maxPooling = card.outputs().maxPooling();
        model.setBlock(CamNet.build(card.architecture(), card.labels().size(), maxPooling));
        CamNet.loadParameters(model.getBlock(), model.getNDManager(), pkg.weightsFile());
        model.setBlock(CamNet.forAnalysis(model.getBlock(), card.architecture(), maxPooling));
        CamNet.runMembersSideBySide(model.getBlock(), device.isGpu() ? 1 : memberLanes);
      }
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelPackageException(
          "Model package "
              + pkg.source()
              + " refused: its "
              + card.format()
              + " weights do not load as the card describes: "
              + EngineFailure.reason(e),
          e);
    }
    return new ModelRunner(model, device, card.outputs(), new ProbabilityOutput(card));
  }

  Device device() {
    return device;
  }

  /** How many images one run takes; the largest value when the network takes any number. */
  int batchLimit() {
    return batchLimit;
  }

  void limitBatches(int limit) {
    batchLimit = limit;
  }

  /** Reads the probabilities output as logits from now on; see {@link ProbabilityOutput}. */
  void readProbabilitiesAsLogits(MapActivation activation) {
    reader.readAsLogits(activation);
  }

  RawOutput run(TensorBatch batch) throws TranslateException {
    if (batch.n() <= batchLimit) {
      return runWhole(batch);
    }
    int plane = batch.channels() * batch.height() * batch.width();
    List<RawOutput> parts = new ArrayList<>();
    for (int first = 0; first < batch.n(); first += batchLimit) {
      int n = Math.min(batchLimit, batch.n() - first);
      float[] data = Arrays.copyOfRange(batch.data(), first * plane, (first + n) * plane);
      parts.add(
          runWhole(new TensorBatch(data, n, batch.channels(), batch.height(), batch.width())));
    }
    return RawOutput.concat(parts);
  }

  private RawOutput runWhole(TensorBatch batch) throws TranslateException {
    if (closed) {
      throw new IllegalStateException("the analyzer has been closed");
    }
    Predictor<TensorBatch, RawOutput> predictor = perThread.get();
    if (predictor == null) {
      predictor = model.newPredictor(translator);
      predictors.add(predictor);
      perThread.set(predictor);
    }
    return predictor.predict(batch);
  }

  @Override
  public void close() {
    closed = true;
    for (Predictor<TensorBatch, RawOutput> p : predictors) {
      p.close();
    }
    predictors.clear();
    model.close();
  }
}
