package org.radassist.inference.analysis;

/**
 * What the network returned for a batch, copied out of native memory: the probability output and,
 * when the card names one, the map output, each with its shape; {@code outputCount} is the length
 * of the output tuple, kept so the load check can tell a wrong index from a wrong shape.
 */
record RawOutput(
    int outputCount,
    float[] probabilities,
    long[] probabilityShape,
    float[] cams,
    long[] camShape) {

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
    int cells = camHeight() * camWidth();
    float[] out = new float[cells];
    System.arraycopy(cams, (item * labels() + label) * cells, out, 0, cells);
    return out;
  }
}
