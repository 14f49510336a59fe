package org.radassist.dicom.pixel;

import java.util.Locale;

/** Photometric Interpretation (0028,0004): how the samples of a pixel are to be read. */
public enum Photometric {
  MONOCHROME1,
  MONOCHROME2,
  RGB,
  YBR_FULL,
  YBR_FULL_422,
  YBR_PARTIAL_422,
  YBR_ICT,
  YBR_RCT,
  PALETTE_COLOR;

  /** The value as written in DICOM, e.g. {@code PALETTE COLOR}. */
  public String dicomName() {
    return name().replace('_', ' ').replace("YBR ", "YBR_").replace("FULL ", "FULL_");
  }

  /**
   * Parses the DICOM code string; unknown values fall back to MONOCHROME2 only when the caller says
   * so, because silently guessing colour handling would paint garbage.
   */
  public static Photometric fromDicom(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Photometric Interpretation is missing");
    }
    String v = value.trim().toUpperCase(Locale.ROOT);
    if (v.equals("PALETTE COLOR")) {
      return PALETTE_COLOR;
    }
    try {
      return valueOf(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unsupported Photometric Interpretation '" + value + "'");
    }
  }

  public boolean isMonochrome() {
    return this == MONOCHROME1 || this == MONOCHROME2;
  }
}
