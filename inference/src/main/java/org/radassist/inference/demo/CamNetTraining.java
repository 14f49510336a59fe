package org.radassist.inference.demo;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.network.CamNet;
import org.radassist.inference.phantom.Lesion;
import org.radassist.inference.preprocess.ImageMapping;
import org.radassist.inference.preprocess.PreprocessedImage;
import org.radassist.inference.preprocess.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a one-label max-pooled {@link CamNet} with DJL on the CPU from images whose lesion
 * positions are known: every example goes through the card's own preprocessing, so the network
 * learns on exactly what it will see at analysis time. Seeded throughout.
 */
public final class CamNetTraining {
  private static final Logger LOG = LoggerFactory.getLogger(CamNetTraining.class);

  /** A training image and its lesion, if it has one. */
  public record Example(Frame frame, Optional<Lesion> lesion) {}

  private CamNetTraining() {}

  /**
   * Builds {@code count} examples (in parallel; each must depend only on its index), trains for
   * {@code epochs} and writes the parameters to {@code weightsFile}.
   */
  public static void fit(
      ModelCard card,
      int count,
      IntFunction<Example> examples,
      int epochs,
      int batchSize,
      long seed,
      Path weightsFile)
      throws IOException {
    int size = card.input().width();
    int plane = size * card.input().height();
    int stride = 1 << (card.architecture().stageFilters().size() - 1);
    int gridW = card.input().width() / stride;
    int gridH = card.input().height() / stride;
    int cells = gridW * gridH;
    Preprocessor pre = new Preprocessor(card.input());
    float[] data = new float[count * plane];
    float[] labels = new float[count];
    float[] cellTargets = new float[count * cells];
    long t0 = System.nanoTime();
    IntStream.range(0, count)
        .parallel()
        .forEach(
            i -> {
              Example ex = examples.apply(i);
              PreprocessedImage p = pre.apply(ex.frame(), ModalityLut.identity(), List.of());
              System.arraycopy(p.tensor(), 0, data, i * plane, plane);
              labels[i] = ex.lesion().isPresent() ? 1f : 0f;
              ex.lesion()
                  .ifPresent(
                      l -> markCells(l, p.mapping(), stride, gridW, gridH, cellTargets, i * cells));
            });
    LOG.info("prepared {} training images in {} s", count, (System.nanoTime() - t0) / 1e9);

    Engine.getEngine("PyTorch").setRandomSeed((int) seed);
    boolean maxPooling = card.outputs().maxPooling();
    try (Model model = Model.newInstance(card.id(), Device.cpu(), "PyTorch")) {
      Block block = CamNet.build(card.architecture().stageFilters(), 1, maxPooling);
      model.setBlock(block);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(new CamLogitLoss(maxPooling))
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build())
              .optDevices(new Device[] {Device.cpu()});
      Shape inputShape = new Shape(batchSize, 1, card.input().height(), size);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(inputShape);
        SplittableRandom shuffle = new SplittableRandom(seed);
        int[] order = IntStream.range(0, count).toArray();
        for (int epoch = 0; epoch < epochs; epoch++) {
          for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
          }
          double lossSum = 0;
          int steps = 0;
          long te = System.nanoTime();
          for (int b = 0; b + batchSize <= count; b += batchSize) {
            float[] x = new float[batchSize * plane];
            float[] y = new float[batchSize];
            float[] m = new float[batchSize * cells];
            for (int k = 0; k < batchSize; k++) {
              int idx = order[b + k];
              System.arraycopy(data, idx * plane, x, k * plane, plane);
              System.arraycopy(cellTargets, idx * cells, m, k * cells, cells);
              y[k] = labels[idx];
            }
            try (NDManager batch = trainer.getManager().newSubManager()) {
              NDArray xs = batch.create(x, inputShape);
              NDArray ys = batch.create(y, new Shape(batchSize, 1));
              NDArray ms = batch.create(m, new Shape(batchSize, 1, gridH, gridW));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(new NDList(xs));
                NDArray loss = trainer.getLoss().evaluate(new NDList(ys, ms), pred);
                gc.backward(loss);
                lossSum += loss.getFloat();
              }
              trainer.step();
            }
            steps++;
          }
          LOG.info(
              "epoch {}: mean loss {} over {} steps, {} s",
              epoch + 1,
              String.format("%.4f", lossSum / steps),
              steps,
              String.format("%.1f", (System.nanoTime() - te) / 1e9));
        }
      }
      CamNet.saveParameters(block, weightsFile);
    }
  }

  /**
   * Marks the map cells a lesion covers (cell centre within the lesion radius, or within 6 tensor
   * pixels for lesions smaller than a cell) as targets for the map loss.
   */
  static void markCells(
      Lesion l, ImageMapping m, int stride, int gridW, int gridH, float[] target, int offset) {
    double cu = m.toTensorX(l.centerX());
    double cv = m.toTensorY(l.centerY());
    double reach = Math.max(l.radius() * m.scaleX(), 6.0);
    for (int gy = 0; gy < gridH; gy++) {
      for (int gx = 0; gx < gridW; gx++) {
        double du = (gx + 0.5) * stride - cu;
        double dv = (gy + 0.5) * stride - cv;
        if (du * du + dv * dv <= reach * reach) {
          target[offset + gy * gridW + gx] = 1f;
        }
      }
    }
  }

  /**
   * Image-level binary cross-entropy on the pooled map logit, plus the same loss cell by cell
   * against where the lesion was planted. The image-level term is what the card promises
   * (probability = sigmoid of the pooled map); the map term teaches the cells where to look, which
   * a few minutes of CPU training could not find from image labels alone. Both are computed from
   * logits for numerical stability.
   */
  static final class CamLogitLoss extends Loss {
    private static final float POSITIVE_CELL_WEIGHT = 8f;
    private final boolean maxPooling;

    CamLogitLoss(boolean maxPooling) {
      super("CamLogitLoss");
      this.maxPooling = maxPooling;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      NDArray image = bce(CamNet.logits(predictions, maxPooling), labels.get(0)).mean();
      NDArray target = labels.get(1);
      // A nodule covers a few of 256 cells: weigh them up so "nothing anywhere" is not a cheap
      // optimum for the map term.
      NDArray weights = target.mul(POSITIVE_CELL_WEIGHT - 1).add(1);
      NDArray cells = bce(predictions.get(CamNet.CAMS_OUTPUT), target).mul(weights).mean();
      return image.add(cells);
    }

    private static NDArray bce(NDArray x, NDArray y) {
      return x.maximum(0).sub(x.mul(y)).add(x.abs().neg().exp().add(1).log());
    }
  }
}
