package org.radassist.inference.preprocess;

import java.util.List;
import java.util.Optional;
import org.radassist.dicom.image.DisplayRenderer;
import org.radassist.dicom.image.DisplayShutter;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.inference.model.ModelCard;

/**
 * Turns a decoded frame into the tensor a model expects, following its card's {@code input}
 * section. Monochrome frames go through the modality LUT, then the card's windowing policy to a
 * display intensity in [0, 1] (MONOCHROME1 inverted so bone is bright, as the model saw in
 * training); three-sample frames (RGB, YBR_FULL, YBR_FULL_422) become the 8-bit colour a viewer
 * shows, at any bit depth. Immutable and thread-safe.
 */
public final class Preprocessor {
  private final ModelCard.Input input;

  public Preprocessor(ModelCard.Input input) {
    this.input = input;
  }

  public PreprocessedImage apply(Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts) {
    return apply(frame, modalityLut, voiLuts, (DisplayShutter) null);
  }

  /**
   * As above for a film with a display shutter (null: none): a window made from the pixels
   * (percentile, or dicom-voi without a window in the file) is made from those the shutter shows,
   * as the viewer's is; the model still sees every pixel.
   */
  public PreprocessedImage apply(
      Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts, DisplayShutter shutter) {
    ImageMapping mapping =
        ImageMapping.of(
            input.resize(), frame.columns(), frame.rows(), input.width(), input.height());
    return apply(frame, modalityLut, voiLuts, shutter, mapping);
  }

  /**
   * The same preprocessing onto the tensor grid {@code mapping} describes, which may be a window of
   * the card's own: training takes a small crop of a large film without resampling all of it. The
   * window is computed exactly as that part of the full tensor would be.
   */
  public PreprocessedImage apply(
      Frame frame, ModalityLut modalityLut, List<VoiLut> voiLuts, ImageMapping mapping) {
    return apply(frame, modalityLut, voiLuts, null, mapping);
  }

  private PreprocessedImage apply(
      Frame frame,
      ModalityLut modalityLut,
      List<VoiLut> voiLuts,
      DisplayShutter shutter,
      ImageMapping mapping) {
    float[][] resized = resizedPlanes(frame, modalityLut, voiLuts, shutter, mapping);
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
      Frame frame,
      ModalityLut modalityLut,
      List<VoiLut> voiLuts,
      DisplayShutter shutter,
      ImageMapping mapping) {
    Photometric pi = frame.photometric();
    if (pi.isMonochrome()) {
      DisplayTable table =
          DisplayTable.of(
              frame, modalityLut, voiLuts, input.windowing(), input.invertMonochrome1(), shutter);
      return new float[][] {Resampler.resample(frame.samples(), table, mapping, 0f)};
    }
    if (pi == Photometric.PALETTE_COLOR) {
      throw new IllegalArgumentException(
          "a PALETTE COLOR frame must go through its palette first (AnalysisInput.of does)");
    }
    if (frame.samplesPerPixel() == 3) {
      float[][] planes = colour(frame);
      float[][] resized = new float[planes.length][];
      for (int p = 0; p < planes.length; p++) {
        resized[p] = Resampler.resample(planes[p], mapping, 0f);
      }
      return resized;
    }
    throw new IllegalArgumentException(
        "Photometric interpretation " + pi.dicomName() + " is not supported for analysis");
  }

  /** The R, G, B planes in [0, 1] as a viewer shows them (the same 8-bit conversion). */
  private static float[][] colour(Frame frame) {
    byte[] rgb;
    try {
      rgb = DisplayRenderer.colour(frame, Optional.empty()).pixels();
    } catch (DicomException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    int n = frame.rows() * frame.columns();
    float[][] planes = new float[3][n];
    for (int i = 0; i < n; i++) {
      planes[0][i] = (rgb[3 * i] & 0xFF) / 255f;
      planes[1][i] = (rgb[3 * i + 1] & 0xFF) / 255f;
      planes[2][i] = (rgb[3 * i + 2] & 0xFF) / 255f;
    }
    return planes;
  }
}
