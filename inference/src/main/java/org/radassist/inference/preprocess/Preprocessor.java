package org.radassist.inference.preprocess;

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
  private final ModelCard.Input input;

  public Preprocessor(ModelCard.Input input) {
    this.input = input;
  }

  public PreprocessedImage apply(Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts) {
    ImageMapping mapping =
        ImageMapping.of(
            input.resize(), frame.columns(), frame.rows(), input.width(), input.height());
    return apply(frame, modalityLut, voiLuts, mapping);
  }

  /**
   * The same preprocessing onto the tensor grid {@code mapping} describes, which may be a window of
   * the card's own: training takes a small crop of a large film without resampling all of it. The
   * window is computed exactly as that part of the full tensor would be.
   */
  public PreprocessedImage apply(
      Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts, ImageMapping mapping) {
    float[][] resized = resizedPlanes(frame, modalityLut, voiLuts, mapping);
    int channels = input.channels();
    int n = mapping.tensorWidth() * mapping.tensorHeight();
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
    return new PreprocessedImage(
        tensor, channels, mapping.tensorWidth(), mapping.tensorHeight(), mapping);
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

  /**
   * Display intensities in [0, 1] on the tensor grid: one plane for monochrome, three (R, G, B) for
   * colour. Monochrome stored values become display intensities inside the resampler's row reads,
   * so no image-sized intermediate is made.
   */
  private float[][] resizedPlanes(
      Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts, ImageMapping mapping) {
    Photometric pi = frame.photometric();
    if (pi.isMonochrome()) {
      DisplayTable table =
          DisplayTable.of(
              frame, modalityLut, voiLuts, input.windowing(), input.invertMonochrome1());
      return new float[][] {Resampler.resample(frame.samples(), table, mapping, 0f)};
    }
    if (pi == Photometric.RGB || pi == Photometric.YBR_FULL) {
      float[][] planes = colour(frame, pi == Photometric.YBR_FULL);
      float[][] resized = new float[planes.length][];
      for (int p = 0; p < planes.length; p++) {
        resized[p] = Resampler.resample(planes[p], mapping, 0f);
      }
      return resized;
    }
    throw new IllegalArgumentException(
        "Photometric interpretation " + pi.dicomName() + " is not supported for analysis");
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
