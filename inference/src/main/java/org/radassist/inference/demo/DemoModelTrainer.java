package org.radassist.inference.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
    Path weights = outDir.resolve(DemoModel.WEIGHTS_FILE);
    CamNetTraining.fit(
        card, trainImages, DemoModelTrainer::example, epochs, batchSize, SEED, weights);
    String sha = ModelPackage.sha256(weights);
    ModelCard trained = card.withWeights(new ModelCard.Weights(DemoModel.WEIGHTS_FILE, sha));
    trained.write(outDir.resolve(ModelCard.FILE_NAME));
    Map<String, Object> metrics = validate(ModelPackage.load(outDir));
    trained = trained.withMetrics(metrics);
    trained.write(outDir.resolve(ModelCard.FILE_NAME));
    LOG.info("validation: {}", metrics);
    return ModelPackage.load(outDir);
  }

  /**
   * Training phantom {@code i}: sizes and aspect ratios vary so the letterbox geometry varies as in
   * real use; every second one has a lesion.
   */
  private static CamNetTraining.Example example(int i) {
    SplittableRandom r = new SplittableRandom(SEED + i);
    int w = 256 + r.nextInt(160);
    int h = 256 + r.nextInt(160);
    PhantomImage img = new Phantom(w, h).render(SEED * 31 + i, (i % 2) == 1);
    return new CamNetTraining.Example(img.frame(), img.lesion());
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
}
