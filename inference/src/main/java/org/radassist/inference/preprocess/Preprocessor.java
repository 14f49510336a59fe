package org.radassist.inference.preprocess;

import java.util.Arrays;
import java.util.List;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.inference.model.ModelCard;

/**
 * Turns a decoded frame into the tensor a model expects, following its card's {@code input}
 * section. Monochrome frames go through the modality LUT, then the card's windowing policy to a
 * display intensity in [0, 1] (MONOCHROME1 inverted so bone is bright, as the model saw in
 * training); RGB and YBR_FULL frames are taken as 8-bit colour. Immutable and thread-safe.
 */
public final class Preprocessor {
  private static final double LOW_PERCENTILE = 0.005;
  private static final double HIGH_PERCENTILE = 0.995;

  private final ModelCard.Input input;

  public Preprocessor(ModelCard.Input input) {
    this.input = input;
  }

  public PreprocessedImage apply(Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts) {
    int w = frame.columns();
    int h = frame.rows();
    float[][] planes = displayPlanes(frame, modalityLut, voiLuts);
    int channels = input.channels();
    ImageMapping mapping = ImageMapping.of(input.resize(), w, h, input.width(), input.height());
    float[][] resized = new float[planes.length][];
    for (int p = 0; p < planes.length; p++) {
      resized[p] = Resampler.resample(planes[p], mapping, 0f);
    }
    int n = input.width() * input.height();
    float[] tensor = new float[channels * n];
    double toScale = 255.0 / input.scale();
    for (int c = 0; c < channels; c++) {
      float[] plane = channelPlane(resized, c, channels, n);
      double mean = input.mean()[c];
      double std = input.std()[c];
      for (int i = 0; i < n; i++) {
        tensor[c * n + i] = (float) ((plane[i] * toScale - mean) / std);
      }
    }
    return new PreprocessedImage(tensor, channels, input.width(), input.height(), mapping);
  }

  private static float[] channelPlane(float[][] planes, int c, int channels, int n) {
    if (planes.length == channels) {
      return planes[c];
    }
    if (planes.length == 1) {
      return planes[0];
    }
    // A colour image for a grayscale model: Rec. 601 luma, what a viewer shows as grey.
    float[] luma = new float[n];
    for (int i = 0; i < n; i++) {
      luma[i] = 0.299f * planes[0][i] + 0.587f * planes[1][i] + 0.114f * planes[2][i];
    }
    return luma;
  }

  /** Display intensities in [0, 1]: one plane for monochrome, three (R, G, B) for colour. */
  float[][] displayPlanes(Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts) {
    Photometric pi = frame.photometric();
    if (pi.isMonochrome()) {
      return new float[][] {monochrome(frame, modalityLut, voiLuts)};
    }
    if (pi == Photometric.RGB || pi == Photometric.YBR_FULL) {
      return colour(frame, pi == Photometric.YBR_FULL);
    }
    throw new IllegalArgumentException(
        "Photometric interpretation " + pi.dicomName() + " is not supported for analysis");
  }

  /** Largest stored-value span handled through a per-value table rather than per pixel. */
  private static final int TABLE_LIMIT = 1 << 20;

  /**
   * Stored values to display intensities. Everything here depends on the stored value alone, so it
   * is computed once per distinct value (a table of at most 2^16 entries for 16-bit data) and the
   * percentiles come from a histogram: a 2048x2048 radiograph costs two passes over its pixels, not
   * a sort of four million values.
   */
  private float[] monochrome(Frame frame, ModalityLut lut, List<VoiLut> voiLuts) {
    int[] stored = frame.samples();
    int[] range = frame.storedRange();
    int min = range[0];
    int span = range[1] - range[0];
    if (span < 0 || span >= TABLE_LIMIT) {
      throw new IllegalArgumentException("stored values span " + span + ", too wide to window");
    }
    double[] modality = new double[span + 1];
    long[] counts = new long[span + 1];
    for (int v = 0; v <= span; v++) {
      modality[v] = lut.apply(min + v);
    }
    for (int s : stored) {
      counts[s - min]++;
    }
    float[] table = new float[span + 1];
    switch (input.windowing()) {
      case "dicom-voi" -> {
        VoiLut voi =
            voiLuts == null || voiLuts.isEmpty() ? minMaxWindow(modality, counts) : voiLuts.get(0);
        for (int v = 0; v <= span; v++) {
          table[v] = (float) voi.apply(modality[v]);
        }
      }
      case "percentile" -> {
        double[] p = percentiles(modality, counts, stored.length);
        linear(modality, p[0], p[1], table);
      }
      case "none" -> {
        double[] nominal = nominalRange(frame, lut);
        linear(modality, nominal[0], nominal[1], table);
      }
      default -> throw new IllegalArgumentException("unknown windowing " + input.windowing());
    }
    if (frame.photometric() == Photometric.MONOCHROME1 && input.invertMonochrome1()) {
      for (int v = 0; v <= span; v++) {
        table[v] = 1f - table[v];
      }
    }
    float[] out = new float[stored.length];
    for (int i = 0; i < stored.length; i++) {
      out[i] = table[stored[i] - min];
    }
    return out;
  }

