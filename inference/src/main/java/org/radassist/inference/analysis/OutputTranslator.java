package org.radassist.inference.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;

/**
 * Hands a ready tensor batch to the network and copies the outputs the card names back to Java.
 * Preprocessing stays outside DJL so that its geometry is ours and testable without an engine.
 */
final class OutputTranslator implements NoBatchifyTranslator<TensorBatch, RawOutput> {
  private final int probabilitiesIndex;
  private final Integer camsIndex;

  OutputTranslator(int probabilitiesIndex, Integer camsIndex) {
    this.probabilitiesIndex = probabilitiesIndex;
    this.camsIndex = camsIndex;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, TensorBatch in) {
    NDArray x =
        ctx.getNDManager()
            .create(in.data(), new Shape(in.n(), in.channels(), in.height(), in.width()));
    return new NDList(x);
  }

  @Override
  public RawOutput processOutput(TranslatorContext ctx, NDList list) throws TranslateException {
    int count = list.size();
    if (probabilitiesIndex >= count || (camsIndex != null && camsIndex >= count)) {
      return new RawOutput(count, null, null, null, null);
    }
    NDArray p = list.get(probabilitiesIndex);
    float[] probs = p.toType(DataType.FLOAT32, false).toFloatArray();
    float[] cams = null;
    long[] camShape = null;
    if (camsIndex != null) {
      NDArray c = list.get(camsIndex);
      cams = c.toType(DataType.FLOAT32, false).toFloatArray();
      camShape = c.getShape().getShape();
    }
    return new RawOutput(count, probs, p.getShape().getShape(), cams, camShape);
  }
}
