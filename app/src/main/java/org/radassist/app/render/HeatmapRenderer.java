package org.radassist.app.render;

/**
 * Maps a heatmap (values in [0, 1], one per image pixel) to ARGB. Values below {@code floor} are
 * fully transparent and alpha grows with the value above it, so weak activations never veil the
 * anatomy while strong ones stand out; overall opacity is left to the caller (the slider).
 */
public final class HeatmapRenderer {
  private static final double MIN_ALPHA = 0.30;
  private static final double MAX_ALPHA = 0.90;

  private final Colormap colormap;
  private final double floor;
  private final int[] table = new int[256];

  public HeatmapRenderer(Colormap colormap, double floor) {
    if (floor < 0 || floor >= 1) {
      throw new IllegalArgumentException("Heatmap floor must be in [0, 1), was " + floor);
    }
    this.colormap = colormap;
    this.floor = floor;
    for (int i = 0; i < 256; i++) {
      double v = i / 255.0;
      if (v < floor) {
        table[i] = 0;
        continue;
      }
      double t = (v - floor) / (1.0 - floor);
      int alpha = (int) Math.round((MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * t) * 255.0);
      table[i] = alpha << 24 | colormap.rgb(v);
    }
  }

  /** The value from which a heatmap is painted; below it the film shows through. */
  public double floor() {
    return floor;
  }

  public Colormap colormap() {
    return colormap;
  }

  public int[] render(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = argb(values[i]);
    }
    return out;
  }

  /** The ARGB colour of one heatmap value. */
  public int argb(float v) {
    return table[v <= 0f ? 0 : v >= 1f ? 255 : (int) (v * 255f + 0.5f)];
  }
}
