package org.radassist.dicom.pixel;

/**
 * Value-of-interest transform: modality values to display intensities in [0, 1]. Implements the
 * window functions of PS3.3 C.11.2.1.2 (LINEAR, LINEAR_EXACT, SIGMOID) exactly, because a window
 * that is off by half a unit shows a different image from the one the modality intended; or, with a
 * {@code table}, a VOI LUT Sequence item, whose center and width are then the linear window
 * spanning the table's rise, for corner text and for a window/level drag to start from.
 */
public record VoiLut(
    double center, double width, Function function, String explanation, VoiTable table) {

  /** VOI LUT Function (0028,1056). */
  public enum Function {
    LINEAR,
    LINEAR_EXACT,
    SIGMOID;

    public static Function fromDicom(String value) {
      if (value == null || value.isBlank()) {
        return LINEAR;
      }
      return switch (value.trim()) {
        case "LINEAR_EXACT" -> LINEAR_EXACT;
        case "SIGMOID" -> SIGMOID;
        default -> LINEAR;
      };
    }
  }

  public VoiLut {
    if (!(width > 0) || Double.isNaN(center)) {
      throw new IllegalArgumentException("Window width must be > 0, was " + width);
    }
    if (function == Function.LINEAR && width < 1) {
      throw new IllegalArgumentException("LINEAR window width must be >= 1, was " + width);
    }
    explanation = explanation == null ? "" : explanation;
  }

  public VoiLut(double center, double width, Function function, String explanation) {
    this(center, width, function, explanation, null);
  }

  /** A VOI LUT Sequence item as a VOI transform (PS3.3 C.11.2.1.1). */
  public static VoiLut of(VoiTable table) {
    double[] rise = table.rise();
    double width = Math.max(1.0, rise[1] - rise[0] + 1);
    return new VoiLut(rise[0] + width / 2.0, width, Function.LINEAR, table.explanation(), table);
  }

  public boolean isTable() {
    return table != null;
  }

  public static VoiLut linear(double center, double width) {
    return new VoiLut(center, width, Function.LINEAR, "");
  }

  /** A window spanning [min, max] of modality values, the fallback when the file gives none. */
  public static VoiLut spanning(double min, double max) {
    double width = Math.max(1.0, max - min + 1);
    return new VoiLut(min + width / 2.0, width, Function.LINEAR, "min-max");
  }

  /** Display intensity in [0, 1] for a modality value. */
  public double apply(double x) {
    if (table != null) {
      return table.apply(x);
    }
    switch (function) {
      case LINEAR_EXACT:
        {
          double lo = center - width / 2.0;
          if (x <= lo) {
            return 0.0;
          }
          if (x > center + width / 2.0) {
            return 1.0;
          }
          return (x - center) / width + 0.5;
        }
      case SIGMOID:
        return 1.0 / (1.0 + Math.exp(-4.0 * (x - center) / width));
      case LINEAR:
      default:
        {
          double c = center - 0.5;
          double halfSpan = (width - 1) / 2.0;
          if (x <= c - halfSpan) {
            return 0.0;
          }
          if (x > c + halfSpan) {
            return 1.0;
          }
          return (x - c) / (width - 1) + 0.5;
        }
    }
  }
}
