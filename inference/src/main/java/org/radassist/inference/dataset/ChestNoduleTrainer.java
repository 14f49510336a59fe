package org.radassist.inference.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.inference.demo.CamNetTraining;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.network.CamNet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a nodule CamNet on real chest films of the training split with simulated nodules, and
 * scores it on the validation and test splits (films it never saw, each analysed clean and with a
 * nodule). The weights are written to a folder of the caller's choosing, not into the product: the
 * films carry their own licences.
 *
 * <p>Usage: {@code ChestNoduleTrainer RADIOGRAPHS_DIR OUT_DIR [EXAMPLES] [EPOCHS]}.
 */
public final class ChestNoduleTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(ChestNoduleTrainer.class);
  private static final long SEED = 20261122L;
  private static final String WEIGHTS = "camnet.params";

  private ChestNoduleTrainer() {}

  public static void main(String[] args) throws Exception {
    RadiographCorpus corpus = RadiographCorpus.open(Path.of(args[0]));
    Path out = Files.createDirectories(Path.of(args[1]));
    int examples = args.length > 2 ? Integer.parseInt(args[2]) : 1536;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 24;
    List<Frame> films = new ArrayList<>();
    for (CorpusImage image : corpus.select("chest", Split.TRAIN)) {
      films.add(RadiographCorpus.read(image.file()));
    }
    LOG.info("{} training films", films.size());
    ModelCard card = card();
    Path weights = out.resolve(WEIGHTS);
    CamNetTraining.fit(card, examples, i -> example(films, i), epochs, 32, SEED, weights);
    card = card.withWeights(new ModelCard.Weights(WEIGHTS, ModelPackage.sha256(weights)));
    card.write(out.resolve(ModelCard.FILE_NAME));
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put(
        "validation",
        SimulatedLesionEvaluation.evaluate(corpus, ModelPackage.load(out), Split.VALIDATION));
    metrics.put(
        "test", SimulatedLesionEvaluation.evaluate(corpus, ModelPackage.load(out), Split.TEST));
    metrics.put("trainFilms", films.size());
    metrics.put("trainExamples", examples);
    metrics.put("epochs", epochs);
    card.withMetrics(metrics).write(out.resolve(ModelCard.FILE_NAME));
    System.out.println(metrics);
  }

  /**
   * Example {@code i}: film {@code (i / 2) mod n}, mirrored on alternate passes over the films,
   * with a simulated nodule when {@code i} is odd (a new place on every pass).
   */
  private static CamNetTraining.Example example(List<Frame> films, int i) {
    int n = films.size();
    Frame film = films.get((i / 2) % n);
    if (((i / 2) / n) % 2 == 1) {
      film = mirror(film);
    }
    if (i % 2 == 0) {
      return new CamNetTraining.Example(film, Optional.empty());
    }
    LesionSimulator.Result planted = LesionSimulator.plant(film, SEED + i);
    return new CamNetTraining.Example(planted.frame(), Optional.of(planted.lesion()));
  }

  private static Frame mirror(Frame f) {
    int w = f.columns();
    int h = f.rows();
    int[] src = f.samples();
    int[] out = new int[src.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out[y * w + x] = src[y * w + (w - 1 - x)];
      }
    }
    return new Frame(h, w, 1, Photometric.MONOCHROME2, f.bitsStored(), f.signed(), out);
  }

  static ModelCard card() {
    return new ModelCard(
        "chest-simnodule-camnet",
        "Simulated-nodule detector on real chest films (demonstration)",
        "0.1.0",
        ModelCard.TASK_CLASSIFICATION_CAM,
        ModelCard.FORMAT_DJL,
        new ModelCard.Weights(WEIGHTS, "0".repeat(64)),
        List.of(new ModelCard.Label("nodule", LabelKind.TUMOR, 0.5)),
        new ModelCard.Input(
            128,
            128,
            1,
            "letterbox",
            "percentile",
            true,
            255.0,
            new double[] {0.5},
            new double[] {0.25}),
        new ModelCard.Outputs(CamNet.PROBABILITIES_OUTPUT, CamNet.CAMS_OUTPUT, "sigmoid", "max"),
        "Demonstration only, not for diagnosis. Finds nodules inserted by RadAssist's simulator"
            + " into real chest films; it has never seen a real nodule.",
        "Frontal chest films of the shared corpus (NIH ChestX-ray14, COVID-19 image collection;"
            + " training split by image hash) with simulated nodules planted by"
            + " org.radassist.inference.dataset.LesionSimulator. Films keep their own licences.",
        Map.of(),
        "Weights: Apache-2.0; training images under their sources' licences",
        new ModelCard.Architecture(CamNet.NAME, List.of(8, 16, 32, 64)));
  }
}
