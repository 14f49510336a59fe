package org.radassist.inference.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;
import org.radassist.inference.model.OutputRef;

/**
 * Hands a ready tensor batch to the network and copies the outputs the card names back to Java.
 * Preprocessing stays outside DJL so that its geometry is ours and testable without an engine. An
 * output whose shape {@link ProbabilityOutput} does not accept is copied as it came, so the load
 * check can report the shape the model really gives.
 */
final class OutputTranslator implements NoBatchifyTranslator<TensorBatch, RawOutput> {
  private static final String BATCH = "batch";

  private final OutputRef probabilities;
  private final OutputRef cams;
  private final ProbabilityOutput reader;

  OutputTranslator(OutputRef probabilities, OutputRef cams, ProbabilityOutput reader) {
    this.probabilities = probabilities;
    this.cams = cams;
    this.reader = reader;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, TensorBatch in) {
    ctx.setAttachment(BATCH, in.n());
    NDArray x =
        ctx.getNDManager()
            .create(in.data(), new Shape(in.n(), in.channels(), in.height(), in.width()));
    return new NDList(x);
  }

  @Override
  public RawOutput processOutput(TranslatorContext ctx, NDList list) {
    String missing = missing(list, probabilities);
    if (missing == null && cams != null) {
      missing = missing(list, cams);
    }
    if (missing != null) {
      return new RawOutput(missing, null, null, null, null);
    }
    int batch = (Integer) ctx.getAttachment(BATCH);
    NDArray raw = select(list, probabilities);
    NDArray p = reader.read(raw, batch).orElse(raw);
    float[] maps = null;
    long[] camShape = null;
    if (cams != null) {
      NDArray rawMaps = select(list, cams);
      NDArray c = reader.readMaps(rawMaps, batch).orElse(rawMaps);
      maps = c.toType(DataType.FLOAT32, false).toFloatArray();
      camShape = c.getShape().getShape();
    }
    return new RawOutput(
        null,
        p.toType(DataType.FLOAT32, false).toFloatArray(),
        p.getShape().getShape(),
        maps,
        camShape);
  }

  /** The output {@code ref} names; call only when {@link #missing} found it. */
  static NDArray select(NDList list, OutputRef ref) {
    if (ref.key() != null) {
      return list.stream().filter(a -> ref.key().equals(a.getName())).findFirst().orElseThrow();
    }
    return list.get(ref.index());
  }

  /** Why {@code ref} names no output of {@code list}, in card terms; null when it does. */
  static String missing(NDList list, OutputRef ref) {
    List<String> keys = keys(list);
    if (ref.key() != null) {
      return keys.contains(ref.key())
          ? null
          : "the card names output "
              + ref
              + " but the model returns "
              + (keys.isEmpty() ? list.size() + " output(s) without keys" : "a dict of " + keys);
    }
    if (keys.size() > 1) {
      return "the model returns a dict of "
          + keys
          + ", whose order does not survive into Java; name its entries by key, as in"
          + " \"probabilities\": \""
          + keys.get(0)
          + "\"";
    }
    return ref.index() < list.size()
        ? null
        : "the model returns "
            + list.size()
            + " output(s) but the card names output "
            + ref
            + " (outputs are counted from 0)";
  }

  /** The keys of a dict output, empty for a tensor, tuple or list. */
  private static List<String> keys(NDList list) {
    List<String> keys = new ArrayList<>();
    for (NDArray a : list) {
      if (a.getName() == null || a.getName().isEmpty()) {
        return List.of();
      }
      keys.add(a.getName());
    }
    return keys;
  }
}
