package org.radassist.inference.network;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A network (or ensemble) that, when analysing, also looks at the image mirrored left to right: the
 * image and its mirror go through as one batch, the mirror's map of logits is turned back cell for
 * cell and the two maps are averaged before pooling. The networks were trained on crops mirrored
 * half of the time, so both looks are ones they know. The map turns back exactly only when the
 * input width is a multiple of the map's cell (2^(stages-1) pixels), as every card's is. Training
 * passes straight through. Its parameters are the inner block's, written and read without a header
 * of its own, so adding the mirror to a card leaves the weights file and its sha256 as they were.
 */
final class MirrorMean extends AbstractBlock {
  private static final int WIDTH_AXIS = 3;

  private final Block inner;
  private final boolean maxPooling;

  MirrorMean(Block inner, boolean maxPooling) {
    this.inner = addChildBlock("looks", inner);
    this.maxPooling = maxPooling;
  }

  /** The block that runs each look: a single network or an ensemble. */
  Block inner() {
    return inner;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    if (training) {
      return inner.forward(parameterStore, inputs, true, params);
    }
    NDArray image = inputs.head();
    long n = image.getShape().get(0);
    NDArray both = NDArrays.concat(new NDList(image, image.flip(WIDTH_AXIS)), 0);
    NDArray cams =
        inner.forward(parameterStore, new NDList(both), false, params).get(CamNet.CAMS_OUTPUT);
    NDArray seen = cams.get("0:" + n);
    NDArray mirrored = cams.get(n + ":").flip(WIDTH_AXIS);
    return CamNet.heads(seen.add(mirrored).div(2), maxPooling);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inner.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    inner.initialize(manager, dataType, inputShapes);
  }

  @Override
  public void saveParameters(DataOutputStream os) throws IOException {
    inner.saveParameters(os);
  }

  @Override
  public void loadParameters(NDManager manager, DataInputStream is)
      throws IOException, MalformedModelException {
    inner.loadParameters(manager, is);
  }
}
