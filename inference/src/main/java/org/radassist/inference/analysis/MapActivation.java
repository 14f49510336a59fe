package org.radassist.inference.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How one cell of a class-activation map becomes a probability-scaled heatmap value, matching the
 * activation the model applies to the pooled maps; {@link #RELATIVE} when the maps are not the
 * logits the probabilities come from.
 */
enum MapActivation {
  SIGMOID,
  SOFTMAX,
  RELATIVE;

  private static final double TOLERANCE = 1e-3;

  static MapActivation fromCard(String value) {
    return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** The activation under which the pooled maps reproduce the probabilities, if any. */
  static MapActivation infer(RawOutput out, boolean maxPooling) {
    if (agrees(out, SIGMOID, maxPooling)) {
      return SIGMOID;
    }
    if (agrees(out, SOFTMAX, maxPooling)) {
      return SOFTMAX;
    }
    return RELATIVE;
  }

  static boolean agrees(RawOutput out, MapActivation activation, boolean maxPooling) {
    return poolsTo(out, activation::apply, maxPooling);
  }

  /** Whether the probabilities output is the pooled maps themselves, i.e. logits. */
  static boolean isPooledMaps(RawOutput out, boolean maxPooling) {
    return poolsTo(out, UnaryOperator.identity(), maxPooling);
  }

  private static boolean poolsTo(
      RawOutput out, UnaryOperator<double[]> activation, boolean maxPooling) {
    int labels = out.labels();
    for (int item = 0; item < out.batch(); item++) {
      double[] means = new double[labels];
      for (int l = 0; l < labels; l++) {
        means[l] = maxPooling ? max(out.cam(item, l)) : mean(out.cam(item, l));
      }
      double[] p = activation.apply(means);
      for (int l = 0; l < labels; l++) {
        if (Math.abs(p[l] - out.probability(item, l)) > TOLERANCE) {
          return false;
        }
      }
    }
    return true;
  }

  /** Probabilities from a {@code [batch, labels]} logits tensor, differentiable. */
  NDArray probabilities(NDArray logits) {
    return switch (this) {
      case SIGMOID -> Activation.sigmoid(logits);
      case SOFTMAX -> logits.softmax(1);
      case RELATIVE -> throw new IllegalStateException("relative maps have no logits");
    };
  }

  /** Per-label values for one cell (or one pooled vector) of logits. */
  double[] apply(double[] logits) {
    double[] p = new double[logits.length];
    switch (this) {
      case SIGMOID -> {
        for (int i = 0; i < p.length; i++) {
          p[i] = 1.0 / (1.0 + Math.exp(-logits[i]));
        }
      }
      case SOFTMAX -> {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
          max = Math.max(max, l);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
          p[i] = Math.exp(logits[i] - max);
          sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
          p[i] /= sum;
        }
      }
      case RELATIVE -> throw new IllegalStateException("relative maps have no cell activation");
    }
    return p;
  }

  /**
   * Per-label heatmap cells of one batch item, in [0, 1]: the activation cell by cell, or for
   * {@link #RELATIVE} the min-max scaled map times the label's probability.
   */
  float[][] cells(RawOutput out, int item) {
    int labels = out.labels();
    int cells = out.camHeight() * out.camWidth();
    float[][] maps = new float[labels][];
    for (int l = 0; l < labels; l++) {
      maps[l] = out.cam(item, l);
    }
    if (this == RELATIVE) {
      for (int l = 0; l < labels; l++) {
        scaleToPeak(maps[l], out.probability(item, l));
      }
      return maps;
    }
    float[][] result = new float[labels][cells];
    double[] logits = new double[labels];
    for (int c = 0; c < cells; c++) {
      for (int l = 0; l < labels; l++) {
        logits[l] = maps[l][c];
      }
      double[] p = apply(logits);
      for (int l = 0; l < labels; l++) {
        result[l][c] = (float) p[l];
      }
    }
    return result;
  }

  /** Min-max scales {@code map} in place so that its peak equals {@code peak}. */
  static void scaleToPeak(float[] map, double peak) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : map) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float span = max - min;
    for (int i = 0; i < map.length; i++) {
      map[i] = span > 0 ? (float) ((map[i] - min) / span * peak) : 0f;
    }
  }

  private static double max(float[] values) {
    double m = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static double mean(float[] values) {
    double s = 0;
    for (float v : values) {
      s += v;
    }
    return s / values.length;
  }
}
