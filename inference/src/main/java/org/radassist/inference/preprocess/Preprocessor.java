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
  private static final long MAX_HISTOGRAM = 1 << 24;

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

  private float[] monochrome(Frame frame, ModalityLut lut, List<VoiLut> voiLuts) {
    int[] stored = frame.samples();
    int n = stored.length;
    double[] modality = new double[n];
    for (int i = 0; i < n; i++) {
      modality[i] = lut.apply(stored[i]);
    }
    float[] out = new float[n];
    switch (input.windowing()) {
      case "dicom-voi" -> {
        VoiLut voi = voiLuts == null || voiLuts.isEmpty() ? minMaxWindow(modality) : voiLuts.get(0);
        for (int i = 0; i < n; i++) {
          out[i] = (float) voi.apply(modality[i]);
        }
      }
      case "percentile" -> {
        double[] range = percentiles(stored, lut);
        linear(modality, range[0], range[1], out);
      }
      case "none" -> {
        double[] range = nominalRange(frame, lut);
        linear(modality, range[0], range[1], out);
      }
      default -> throw new IllegalArgumentException("unknown windowing " + input.windowing());
    }
    if (frame.photometric() == Photometric.MONOCHROME1 && input.invertMonochrome1()) {
      for (int i = 0; i < n; i++) {
        out[i] = 1f - out[i];
      }
    }
    return out;
  }

  private static VoiLut minMaxWindow(double[] modality) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : modality) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return VoiLut.spanning(min, max);
  }

  /**
   * The 0.5 % and 99.5 % points of the modality values. Counted over distinct stored values (at
   * most a few thousand on a radiograph) instead of sorting millions of pixels; each distinct value
   * goes through the LUT once, so any LUT, even a non-monotonic table, is ranked correctly.
   */
  private static double[] percentiles(int[] stored, ModalityLut lut) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int v : stored) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if ((long) max - min > MAX_HISTOGRAM) {
      return sortedPercentiles(stored, lut);
    }
    int[] counts = new int[max - min + 1];
    for (int v : stored) {
      counts[v - min]++;
    }
    int distinct = 0;
    for (int c : counts) {
      distinct += c > 0 ? 1 : 0;
    }
    double[][] byValue = new double[distinct][];
    int k = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        byValue[k++] = new double[] {lut.apply(min + i), counts[i]};
      }
    }
    Arrays.sort(byValue, (a, b) -> Double.compare(a[0], b[0]));
    long last = stored.length - 1L;
    long loRank = (long) Math.floor(LOW_PERCENTILE * last);
    long hiRank = (long) Math.ceil(HIGH_PERCENTILE * last);
    return new double[] {valueAtRank(byValue, loRank), valueAtRank(byValue, hiRank)};
  }

  /** For 32-bit data whose value range is too wide to count: sort the modality values. */
  private static double[] sortedPercentiles(int[] stored, ModalityLut lut) {
    double[] sorted = new double[stored.length];
    for (int i = 0; i < stored.length; i++) {
      sorted[i] = lut.apply(stored[i]);
    }
    Arrays.sort(sorted);
    int last = sorted.length - 1;
    return new double[] {
      sorted[(int) Math.floor(LOW_PERCENTILE * last)],
      sorted[(int) Math.ceil(HIGH_PERCENTILE * last)]
    };
  }

  private static double valueAtRank(double[][] byValue, long rank) {
    long seen = 0;
    for (double[] vc : byValue) {
      seen += (long) vc[1];
      if (rank < seen) {
        return vc[0];
      }
    }
    return byValue[byValue.length - 1][0];
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
