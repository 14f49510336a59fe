package org.radassist.dicom.image;

import java.util.List;
import java.util.Optional;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.PaletteLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;

/**
 * The grayscale and colour pipelines of PS3.4 N.2 for one frame, to 8-bit pixels for the screen or
 * a model: stored value → Modality LUT → VOI (window or VOI LUT table) → inversion for MONOCHROME1;
 * PALETTE COLOR through its palette; YBR_FULL to RGB with the PS3.3 C.7.6.3.1.2 equations.
 */
public final class DisplayRenderer {
  private DisplayRenderer() {}

  /** Output of a render: 8-bit samples, 1 (grey) or 3 (RGB) per pixel, row-major. */
  public record Rendered(int rows, int columns, int samplesPerPixel, byte[] pixels) {}

  /**
   * Renders with the image's first window (else its first VOI LUT table, else the frame's range
   * after the Modality LUT); colour images ignore the VOI.
   */
  public static Rendered render(DicomImage image, int frame) throws DicomException {
    Frame f = image.displayed(image.frame(frame));
    if (f.samplesPerPixel() == 1 && f.photometric() != Photometric.PALETTE_COLOR) {
      List<VoiLut> voi = image.voiLuts();
      return grey(
          f, image.modalityLut(), voi.isEmpty() ? rangeWindow(f, image.modalityLut()) : voi.get(0));
    }
    return colour(f, image.palette());
  }

  /** The fallback window DESIGN.md defines: min-max of stored values after the Modality LUT. */
  public static VoiLut rangeWindow(Frame f, ModalityLut lut) {
    int[] r = f.storedRange();
    double a = lut.apply(r[0]);
    double b = lut.apply(r[1]);
    return VoiLut.spanning(Math.min(a, b), Math.max(a, b));
  }

  /** A grey frame through the Modality LUT and {@code voi}, inverted for MONOCHROME1. */
  public static Rendered grey(Frame f, ModalityLut lut, VoiLut voi) {
    int[] s = f.samples();
    byte[] out = new byte[s.length];
    boolean invert = f.photometric() == Photometric.MONOCHROME1;
    int[] r = f.storedRange();
    int span = r[1] - r[0];
    if (span >= 0 && span <= 1 << 20) {
      // One VOI evaluation per distinct stored value, not per pixel.
      byte[] table = new byte[span + 1];
      for (int v = 0; v <= span; v++) {
        table[v] = level(voi.apply(lut.apply(r[0] + v)), invert);
      }
      for (int i = 0; i < s.length; i++) {
        out[i] = table[s[i] - r[0]];
      }
    } else {
      for (int i = 0; i < s.length; i++) {
        out[i] = level(voi.apply(lut.apply(s[i])), invert);
      }
    }
    return new Rendered(f.rows(), f.columns(), 1, out);
  }

  private static byte level(double y, boolean invert) {
    double v = invert ? 1.0 - y : y;
    return (byte) Math.round(Math.max(0, Math.min(1, v)) * 255);
  }

  public static Rendered colour(Frame f, Optional<PaletteLut> palette) throws DicomException {
    int n = f.rows() * f.columns();
    byte[] out = new byte[n * 3];
    int[] s = f.samples();
    int shift = Math.max(0, f.bitsStored() - 8);
    switch (f.photometric()) {
      case PALETTE_COLOR -> {
        PaletteLut p =
            palette.orElseThrow(
                () -> new DicomException(null, "PALETTE COLOR image has no usable palette"));
        for (int i = 0; i < n; i++) {
          int rgb = p.rgb8(s[i]);
          out[3 * i] = (byte) (rgb >> 16);
          out[3 * i + 1] = (byte) (rgb >> 8);
          out[3 * i + 2] = (byte) rgb;
        }
      }
      case YBR_FULL, YBR_FULL_422 -> {
        for (int i = 0; i < n; i++) {
          double y = s[3 * i] >> shift;
          double cb = (s[3 * i + 1] >> shift) - 128;
          double cr = (s[3 * i + 2] >> shift) - 128;
          out[3 * i] = clamp8(y + 1.402 * cr);
          out[3 * i + 1] = clamp8(y - 0.344136 * cb - 0.714136 * cr);
          out[3 * i + 2] = clamp8(y + 1.772 * cb);
        }
      }
      default -> {
        for (int i = 0; i < 3 * n; i++) {
          out[i] = (byte) (s[i] >> shift);
        }
      }
    }
    return new Rendered(f.rows(), f.columns(), 3, out);
  }

  private static byte clamp8(double v) {
    return (byte) Math.max(0, Math.min(255, Math.round(v)));
  }
}
