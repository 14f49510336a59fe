package org.radassist.app.render;

import java.util.List;
import java.util.Optional;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.image.DisplayRenderer;
import org.radassist.dicom.image.DisplayShutter;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.PaletteLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;

/**
 * Renders a frame to opaque ARGB pixels for the viewer and exports. Monochrome is the interactive
 * path: the modality LUT, the VOI window and both inversions (MONOCHROME1 and the reader's) are
 * folded into one ARGB table indexed by stored value, so a window/level drag costs one table
 * rebuild plus one lookup per pixel. Colour and palette frames use the dicom module's pipeline.
 */
public final class FrameRenderer {
  private final Frame frame;
  private final ModalityLut modalityLut;
  private final PaletteLut palette;
  private final int minStored;
  private final int maxStored;
  private final List<VoiLut> fileVoi;
  private final DisplayShutter shutter;
  private byte[] rgb;
  private boolean[] shown;

  public FrameRenderer(Frame frame, ModalityLut modalityLut) {
    this(frame, modalityLut, null, List.of(), null);
  }

  /**
   * A renderer for a frame of {@code image} as the file means it to be seen: its modality LUT,
   * palette, VOI transforms, Presentation LUT Shape and display shutter.
   */
  public static FrameRenderer of(DicomImage image, Frame frame) {
    return new FrameRenderer(
        image.displayed(frame),
        image.modalityLut(),
        image.palette().orElse(null),
        frame.photometric().isMonochrome() ? image.voiLuts() : List.of(),
        image.shutter().orElse(null));
  }

  private FrameRenderer(
      Frame frame,
      ModalityLut modalityLut,
      PaletteLut palette,
      List<VoiLut> fileVoi,
      DisplayShutter shutter) {
    if (frame.photometric() == Photometric.PALETTE_COLOR && palette == null) {
      throw new IllegalArgumentException("PALETTE COLOR image without a palette");
    }
    this.frame = frame;
    this.palette = palette;
    this.modalityLut = modalityLut;
    this.fileVoi = fileVoi;
    this.shutter = shutter;
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

  /**
   * A window over the modality range of what the film shows (inside its shutter, if any), used when
   * the file gives none.
   */
  public VoiLut fullRangeWindow() {
    if (shutter == null || !frame.photometric().isMonochrome()) {
      return DisplayRenderer.rangeWindow(frame, modalityLut);
    }
    // Only what the shutter shows: the collimated border of a MONOCHROME1 film is its highest
    // value, and a window spanning it gives the anatomy inside a fraction of the grey scale.
    boolean[] visible = shown();
    int[] samples = frame.samples();
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < samples.length; i++) {
      if (visible[i]) {
        min = Math.min(min, samples[i]);
        max = Math.max(max, samples[i]);
      }
    }
    if (min > max) {
      return DisplayRenderer.rangeWindow(frame, modalityLut);
    }
    double a = modalityLut.apply(min);
    double b = modalityLut.apply(max);
    return VoiLut.spanning(Math.min(a, b), Math.max(a, b));
  }

  /** The file's windows, then its VOI LUT tables; empty for colour and for bare frames. */
  public List<VoiLut> fileVoi() {
    return fileVoi;
  }

  /** What an image opens with: the file's first VOI transform, else the full range. */
  public VoiLut initialVoi() {
    return fileVoi.isEmpty() ? fullRangeWindow() : fileVoi.get(0);
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

  /**
   * The shutter is drawn last, in its own grey whatever the window or the reader's inversion: it
   * marks where there is nothing to read, not a density.
   */
  public void renderInto(VoiLut window, boolean invert, int[] out) {
    if (frame.photometric().isMonochrome()) {
      renderMonochrome(window, invert ^ frame.photometric() == Photometric.MONOCHROME1, out);
    } else {
      renderColour(invert, out);
    }
    if (shutter != null) {
      boolean[] visible = shown();
      int g = shutter.presentationGrey();
      int blank = 0xFF000000 | g << 16 | g << 8 | g;
      for (int i = 0; i < out.length; i++) {
        if (!visible[i]) {
          out[i] = blank;
        }
      }
    }
  }

  private boolean[] shown() {
    if (shown == null) {
      shown = shutter.visibleMask(frame.columns(), frame.rows());
    }
    return shown;
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

  /**
   * Colour and palette frames go through the dicom module's PS3.4 colour pipeline once; a window
   * does not apply to them, so later repaints only pack (and maybe invert) the cached RGB.
   */
  private void renderColour(boolean invert, int[] out) {
    if (rgb == null) {
      try {
        rgb = DisplayRenderer.colour(frame, Optional.ofNullable(palette)).pixels();
      } catch (DicomException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    int flip = invert ? 0xFFFFFF : 0;
    for (int i = 0, p = 0; i < out.length; i++, p += 3) {
      int c = (rgb[p] & 0xFF) << 16 | (rgb[p + 1] & 0xFF) << 8 | (rgb[p + 2] & 0xFF);
      out[i] = 0xFF000000 | (c ^ flip);
    }
  }
}
