package org.radassist.inference.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * An ensemble of CamNets of one shape: each member runs on the image in turn and their maps of
 * logits are averaged, then pooled like a single network's. Each member's intermediate arrays are
 * freed as soon as its map is out: kept to the end of the image, as DJL keeps them, the fracture
 * model's three 1024 px networks took 1.50-1.56 s per film on one thread in {@code bench
 * inference}, freed 0.92-0.98 s. A {@link ParallelBlock} underneath, so its parameter file is the
 * one a ParallelBlock of the same members writes.
 */
final class MemberMean extends ParallelBlock {
  private final boolean maxPooling;

  MemberMean(List<Block> members, boolean maxPooling) {
    super(outputs -> mean(outputs, maxPooling), members);
    this.maxPooling = maxPooling;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    if (training) {
      return super.forwardInternal(parameterStore, inputs, true, params);
    }
    NDManager owner = inputs.head().getManager();
    NDArray sum = null;
    for (Block member : getChildren().values()) {
      try (NDManager scope = owner.newSubManager()) {
        inputs.tempAttach(scope);
        NDArray cams =
            member.forward(parameterStore, inputs, false, params).get(CamNet.CAMS_OUTPUT);
        cams.attach(owner);
        sum = sum == null ? cams : sum.add(cams);
      }
    }
    return CamNet.heads(sum.div(getChildren().size()), maxPooling);
  }

  private static NDList mean(List<NDList> outputs, boolean maxPooling) {
    NDArray cams = outputs.get(0).get(CamNet.CAMS_OUTPUT);
    for (int k = 1; k < outputs.size(); k++) {
      cams = cams.add(outputs.get(k).get(CamNet.CAMS_OUTPUT));
    }
    return CamNet.heads(cams.div(outputs.size()), maxPooling);
  }
}
