package org.radassist.inference.demo;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.radassist.inference.network.CamNet;

/**
 * An exponential moving average of a network's parameters, batch-norm statistics included, kept
 * beside training and written instead of the last step's weights. With a few dozen steps an epoch
 * and films as varied as a clinic's, the last step's weights carry the noise of the last few
 * batches; the average over the last several epochs is the same model with that noise smoothed out,
 * for no extra training time. Kept in Java arrays (a few hundred thousand floats), so the sums are
 * the same on every machine and a resumed run continues the same average.
 */
final class WeightAverage {
  private final Block live;
  private final Block averaged;
  private final double decay;
  private final List<float[]> means = new ArrayList<>();
  private long updates;

  /**
   * Starts the average at {@code live}'s current values, or at the average a stopped run saved in
   * {@code saved} after {@code updatesSoFar} steps.
   *
   * @param averaged a second, initialised network of the same architecture, used to write the
   *     average in the network's own parameter format
   */
  WeightAverage(
      Block live, Block averaged, NDManager manager, double decay, long updatesSoFar, Path saved)
      throws IOException {
    this.live = live;
    this.averaged = averaged;
    this.decay = decay;
    this.updates = updatesSoFar;
    PairList<String, Parameter> from = live.getParameters();
    PairList<String, Parameter> to = averaged.getParameters();
    for (int i = 0; i < from.size(); i++) {
      if (!from.get(i).getKey().equals(to.get(i).getKey())) {
        throw new IllegalArgumentException("the two networks differ at " + from.get(i).getKey());
      }
    }
    if (updatesSoFar > 0 && Files.isRegularFile(saved)) {
      try {
        CamNet.loadParameters(averaged, manager, saved);
      } catch (MalformedModelException e) {
        throw new IOException("weight average " + saved + " does not fit this network", e);
      }
      for (Pair<String, Parameter> p : averaged.getParameters()) {
        means.add(p.getValue().getArray().toFloatArray());
      }
    } else {
      for (Pair<String, Parameter> p : from) {
        means.add(p.getValue().getArray().toFloatArray());
      }
    }
  }

  /**
   * Folds the live values in after an optimiser step. Early on the average would still remember the
   * random initialisation, so its decay ramps up from 0.1 the way the usual warm-up does.
   */
  void update() {
    updates++;
    double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
    float keep = (float) d;
    float take = (float) (1 - d);
    PairList<String, Parameter> params = live.getParameters();
    for (int i = 0; i < means.size(); i++) {
      float[] mean = means.get(i);
      float[] now = params.get(i).getValue().getArray().toFloatArray();
      for (int k = 0; k < mean.length; k++) {
        mean[k] = keep * mean[k] + take * now[k];
      }
    }
  }

  /** Writes the average as network parameters. */
  void save(Path file) throws IOException {
    PairList<String, Parameter> params = averaged.getParameters();
    for (int i = 0; i < means.size(); i++) {
      params.get(i).getValue().getArray().set(means.get(i));
    }
    CamNet.saveParameters(averaged, file);
  }
}
