package org.radassist.dicom.pixel;

/**
 * A VOI LUT Sequence item (PS3.3 C.11.2): an explicit table from modality values to display values,
 * the alternative to a window that some modalities send (e.g. a non-linear film-like curve).
 */
public final class VoiTable {
  private final int[] table;
  private final int firstMapped;
  private final int bitsPerEntry;
  private final String explanation;

  public VoiTable(int[] table, int firstMapped, int bitsPerEntry, String explanation) {
    if (table.length == 0) {
      throw new IllegalArgumentException("VOI LUT has no entries");
    }
    this.table = table.clone();
    this.firstMapped = firstMapped;
    this.bitsPerEntry = bitsPerEntry;
    this.explanation = explanation == null ? "" : explanation;
  }

  public String explanation() {
    return explanation;
  }

  public int size() {
    return table.length;
  }

  public int firstMapped() {
    return firstMapped;
  }

  public int bitsPerEntry() {
    return bitsPerEntry;
  }

  /**
   * The modality values {@code {first, last}} between which the table rises from its lowest to its
   * highest entry: where a linear window would have to lie to resemble it.
   */
  public double[] rise() {
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int v : table) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    int first = 0;
    while (first < table.length - 1 && table[first] == lo) {
      first++;
    }
    int last = table.length - 1;
    while (last > 0 && table[last] == hi) {
      last--;
    }
    if (last < first) {
      return new double[] {firstMapped, firstMapped + table.length - 1.0};
    }
    return new double[] {firstMapped + first - 1.0, firstMapped + last + 1.0};
  }

  /** Display intensity in [0, 1]; inputs outside the table clamp to its ends (PS3.3 C.11.2.1.1). */
  public double apply(double x) {
    long i = Math.round(Math.floor(x)) - firstMapped;
    int v = i < 0 ? table[0] : table[(int) Math.min(i, table.length - 1)];
    double max = (1L << bitsPerEntry) - 1;
    return Math.max(0, Math.min(1, v / max));
  }
}
