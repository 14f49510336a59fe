package org.radassist.dicom.pixel;

/**
 * Modality LUT: stored values to modality units. Either the linear Rescale Slope/Intercept or an
 * explicit table (Modality LUT Sequence), which takes precedence when present as PS3.3 C.11.1
 * requires.
 */
public final class ModalityLut {
  private static final ModalityLut IDENTITY = new ModalityLut(1.0, 0.0, null, 0);

  private final double slope;
  private final double intercept;
  private final int[] table;
  private final int firstMapped;

  private ModalityLut(double slope, double intercept, int[] table, int firstMapped) {
    this.slope = slope;
    this.intercept = intercept;
    this.table = table;
    this.firstMapped = firstMapped;
  }

  public static ModalityLut identity() {
    return IDENTITY;
  }

  public static ModalityLut linear(double slope, double intercept) {
    if (slope == 1.0 && intercept == 0.0) {
      return IDENTITY;
    }
    return new ModalityLut(slope, intercept, null, 0);
  }

  /**
   * A LUT Sequence item: {@code firstMapped} is the stored value mapped to {@code table[0]}; values
   * outside the table clamp to its first or last entry.
   */
  public static ModalityLut table(int[] table, int firstMapped) {
    if (table.length == 0) {
      throw new IllegalArgumentException("Modality LUT has no entries");
    }
    return new ModalityLut(1.0, 0.0, table.clone(), firstMapped);
  }

  public boolean isIdentity() {
    return this == IDENTITY;
  }

  public double slope() {
    return slope;
  }

  public double intercept() {
    return intercept;
  }

  public double apply(int stored) {
    if (table != null) {
      int i = stored - firstMapped;
      if (i < 0) {
        return table[0];
      }
      return table[Math.min(i, table.length - 1)];
    }
    return stored * slope + intercept;
  }
}
