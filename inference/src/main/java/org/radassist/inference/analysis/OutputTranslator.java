package org.radassist.inference.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Hands a ready tensor batch to the network and copies the outputs the card names back to Java.
 * Preprocessing stays outside DJL so that its geometry is ours and testable without an engine. An
 * output whose shape {@link ProbabilityOutput} does not accept is copied as it came, so the load
 * check can report the shape the model really gives.
 */
final class OutputTranslator implements NoBatchifyTranslator<TensorBatch, RawOutput> {
  private static final String BATCH = "batch";

  private final int probabilitiesIndex;
  private final Integer camsIndex;
  private final ProbabilityOutput reader;

  OutputTranslator(int probabilitiesIndex, Integer camsIndex, ProbabilityOutput reader) {
    this.probabilitiesIndex = probabilitiesIndex;
    this.camsIndex = camsIndex;
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
    int count = list.size();
    if (probabilitiesIndex >= count || (camsIndex != null && camsIndex >= count)) {
      return new RawOutput(count, null, null, null, null);
    }
    int batch = (Integer) ctx.getAttachment(BATCH);
    NDArray raw = list.get(probabilitiesIndex);
    NDArray p = reader.read(raw, batch).orElse(raw);
    float[] cams = null;
    long[] camShape = null;
    if (camsIndex != null) {
      NDArray rawMaps = list.get(camsIndex);
      NDArray c = reader.readMaps(rawMaps, batch).orElse(rawMaps);
      cams = c.toType(DataType.FLOAT32, false).toFloatArray();
      camShape = c.getShape().getShape();
    }
    return new RawOutput(
        count,
        p.toType(DataType.FLOAT32, false).toFloatArray(),
        p.getShape().getShape(),
        cams,
        camShape);
  }
}
