package org.radassist.inference.analysis;

import java.lang.ref.SoftReference;

/**
 * Where the model saw evidence for one label, one value in [0, 1] per image pixel (row-major, x =
 * column, y = row), on the same scale as the label's probability so the label threshold applies to
 * it directly.
 *
 * <p>{@link Method#CAM}: the model's class-activation map cell by cell through the model's own
 * output activation (sigmoid of the cell's logit, or softmax across labels per cell), i.e. the
 * probability the model would give if the whole image looked like that cell (for a max-pooling
 * model the image probability is then exactly the heatmap's peak). When a model's maps are not
 * logits, the map is min-max scaled and multiplied by the image probability so the peak equals the
 * probability. {@link Method#OCCLUSION}, for models without a map output: the drop of the label's
 * probability when that region is hidden, scaled the same way. {@link Method#GRADIENT}, an option
 * for TorchScript models without a map output: SmoothGrad input x gradient (see GradientSaliency).
 * Either map is sampled bilinearly from the model's grid back through the preprocessing geometry;
 * pixels the model never saw (cropped away) are 0. Which method a model gets and why: see the
 * package documentation.
 */
public final class Heatmap {
  /** How the map was computed. */
  public enum Method {
    CAM,
    OCCLUSION,
    GRADIENT
  }

  private final String label;
  private final Method method;
  private final int width;
  private final int height;
  private final GridMap grid;

  /** The image-sized values a map was made from; null for a map kept on the model's grid. */
  private final float[] given;

  /**
   * A grid map's image-sized values once made, held softly: a workstation keeps the result of every
   * image analysed in a session, and 64 MB per label of a 4k film, kept for each, would fill the
   * heap; they are made again from the grid when wanted.
   */
  private volatile SoftReference<float[]> made;

  /**
   * The encoded PNG once made: {@code analyze} writes it to a file and files it in the reading
   * record, and encoding a 2k map twice cost as much as the network.
   */
  private volatile byte[] png;

  public Heatmap(String label, Method method, int width, int height, float[] values) {
    if (values.length != width * height) {
      throw new IllegalArgumentException("heatmap needs width*height values");
    }
    this.label = label;
    this.method = method;
    this.width = width;
    this.height = height;
    this.grid = null;
    this.given = values;
  }

  /** A map kept on the model's grid; the image-sized values are made on first use. */
  Heatmap(String label, Method method, GridMap grid) {
    this.label = label;
    this.method = method;
    this.width = grid.width();
    this.height = grid.height();
    this.grid = grid;
    this.given = null;
  }

  /** The model-grid form, or null for a map made from image-sized values. */
  GridMap grid() {
    return grid;
  }

  public String label() {
    return label;
  }

  public Method method() {
    return method;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public float value(int x, int y) {
    float[] v = given != null ? given : made == null ? null : made.get();
    return v != null ? v[y * width + x] : grid.value(x, y);
  }

  /**
   * The backing array, not a copy (maps are image-sized); callers must not write to it. A map kept
   * on the model's grid makes it when asked (a few milliseconds for a 2k image) and keeps it while
   * memory allows.
   */
  public float[] values() {
    if (given != null) {
      return given;
    }
    SoftReference<float[]> ref = made;
    float[] v = ref == null ? null : ref.get();
    if (v == null) {
      synchronized (this) {
        ref = made;
        v = ref == null ? null : ref.get();
        if (v == null) {
          v = grid.toImage();
          made = new SoftReference<>(v);
        }
      }
    }
    return v;
  }

  public float max() {
    float m = 0;
    for (float v : values()) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** The 8-bit rendering the CLI writes as {@code heatmap-<label>.png}: value x 255, rounded. */
  public byte[] toGray8() {
    float[] v = given;
    if (v == null) {
      return grid.toGray8();
    }
    byte[] out = new byte[v.length];
    float[] line = new float[width];
    for (int y = 0; y < height; y++) {
      System.arraycopy(v, y * width, line, 0, width);
      gray8(line, width, out, y * width);
    }
    return out;
  }

  /**
   * {@link #toGray8()} as an 8-bit greyscale PNG, the file {@code analyze --out} writes as {@code
   * heatmap-<label>.png}; a map still on the model's grid is rendered row by row straight into the
   * encoder.
   */
  public byte[] toPng() {
    byte[] p = png;
    if (p == null) {
      p =
          given == null
              ? PngEncoder.gray8(width, height, grid.gray8Rows())
              : PngEncoder.gray8(width, height, toGray8());
      png = p;
    }
    return p.clone();
  }

  /**
   * Each value of {@code line[0..n)} clamped to [0, 1], times 255 and rounded half up, into {@code
   * out} from {@code base}, overwriting {@code line}. This runs for every pixel of every map
   * written, and as two loops it takes a quarter of the time of one loop doing both.
   */
  static void gray8(float[] line, int n, byte[] out, int base) {
    for (int x = 0; x < n; x++) {
      line[x] = gray8Level(line[x]);
    }
    for (int x = 0; x < n; x++) {
      out[base + x] = (byte) (int) line[x];
    }
  }

  /**
   * The grey level before truncation. Adding the float just below one half and truncating gives
   * {@code Math.round} for every float (an exact half still rounds the sum up to the next integer,
   * anything less stays below it; checked for all 2^32 values), at a fraction of its cost.
   */
  private static float gray8Level(float value) {
    return Math.min(1f, Math.max(0f, value)) * 255f + 0.49999997f;
  }
}
