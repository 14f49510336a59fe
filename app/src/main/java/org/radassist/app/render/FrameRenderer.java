package org.radassist.app.render;

import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.PaletteLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;

/**
 * Renders a frame to opaque ARGB pixels (monochrome through the LUTs, palette and true colour
 * directly). For monochrome frames the modality LUT, the VOI window and the inversion are folded
 * into one table indexed by stored value, so a window/level change costs one table rebuild plus one
 * lookup per pixel.
 */
public final class FrameRenderer {
  private final Frame frame;
  private final ModalityLut modalityLut;
  private final PaletteLut palette;
  private final int minStored;
  private final int maxStored;

  public FrameRenderer(Frame frame, ModalityLut modalityLut) {
    this(frame, modalityLut, null);
  }

  /** A renderer for a frame of {@code image}, with its modality LUT and palette. */
  public static FrameRenderer of(DicomImage image, Frame frame) {
    return new FrameRenderer(frame, image.modalityLut(), image.palette().orElse(null));
  }

  /** A renderer for a PALETTE COLOR frame, which maps each stored value through the palette. */
  public FrameRenderer(Frame frame, ModalityLut modalityLut, PaletteLut palette) {
    if (frame.photometric() == Photometric.PALETTE_COLOR && palette == null) {
      throw new IllegalArgumentException("PALETTE COLOR image without a palette");
    }
    this.frame = frame;
    this.palette = palette;
    this.modalityLut = modalityLut;
    int[] range = frame.storedRange();
    this.minStored = range[0];
    this.maxStored = range[1];
  }

  public Frame frame() {
    return frame;
  }

  /** The modality-unit range of the frame, the natural span for a window/level drag. */
  public double[] modalityRange() {
    double a = modalityLut.apply(minStored);
    double b = modalityLut.apply(maxStored);
    return new double[] {Math.min(a, b), Math.max(a, b)};
  }

  /** A window over the whole modality range, used when the file gives none. */
  public VoiLut fullRangeWindow() {
    double[] r = modalityRange();
    return VoiLut.spanning(r[0], r[1]);
  }

  /**
   * ARGB pixels, row-major. {@code invert} is what the reader asked for; MONOCHROME1 frames are
   * inverted on top of that because their low values mean white.
   */
  public int[] render(VoiLut window, boolean invert) {
    int[] out = new int[frame.rows() * frame.columns()];
    renderInto(window, invert, out);
    return out;
  }

  public void renderInto(VoiLut window, boolean invert, int[] out) {
    if (frame.photometric().isMonochrome()) {
      renderMonochrome(window, invert ^ frame.photometric() == Photometric.MONOCHROME1, out);
    } else if (frame.photometric() == Photometric.PALETTE_COLOR) {
      renderPalette(invert, out);
    } else {
      renderColour(invert, out);
    }
  }

  private void renderMonochrome(VoiLut window, boolean invert, int[] out) {
    int[] table = new int[maxStored - minStored + 1];
    for (int i = 0; i < table.length; i++) {
      int grey = (int) Math.round(window.apply(modalityLut.apply(i + minStored)) * 255.0);
      if (invert) {
        grey = 255 - grey;
      }
      table[i] = 0xFF000000 | grey << 16 | grey << 8 | grey;
    }
    int[] samples = frame.samples();
    int offset = minStored;
    for (int i = 0; i < out.length; i++) {
      out[i] = table[samples[i] - offset];
    }
  }

  private void renderPalette(boolean invert, int[] out) {
    int[] table = new int[maxStored - minStored + 1];
    for (int i = 0; i < table.length; i++) {
      int rgb = palette.rgb8(i + minStored);
      table[i] = 0xFF000000 | (invert ? ~rgb & 0xFFFFFF : rgb);
    }
    int[] samples = frame.samples();
    for (int i = 0; i < out.length; i++) {
      out[i] = table[samples[i] - minStored];
    }
  }

  private void renderColour(boolean invert, int[] out) {
    int[] s = frame.samples();
    int spp = frame.samplesPerPixel();
    int shift = Math.max(0, frame.bitsStored() - 8);
    boolean ybr = frame.photometric().name().startsWith("YBR");
    for (int i = 0, p = 0; i < out.length; i++, p += spp) {
      int r = s[p] >> shift;
      int g = s[p + 1] >> shift;
      int b = s[p + 2] >> shift;
      if (ybr) {
        int y = r;
        int cb = g - 128;
        int cr = b - 128;
        r = clamp(y + 1.402 * cr);
        g = clamp(y - 0.344136 * cb - 0.714136 * cr);
        b = clamp(y + 1.772 * cb);
      }
      if (invert) {
        r = 255 - r;
        g = 255 - g;
        b = 255 - b;
      }
      out[i] = 0xFF000000 | r << 16 | g << 8 | b;
    }
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
