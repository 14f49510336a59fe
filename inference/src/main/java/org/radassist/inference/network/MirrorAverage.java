package org.radassist.inference.network;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
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
 * Runs a CAM network on the image and on its left-right mirror, flips the second map back and
 * averages the two before pooling. A lesion the network half-sees on one side of a rib or a cortex
 * it may see better mirrored, while a film's own left-right asymmetries (heart, side markers) are
 * not taught features of a lesion. The network's parameters are read and written as its own, so a
 * card can turn mirroring on or off without new weights.
 */
final class MirrorAverage extends AbstractBlock {
  private static final int WIDTH_AXIS = 3;

  private final Block network;
  private final boolean maxPooling;

  MirrorAverage(Block network, boolean maxPooling) {
    this.network = addChildBlock("network", network);
    this.maxPooling = maxPooling;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray image = inputs.singletonOrThrow();
    NDArray cams = network.forward(store, inputs, training, params).get(CamNet.CAMS_OUTPUT);
    NDArray mirrored =
        network
            .forward(store, new NDList(image.flip(WIDTH_AXIS)), training, params)
            .get(CamNet.CAMS_OUTPUT)
            .flip(WIDTH_AXIS);
    return CamNet.heads(cams.add(mirrored).div(2), maxPooling);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return network.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    network.initialize(manager, dataType, shapes);
  }

  @Override
  public boolean isInitialized() {
    return network.isInitialized();
  }

  @Override
  public void saveParameters(DataOutputStream os) throws IOException {
    network.saveParameters(os);
  }

  @Override
  public void loadParameters(NDManager manager, DataInputStream is)
      throws IOException, MalformedModelException {
    network.loadParameters(manager, is);
  }
}
