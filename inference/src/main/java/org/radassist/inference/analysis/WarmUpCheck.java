package org.radassist.inference.analysis;

import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check a package passes before it analyses anything: a blank input run once must give outputs
 * of the shapes and meaning the card states, and every problem found is named in card terms. A
 * probabilities output that is the pooled maps themselves holds logits (a class-activation network
 * returning {@code (logits, maps)}); when the card names an activation, that output is read through
 * it from then on. A second run on two blank inputs finds out whether the network takes a batch at
 * all; when it does not, the runner is told to feed occlusion's batches one image at a time.
 */
final class WarmUpCheck {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUpCheck.class);

  private WarmUpCheck() {}

  /**
   * Returns how the class maps become heatmap values (null without a map output); closes the runner
   * and throws when the package does not fit its card.
   */
  static MapActivation run(ModelPackage pkg, ModelRunner runner) throws ModelPackageException {
    ModelCard card = pkg.card();
    ModelCard.Outputs o = card.outputs();
    RawOutput out = testRun(pkg, runner);
    List<String> problems = shapeProblems(card, out);
    MapActivation declared = MapActivation.fromCard(o.activation());
    if (problems.isEmpty()
        && o.cams() != null
        && declared != null
        && MapActivation.isPooledMaps(out, o.maxPooling())) {
      runner.readProbabilitiesAsLogits(declared);
      out = testRun(pkg, runner);
    }
    MapActivation activation = null;
    if (problems.isEmpty()) {
      problems.addAll(rangeProblems(card, out));
    }
    if (problems.isEmpty()) {
      // Logits of a blank input can happen to lie in [0, 1]; an image with structure rarely
      // keeps them there.
      problems.addAll(rangeProblems(card, testRun(pkg, runner, textured(card.input()))));
    }
    if (problems.isEmpty() && o.cams() != null) {
      if (declared != null && !MapActivation.agrees(out, declared, o.maxPooling())) {
        problems.add(
            "outputs.activation says "
                + o.activation()
                + " but that activation of the "
                + (o.maxPooling() ? "maximum" : "mean")
                + " of each map does not give the"
                + " probabilities");
      }
      activation = declared != null ? declared : MapActivation.infer(out, o.maxPooling());
    }
    if (!problems.isEmpty()) {
      runner.close();
      throw new ModelPackageException(
          "Model package "
              + pkg.source()
              + " refused: its outputs do not match the card: "
              + String.join("; ", problems));
    }
    if (!takesBatches(runner, card.input())) {
      LOG.info("Model {} takes one image per run; larger batches are split", card.id());
      runner.limitBatches(1);
    }
    return activation;
  }

  private static RawOutput testRun(ModelPackage pkg, ModelRunner runner)
      throws ModelPackageException {
    return testRun(pkg, runner, blank(pkg.card().input(), 1));
  }

  private static RawOutput testRun(ModelPackage pkg, ModelRunner runner, TensorBatch batch)
      throws ModelPackageException {
    ModelCard.Input in = pkg.card().input();
    try {
      return runner.run(batch);
    } catch (TranslateException | RuntimeException e) {
      runner.close();
      throw new ModelPackageException(
          "Model package "
              + pkg.source()
              + " refused: a test run on the card's input (input.width "
              + in.width()
              + ", input.height "
              + in.height()
              + ", input.channels "
              + in.channels()
              + ") failed: "
              + EngineFailure.reason(e),
          e);
    }
  }

  private static List<String> shapeProblems(ModelCard card, RawOutput out) {
    List<String> problems = new ArrayList<>();
    int labels = card.labels().size();
    ModelCard.Outputs o = card.outputs();
    if (out.missing() != null) {
      problems.add(out.missing());
      return problems;
    }
    long[] ps = out.probabilityShape();
    if (ps.length != 2 || ps[0] != 1 || ps[1] != labels) {
      problems.add(
          wrongShape(
              "probabilities",
              ps,
              labels,
              "[1, " + labels + "] (axes of length 1 may be added or left out)"));
    }
    if (o.cams() != null) {
      long[] cs = out.camShape();
      if (cs.length != 4 || cs[0] != 1 || cs[1] != labels) {
        problems.add(wrongShape("cams", cs, labels, "[1, " + labels + ", h, w]"));
      } else if (transposed(cs[2], cs[3], card.input())) {
        // Width and height swapped would put every heatmap peak at the mirror of its evidence.
        problems.add(
            "cams output has shape "
                + Arrays.toString(cs)
                + ", taller than wide as the input is wide (input.width "
                + card.input().width()
                + ", input.height "
                + card.input().height()
                + "): its maps must be [labels, height, width], not [labels, width, height]");
      }
    }
    return problems;
  }

  /** A map whose sides follow the input's, but across: h/w of the map is w/h of the input. */
  private static boolean transposed(long h, long w, ModelCard.Input in) {
    if (h == w || in.width().equals(in.height())) {
      return false;
    }
    double map = (double) h / w;
    double across = (double) in.width() / in.height();
    double along = (double) in.height() / in.width();
    return Math.abs(Math.log(map / across)) < Math.abs(Math.log(map / along)) / 4;
  }

  private static String wrongShape(String output, long[] shape, int labels, String need) {
    return output
        + " output has shape "
        + Arrays.toString(shape)
        + ", the card's "
        + labels
        + " label(s) need "
        + need;
  }

  private static List<String> rangeProblems(ModelCard card, RawOutput out) {
    for (float p : out.probabilities()) {
      if (!(p >= 0 && p <= 1)) {
        return List.of(
            "probabilities output holds "
                + p
                + ", outside [0, 1]"
                + (card.outputs().activation() == null
                    ? " (if it gives logits, set outputs.activation to sigmoid or softmax)"
                    : ""));
      }
    }
    return List.of();
  }

  private static boolean takesBatches(ModelRunner runner, ModelCard.Input in) {
    try {
      return runner.run(blank(in, 2)).batch() == 2;
    } catch (TranslateException | RuntimeException e) {
      return false;
    }
  }

  /**
   * One input as preprocessing would make it from a film of diagonal bands: every display level
   * from black to white, normalized by the card's mean and std.
   */
  private static TensorBatch textured(ModelCard.Input in) {
    int plane = in.width() * in.height();
    float[] data = new float[in.channels() * plane];
    for (int c = 0; c < in.channels(); c++) {
      for (int y = 0; y < in.height(); y++) {
        for (int x = 0; x < in.width(); x++) {
          double level = ((x + 2 * y) % 64) / 63.0;
          data[c * plane + y * in.width() + x] = (float) ((level - in.mean()[c]) / in.std()[c]);
        }
      }
    }
    return new TensorBatch(data, 1, in.channels(), in.height(), in.width());
  }

  private static TensorBatch blank(ModelCard.Input in, int n) {
    float[] data = new float[n * in.channels() * in.width() * in.height()];
    return new TensorBatch(data, n, in.channels(), in.height(), in.width());
  }
}
