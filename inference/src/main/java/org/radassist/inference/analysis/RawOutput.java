package org.radassist.inference.analysis;

import java.util.List;

/**
 * What the network returned for a batch, copied out of native memory: the probability output and,
 * when the card names one, the map output, each with its shape. When an output the card names is
 * not there, both are null and {@code missing} says why in card terms, so the load check can tell a
 * wrong index or key from a wrong shape.
 */
record RawOutput(
    String missing, float[] probabilities, long[] probabilityShape, float[] cams, long[] camShape) {

  int batch() {
    return (int) probabilityShape[0];
  }

  int labels() {
    return (int) probabilityShape[1];
  }

  int camHeight() {
    return (int) camShape[2];
  }

  int camWidth() {
    return (int) camShape[3];
  }

  float probability(int item, int label) {
    return probabilities[item * labels() + label];
  }

  /** The {@code [height, width]} map of one label for one batch item, row-major. */
  float[] cam(int item, int label) {
    int cells = cells();
    float[] out = new float[cells];
    System.arraycopy(cams, (item * labels() + label) * cells, out, 0, cells);
    return out;
  }

  /** The outputs of consecutive batches as the output of one batch holding all their items. */
  static RawOutput concat(List<RawOutput> parts) {
    RawOutput first = parts.get(0);
    int items = parts.stream().mapToInt(RawOutput::batch).sum();
    float[] probabilities = new float[items * first.labels()];
    float[] cams = first.cams == null ? null : new float[items * first.labels() * first.cells()];
    int p = 0;
    int c = 0;
    for (RawOutput part : parts) {
      System.arraycopy(part.probabilities, 0, probabilities, p, part.probabilities.length);
      p += part.probabilities.length;
      if (cams != null) {
        System.arraycopy(part.cams, 0, cams, c, part.cams.length);
        c += part.cams.length;
      }
    }
    long[] probabilityShape = first.probabilityShape.clone();
    probabilityShape[0] = items;
    long[] camShape = first.camShape == null ? null : first.camShape.clone();
    if (camShape != null) {
      camShape[0] = items;
    }
    return new RawOutput(first.missing, probabilities, probabilityShape, cams, camShape);
  }

  private int cells() {
    return camHeight() * camWidth();
  }
}
