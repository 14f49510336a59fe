package org.radassist.inference.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Optional;
import org.radassist.inference.model.ModelCard;

/**
 * Reads the output the card names {@code probabilities} as {@code [batch, labels]} probabilities.
 * Sites' classifiers shape that output in more ways than one: besides {@code [batch, labels]} any
 * shape that differs from it only by axes of length one is accepted, such as {@code [batch, labels,
 * 1, 1]} (a 1x1-convolution head without a flatten), {@code [labels]} for a batch of one, or a
 * scalar from a one-label model's {@code squeeze()}; the map output is accepted as {@code [batch,
 * labels, h, w]} or, for a batch of one, {@code [labels, h, w]}. A card without a map output whose
 * {@code outputs.activation} is set declares that output to hold logits, and the activation is
 * applied here, so that inference, occlusion and gradients all see probabilities.
 */
final class ProbabilityOutput {
  private final int labels;
  private volatile MapActivation logitActivation;

  ProbabilityOutput(ModelCard card) {
    this.labels = card.labels().size();
    ModelCard.Outputs outputs = card.outputs();
    this.logitActivation =
        outputs.cams() == null ? MapActivation.fromCard(outputs.activation()) : null;
  }

  /** From now on, reads the output as logits that {@code activation} turns into probabilities. */
  void readAsLogits(MapActivation activation) {
    logitActivation = activation;
  }

  /** The output as probabilities of shape {@code [batch, labels]}, empty for any other shape. */
  Optional<NDArray> read(NDArray raw, int batch) {
    if (!Arrays.equals(withoutOnes(raw.getShape()), withoutOnes(new Shape(batch, labels)))) {
      return Optional.empty();
    }
    NDArray p = raw.reshape(batch, labels);
    return Optional.of(logitActivation == null ? p : logitActivation.probabilities(p));
  }

  /** The axes longer than one, in order: what a reshape to {@code [batch, labels]} must keep. */
  private static long[] withoutOnes(Shape s) {
    return Arrays.stream(s.getShape()).filter(d -> d != 1).toArray();
  }

  /** The map output as {@code [batch, labels, h, w]}, empty for any other shape. */
  Optional<NDArray> readMaps(NDArray raw, int batch) {
    Shape s = raw.getShape();
    if (s.dimension() == 4 && s.get(0) == batch && s.get(1) == labels) {
      return Optional.of(raw);
    }
    if (s.dimension() == 3 && batch == 1 && s.get(0) == labels) {
      return Optional.of(raw.reshape(1, labels, s.get(1), s.get(2)));
    }
    return Optional.empty();
  }
}
