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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.AnalyzerOptions;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.network.CamNet;
import org.radassist.inference.phantom.Lesion;
import org.radassist.inference.phantom.Phantom;
import org.radassist.inference.phantom.PhantomImage;
import org.radassist.inference.preprocess.ImageMapping;
import org.radassist.inference.preprocess.PreprocessedImage;
import org.radassist.inference.preprocess.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the built-in nodule model from scratch on the CPU and writes it as a model package: {@code
 * camnet.params} plus a card with its sha256 and the validation metrics measured on phantoms it
 * never saw. Everything is seeded; run {@code main} with the output folder (default: this module's
 * resource folder) to reproduce it.
 */
public final class DemoModelTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(DemoModelTrainer.class);

  static final long SEED = 20261122L;
  static final int INPUT_SIZE = 128;
  static final List<Integer> STAGE_FILTERS = List.of(8, 16, 32, 64);
  static final int MAP_STRIDE = 8;
  static final String LABEL = "nodule";
  static final double THRESHOLD = 0.5;
  private static final long VALIDATION_SEED_BASE = 1_000_000_000L;

  private final int trainImages;
  private final int epochs;
  private final int batchSize;
  private final int validationImages;

  public DemoModelTrainer(int trainImages, int epochs, int batchSize, int validationImages) {
    this.trainImages = trainImages;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.validationImages = validationImages;
  }

  /** Retrains into the given folder (default: this module's resource folder, from the root). */
  public static void main(String[] args) throws Exception {
    Path out =
        Path.of(
            args.length > 0
                ? args[0]
                : "inference/src/main/resources/org/radassist/inference/demo/"
                    + DemoModel.PACKAGE_NAME);
    standard().train(out);
  }

  /** The settings the built-in model was trained with. */
  public static DemoModelTrainer standard() {
    return new DemoModelTrainer(1536, 5, 32, 200);
  }

  /** The card of the package before training fills in the weights hash and the metrics. */
  static ModelCard card() {
    return new ModelCard(
        "phantom-nodule-camnet",
        "Phantom nodule detector (demonstration)",
        "1.0.0",
        ModelCard.TASK_CLASSIFICATION_CAM,
        ModelCard.FORMAT_DJL,
        new ModelCard.Weights(DemoModel.WEIGHTS_FILE, "0".repeat(64)),
        List.of(new ModelCard.Label(LABEL, LabelKind.TUMOR, THRESHOLD)),
        new ModelCard.Input(
            INPUT_SIZE,
            INPUT_SIZE,
            1,
            "letterbox",
            "percentile",
            true,
            255.0,
            new double[] {0.5},
            new double[] {0.25}),
        new ModelCard.Outputs(CamNet.PROBABILITIES_OUTPUT, CamNet.CAMS_OUTPUT, "sigmoid", "max"),
        "Demonstration only, not for diagnosis. Shows the RadAssist pipeline (preprocessing, "
            + "inference, class-activation heatmaps, findings) end to end. It has never seen a real "
            + "radiograph and says nothing about real patients.",
        "Synthetic chest phantoms rendered by org.radassist.inference.phantom.Phantom (seeded), "
            + "half with one planted soft-edged round nodule or mass; no patient data. Retrain with "
            + "org.radassist.inference.demo.DemoModelTrainer.",
        Map.of(),
        "Apache-2.0 (weights trained by the RadAssist project)",
        new ModelCard.Architecture(CamNet.NAME, STAGE_FILTERS));
  }

  public ModelPackage train(Path outDir) throws Exception {
    Files.createDirectories(outDir);
    ModelCard card = card();
    Preprocessor pre = new Preprocessor(card.input());
    int plane = INPUT_SIZE * INPUT_SIZE;
    int grid = INPUT_SIZE / MAP_STRIDE;
    int cells = grid * grid;
    float[] data = new float[trainImages * plane];
    float[] labels = new float[trainImages];
    float[] cellTargets = new float[trainImages * cells];
    long t0 = System.nanoTime();
    IntStream.range(0, trainImages)
        .parallel()
        .forEach(
            i -> {
              SplittableRandom r = new SplittableRandom(SEED + i);
              // Sizes and aspect ratios vary so the letterbox geometry varies as in real use.
              int w = 256 + r.nextInt(160);
              int h = 256 + r.nextInt(160);
              boolean lesion = (i % 2) == 1;
              PhantomImage img = new Phantom(w, h).render(SEED * 31 + i, lesion);
              PreprocessedImage p = pre.apply(img.frame(), ModalityLut.identity(), List.of());
              System.arraycopy(p.tensor(), 0, data, i * plane, plane);
              labels[i] = lesion ? 1f : 0f;
              img.lesion().ifPresent(l -> markCells(l, p.mapping(), grid, cellTargets, i * cells));
            });
    LOG.info("rendered {} training phantoms in {} s", trainImages, (System.nanoTime() - t0) / 1e9);

    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed((int) SEED);
    Path weights = outDir.resolve(DemoModel.WEIGHTS_FILE);
    try (Model model = Model.newInstance(card.id(), Device.cpu(), "PyTorch")) {
      Block block = CamNet.build(STAGE_FILTERS, 1, true);
      model.setBlock(block);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(new CamLogitLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build())
              .optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(batchSize, 1, INPUT_SIZE, INPUT_SIZE));
        SplittableRandom shuffle = new SplittableRandom(SEED);
        int[] order = IntStream.range(0, trainImages).toArray();
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
          for (int b = 0; b + batchSize <= trainImages; b += batchSize) {
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
              NDArray xs = batch.create(x, new Shape(batchSize, 1, INPUT_SIZE, INPUT_SIZE));
              NDArray ys = batch.create(y, new Shape(batchSize, 1));
              NDArray ms = batch.create(m, new Shape(batchSize, 1, grid, grid));
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
      CamNet.saveParameters(block, weights);
    }
    String sha = ModelPackage.sha256(weights);
    ModelCard trained = card.withWeights(new ModelCard.Weights(DemoModel.WEIGHTS_FILE, sha));
    trained.write(outDir.resolve(ModelCard.FILE_NAME));
    Map<String, Object> metrics = validate(ModelPackage.load(outDir));
    trained = trained.withMetrics(metrics);
    trained.write(outDir.resolve(ModelCard.FILE_NAME));
    LOG.info("validation: {}", metrics);
    return ModelPackage.load(outDir);
  }

  /** Runs the saved package through the full analysis pipeline on unseen 512-pixel phantoms. */
  private Map<String, Object> validate(ModelPackage pkg) throws Exception {
    BinaryMetrics metrics = new BinaryMetrics(THRESHOLD);
    try (Analyzer analyzer =
        Analyzer.open(pkg, AnalyzerOptions.defaults(DeviceChoice.CPU).withWorkers(1))) {
      for (int i = 0; i < validationImages; i++) {
        boolean withLesion = (i % 2) == 1;
        PhantomImage img = new Phantom(512, 512).render(VALIDATION_SEED_BASE + i, withLesion);
        Prediction p =
            analyzer.analyze(
                img.frame(), org.radassist.dicom.pixel.ModalityLut.identity(), List.of());
        metrics.add(
            p.labels().get(0).probability(),
            withLesion,
            img.lesion().map(l -> hit(p.findings(), l)).orElse(false),
            img.lesion().isPresent() ? 0 : p.findings().size());
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "validation",
        "full pipeline on " + validationImages + " unseen 512x512 phantoms (half with a lesion)");
    m.putAll(metrics.toMap());
    m.put("trainImages", trainImages);
    m.put("epochs", epochs);
    m.put("seed", SEED);
    return m;
  }

  static boolean hit(List<Finding> findings, Lesion lesion) {
    return findings.stream().anyMatch(f -> f.box().contains(lesion.centerX(), lesion.centerY()));
  }

  /**
   * Marks the map cells a lesion covers (cell centre within the lesion radius, or within 6 tensor
   * pixels for lesions smaller than a cell) as targets for the map loss.
   */
  static void markCells(Lesion l, ImageMapping m, int grid, float[] target, int offset) {
    double cu = m.toTensorX(l.centerX());
    double cv = m.toTensorY(l.centerY());
    double reach = Math.max(l.radius() * m.scaleX(), 6.0);
    for (int gy = 0; gy < grid; gy++) {
      for (int gx = 0; gx < grid; gx++) {
        double du = (gx + 0.5) * MAP_STRIDE - cu;
        double dv = (gy + 0.5) * MAP_STRIDE - cv;
        if (du * du + dv * dv <= reach * reach) {
          target[offset + gy * grid + gx] = 1f;
        }
      }
    }
  }

  /**
   * Image-level binary cross-entropy on the max-pooled map logit, plus the same loss cell by cell
   * against where the simulator put the lesion. The image-level term is what the card promises
   * (probability = sigmoid of the strongest cell); the map term teaches the cells where to look,
   * which a few minutes of CPU training could not find from image labels alone. Both are computed
   * from logits for numerical stability.
   */
  static final class CamLogitLoss extends Loss {
    private static final float POSITIVE_CELL_WEIGHT = 8f;

    CamLogitLoss() {
      super("CamLogitLoss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      NDArray image = bce(CamNet.logits(predictions, true), labels.get(0)).mean();
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
