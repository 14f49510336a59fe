package org.radassist.inference.demo;

import ai.djl.Device;
import ai.djl.MalformedModelException;
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
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.network.CamNet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a one-label max-pooled {@link CamNet} fully convolutionally on square crops of
 * preprocessed images. Because the network is convolutional and its logit is the maximum of its
 * map, a crop that holds the lesion teaches the same thing a whole film would, at a fraction of the
 * cost; the model is then run on the whole film at the card's input size.
 *
 * <p>Every epoch's crops are a function of (seed, epoch, index) only, and the parameters are
 * checkpointed after every epoch, so a run stopped at any point resumes where it left off with the
 * same data; only Adam's moment estimates restart, which costs a few steps of warm-up.
 */
public final class CropTraining {
  private static final Logger LOG = LoggerFactory.getLogger(CropTraining.class);
  private static final String CHECKPOINT = "checkpoint.params";
  private static final String PROGRESS = "checkpoint.epoch";

  /** One training crop: {@code size x size} input values and the per-cell lesion targets. */
  public record Crop(float[] pixels, boolean lesion, float[] cellTargets) {}

  /** Makes crop {@code index} of epoch {@code epoch}; must depend on nothing else. */
  @FunctionalInterface
  public interface CropSource {
    Crop crop(int epoch, int index);
  }

  /**
   * Called before each epoch's crops are made, with the parameters the previous epochs left (none
   * before the first), so a crop source may look at the model being trained.
   */
  @FunctionalInterface
  public interface EpochStart {
    EpochStart NONE = (epoch, parameters) -> {};

    void before(int epoch, Optional<Path> parameters) throws IOException;
  }

  /** How long and how hard to train. */
  public record Plan(
      int cropSize, int cropsPerEpoch, int epochs, int batchSize, float learningRate, long seed) {
    /** The plan of ensemble member {@code k}: the same, from its own seed. */
    public Plan member(int k) {
      return new Plan(cropSize, cropsPerEpoch, epochs, batchSize, learningRate, seed + k);
    }
  }

  private CropTraining() {}

  /** Map cells per crop side for a card's network. */
  public static int stride(ModelCard card) {
    return 1 << (card.architecture().stageFilters().size() - 1);
  }

  /**
   * Trains (resuming from {@code checkpoints} if a run was stopped there) and writes the final
   * parameters to {@code weightsFile}.
   */
  public static void fit(
      ModelCard card,
      Plan plan,
      CropSource source,
      EpochStart onEpoch,
      Path checkpoints,
      Path weightsFile)
      throws IOException {
    Files.createDirectories(checkpoints);
    int size = plan.cropSize();
    int plane = size * size;
    int grid = size / stride(card);
    int cells = grid * grid;
    int batch = plan.batchSize();
    int stepsPerEpoch = plan.cropsPerEpoch() / batch;
    long totalSteps = (long) stepsPerEpoch * plan.epochs();
    float[] rate = {plan.learningRate()};
    Engine.getEngine("PyTorch").setRandomSeed((int) plan.seed());
    try (Model model = Model.newInstance(card.id(), Device.cpu(), "PyTorch")) {
      Block block = CamNet.build(card.architecture(), 1, true);
      model.setBlock(block);
      Tracker scheduled = numUpdate -> rate[0];
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(new CamNetTraining.CamLogitLoss(true))
              .optOptimizer(Optimizer.adam().optLearningRateTracker(scheduled).build())
              .optDevices(new Device[] {Device.cpu()});
      Shape inputShape = new Shape(batch, 1, size, size);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(inputShape);
        int start = resume(block, model.getNDManager(), checkpoints);
        for (int epoch = start; epoch < plan.epochs(); epoch++) {
          long t0 = System.nanoTime();
          Path saved = checkpoints.resolve(CHECKPOINT);
          onEpoch.before(epoch, epoch > 0 ? Optional.of(saved) : Optional.empty());
          int e = epoch;
          Crop[] crops =
              IntStream.range(0, plan.cropsPerEpoch())
                  .parallel()
                  .mapToObj(i -> source.crop(e, i))
                  .toArray(Crop[]::new);
          long t1 = System.nanoTime();
          int[] order = shuffled(crops.length, new SplittableRandom(plan.seed() * 31 + epoch));
          double lossSum = 0;
          for (int s = 0; s < stepsPerEpoch; s++) {
            long step = (long) epoch * stepsPerEpoch + s;
            // Cosine decay to a twentieth of the starting rate over the whole run.
            rate[0] =
                (float)
                    (plan.learningRate()
                        * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps))));
            float[] x = new float[batch * plane];
            float[] y = new float[batch];
            float[] m = new float[batch * cells];
            for (int k = 0; k < batch; k++) {
              Crop c = crops[order[s * batch + k]];
              System.arraycopy(c.pixels(), 0, x, k * plane, plane);
              System.arraycopy(c.cellTargets(), 0, m, k * cells, cells);
              y[k] = c.lesion() ? 1f : 0f;
            }
            try (NDManager nd = trainer.getManager().newSubManager()) {
              NDArray xs = nd.create(x, inputShape);
              NDArray ys = nd.create(y, new Shape(batch, 1));
              NDArray ms = nd.create(m, new Shape(batch, 1, grid, grid));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(new NDList(xs));
                NDArray loss = trainer.getLoss().evaluate(new NDList(ys, ms), pred);
                gc.backward(loss);
                lossSum += loss.getFloat();
              }
              trainer.step();
            }
          }
          checkpoint(block, checkpoints, epoch + 1);
          LOG.info(
              "epoch {}/{}: loss {} ({} crops made in {} s, {} steps in {} s)",
              epoch + 1,
              plan.epochs(),
              String.format("%.4f", lossSum / stepsPerEpoch),
              crops.length,
              String.format("%.1f", (t1 - t0) / 1e9),
              stepsPerEpoch,
              String.format("%.1f", (System.nanoTime() - t1) / 1e9));
        }
      }
      CamNet.saveParameters(block, weightsFile);
    }
  }

  private static int resume(Block block, NDManager manager, Path checkpoints) throws IOException {
    Path progress = checkpoints.resolve(PROGRESS);
    Path params = checkpoints.resolve(CHECKPOINT);
    if (!Files.isRegularFile(progress) || !Files.isRegularFile(params)) {
      return 0;
    }
    int epoch = Integer.parseInt(Files.readString(progress, StandardCharsets.UTF_8).trim());
    try {
      CamNet.loadParameters(block, manager, params);
    } catch (MalformedModelException e) {
      throw new IOException("checkpoint " + params + " does not fit this network", e);
    }
    LOG.info("resuming from {} after epoch {}", params, epoch);
    return epoch;
  }

  /** Parameters first, then the epoch count, each replaced atomically, so a kill never tears. */
  private static void checkpoint(Block block, Path checkpoints, int epochsDone) throws IOException {
    Path tmp = checkpoints.resolve(CHECKPOINT + ".tmp");
    CamNet.saveParameters(block, tmp);
    Files.move(
        tmp,
        checkpoints.resolve(CHECKPOINT),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Path p = checkpoints.resolve(PROGRESS + ".tmp");
    Files.writeString(p, Integer.toString(epochsDone), StandardCharsets.UTF_8);
    Files.move(
        p,
        checkpoints.resolve(PROGRESS),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static int[] shuffled(int n, SplittableRandom r) {
    int[] order = IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