  /** Min-max window over the modality values that occur in the frame. */
  private static VoiLut minMaxWindow(double[] modality, long[] counts) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < modality.length; v++) {
      if (counts[v] > 0) {
        lo = Math.min(lo, modality[v]);
        hi = Math.max(hi, modality[v]);
      }
    }
    return VoiLut.spanning(lo, hi);
  }

  /**
   * The 0.5 % and 99.5 % points of the modality values, exactly the elements a sort of all pixel
   * values would put at those ranks, found from the histogram ordered by modality value (a LUT
   * table need not be monotonic).
   */
  private static double[] percentiles(double[] modality, long[] counts, int n) {
    Integer[] order = new Integer[modality.length];
    for (int v = 0; v < order.length; v++) {
      order[v] = v;
    }
    Arrays.sort(order, (a, b) -> Double.compare(modality[a], modality[b]));
    long last = n - 1L;
    long loRank = (long) Math.floor(LOW_PERCENTILE * last);
    long hiRank = (long) Math.ceil(HIGH_PERCENTILE * last);
    double lo = Double.NaN;
    double hi = Double.NaN;
    long seen = 0;
    for (int v : order) {
      if (counts[v] == 0) {
        continue;
      }
      long next = seen + counts[v];
      if (Double.isNaN(lo) && loRank < next) {
        lo = modality[v];
      }
      if (hiRank < next) {
        hi = modality[v];
        break;
      }
      seen = next;
    }
    return new double[] {lo, hi};
  }

  /** {@code none}: the full range the stored bits can hold, through the modality LUT. */
  private static double[] nominalRange(Frame frame, ModalityLut lut) {
    int bits = frame.bitsStored();
    int lo = frame.signed() ? -(1 << (bits - 1)) : 0;
    int hi = frame.signed() ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    double a = lut.apply(lo);
    double b = lut.apply(hi);
    return new double[] {Math.min(a, b), Math.max(a, b)};
  }

  private static void linear(double[] values, double lo, double hi, float[] out) {
    double span = hi - lo;
    for (int i = 0; i < values.length; i++) {
      double t = span > 0 ? (values[i] - lo) / span : 0.0;
      out[i] = (float) Math.max(0, Math.min(1, t));
    }
  }

  private static float[][] colour(Frame frame, boolean ybr) {
    int n = frame.rows() * frame.columns();
    int[] s = frame.samples();
    float[][] rgb = new float[3][n];
    double max = (1 << frame.bitsStored()) - 1;
    for (int i = 0; i < n; i++) {
      double a = s[3 * i];
      double b = s[3 * i + 1];
      double c = s[3 * i + 2];
      if (ybr) {
        // PS3.3 C.7.6.3.1.2: YBR_FULL to RGB for full-range 8-bit samples.
        double mid = (max + 1) / 2;
        double r = a + 1.402 * (c - mid);
        double g = a - 0.344136 * (b - mid) - 0.714136 * (c - mid);
        double bl = a + 1.772 * (b - mid);
        a = r;
        b = g;
        c = bl;
      }
      rgb[0][i] = (float) Math.max(0, Math.min(1, a / max));
      rgb[1][i] = (float) Math.max(0, Math.min(1, b / max));
      rgb[2][i] = (float) Math.max(0, Math.min(1, c / max));
    }
    return rgb;
  }
}
