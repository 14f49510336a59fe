package org.radassist.inference.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An ensemble of CamNets of one shape: each member runs on the image and their maps of logits are
 * averaged, then pooled like a single network's. Each member's intermediate arrays are freed as
 * soon as its map is out: kept to the end of the image, as DJL keeps them, the fracture model's
 * three 1024 px networks took 1.50-1.56 s per film on one thread in {@code bench inference}, freed
 * 0.92-0.98 s. Given lanes, members run that many at a time on threads of their own: on two cores
 * with one PyTorch thread each, the fracture model took 0.58-0.61 s a film against 0.98-1.00 s one
 * after another (two runs of {@code bench inference} minutes apart). A {@link ParallelBlock}
 * underneath, so its parameter file is the one a ParallelBlock of the same members writes.
 */
final class MemberMean extends ParallelBlock {
  private static final ExecutorService LANES =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "radassist-ensemble-lane");
            t.setDaemon(true);
            return t;
          });

  private final boolean maxPooling;
  private volatile int lanes = 1;

  MemberMean(List<Block> members, boolean maxPooling) {
    super(outputs -> mean(outputs, maxPooling), members);
    this.maxPooling = maxPooling;
  }

  /** How many members run at once when analysing; see {@link CamNet#runMembersSideBySide}. */
  void lanes(int count) {
    lanes = Math.max(1, Math.min(count, getChildren().size()));
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
    List<Block> members = getChildren().values();
    NDArray[] cams = new NDArray[members.size()];
    int n = lanes;
    // Each lane but the first gets its own copy of the input: a lane moves its input into the
    // scope that frees its work, and two lanes must not move the same array.
    List<NDList> laneInputs = new ArrayList<>();
    laneInputs.add(inputs);
    for (int lane = 1; lane < n; lane++) {
      NDList copy = new NDList();
      inputs.forEach(a -> copy.add(a.duplicate()));
      laneInputs.add(copy);
    }
    List<Future<?>> running = new ArrayList<>();
    for (int lane = 1; lane < n; lane++) {
      int first = lane;
      running.add(
          LANES.submit(
              () ->
                  runLane(
                      first,
                      n,
                      members,
                      laneInputs.get(first),
                      owner,
                      cams,
                      parameterStore,
                      params)));
    }
    runLane(0, n, members, inputs, owner, cams, parameterStore, params);
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while an ensemble member ran", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(e.getCause());
      }
    }
    // Summed in member order whatever the lanes, so the maps do not depend on the core count.
    NDArray sum = cams[0];
    for (int k = 1; k < cams.length; k++) {
      sum = sum.add(cams[k]);
    }
    return CamNet.heads(sum.div(members.size()), maxPooling);
  }

  /** Runs members {@code first, first + step, ...}, freeing each one's work once its map is out. */
  private static void runLane(
      int first,
      int step,
      List<Block> members,
      NDList input,
      NDManager owner,
      NDArray[] cams,
      ParameterStore parameterStore,
      PairList<String, Object> params) {
    boolean ownCopy = first > 0;
    try (NDManager lane = owner.newSubManager()) {
      if (ownCopy) {
        input.attach(lane);
      }
      for (int k = first; k < members.size(); k += step) {
        try (NDManager scope = lane.newSubManager()) {
          if (!ownCopy) {
            input.tempAttach(scope);
          }
          NDArray map =
              members.get(k).forward(parameterStore, input, false, params).get(CamNet.CAMS_OUTPUT);
          map.attach(owner);
          cams[k] = map;
        }
      }
    }
  }

  private static NDList mean(List<NDList> outputs, boolean maxPooling) {
    NDArray cams = outputs.get(0).get(CamNet.CAMS_OUTPUT);
    for (int k = 1; k < outputs.size(); k++) {
      cams = cams.add(outputs.get(k).get(CamNet.CAMS_OUTPUT));
    }
    return CamNet.heads(cams.div(outputs.size()), maxPooling);
  }
}
