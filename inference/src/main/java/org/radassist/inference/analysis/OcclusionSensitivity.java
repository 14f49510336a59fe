package org.radassist.inference.analysis;

import ai.djl.translate.TranslateException;
import java.util.Arrays;
import org.radassist.inference.preprocess.PreprocessedImage;

/**
 * The heatmap for models that output only probabilities: hide one patch of the input at a time (set
 * it to the image's mean) and record how much each label's probability drops. An 8x8 grid of
 * patches twice the cell size, so every cell is covered by its own centred patch; the 64 occluded
 * copies run in batches of 16.
 */
final class OcclusionSensitivity {
  static final int GRID = 8;
  private static final int BATCH = 16;

  private OcclusionSensitivity() {}

  /** Per label, a {@code GRID x GRID} map scaled so its peak equals the label's probability. */
  static float[][] cells(ModelRunner runner, PreprocessedImage img, float[] baseline)
      throws TranslateException {
    int c = img.channels();
    int w = img.width();
    int h = img.height();
    int plane = w * h;
    float[] fill = new float[c];
    for (int ch = 0; ch < c; ch++) {
      double s = 0;
      for (int i = 0; i < plane; i++) {
        s += img.tensor()[ch * plane + i];
      }
      fill[ch] = (float) (s / plane);
    }
    int labels = baseline.length;
    float[][] maps = new float[labels][GRID * GRID];
    for (int first = 0; first < GRID * GRID; first += BATCH) {
      int n = Math.min(BATCH, GRID * GRID - first);
      float[] data = new float[n * c * plane];
      for (int k = 0; k < n; k++) {
        int cell = first + k;
        System.arraycopy(img.tensor(), 0, data, k * c * plane, c * plane);
        occlude(data, k * c * plane, c, w, h, cell % GRID, cell / GRID, fill);
      }
      RawOutput out = runner.run(new TensorBatch(data, n, c, h, w));
      for (int k = 0; k < n; k++) {
        for (int l = 0; l < labels; l++) {
          maps[l][first + k] = Math.max(0f, baseline[l] - out.probability(k, l));
        }
      }
    }
    for (int l = 0; l < labels; l++) {
      MapActivation.scaleToPeak(maps[l], baseline[l]);
    }
    return maps;
  }

  private static void occlude(
      float[] data, int base, int c, int w, int h, int gx, int gy, float[] fill) {
    double cw = (double) w / GRID;
    double chh = (double) h / GRID;
    int x0 = (int) Math.max(0, Math.floor((gx - 0.5) * cw));
    int x1 = (int) Math.min(w, Math.ceil((gx + 1.5) * cw));
    int y0 = (int) Math.max(0, Math.floor((gy - 0.5) * chh));
    int y1 = (int) Math.min(h, Math.ceil((gy + 1.5) * chh));
    for (int ch = 0; ch < c; ch++) {
      for (int y = y0; y < y1; y++) {
        int row = base + ch * w * h + y * w;
        Arrays.fill(data, row + x0, row + x1, fill[ch]);
      }
    }
  }
}
