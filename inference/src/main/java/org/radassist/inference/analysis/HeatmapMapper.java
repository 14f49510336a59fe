package org.radassist.inference.analysis;

import org.radassist.inference.preprocess.ImageMapping;

/**
 * Samples a coarse map laid over the whole input tensor back onto the image's pixel grid through
 * the preprocessing geometry (see {@link GridMap} for the exact rule).
 */
final class HeatmapMapper {
  private HeatmapMapper() {}

  static float[] toImage(float[] cells, int gridHeight, int gridWidth, ImageMapping m) {
    return new GridMap(cells, gridHeight, gridWidth, m).toImage();
  }
}
