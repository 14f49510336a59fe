package org.radassist.dicom.pixel;

/**
 * Red, green and blue palette tables of a PALETTE COLOR image (PS3.3 C.7.6.3.1.5), expanded from
 * segmented form if the file used it. Entries keep their file precision; {@link #rgb8} scales them.
 */
public final class PaletteLut {
  private final int[] red;
  private final int[] green;
  private final int[] blue;
  private final int firstMapped;
  private final int bitsPerEntry;

  public PaletteLut(int[] red, int[] green, int[] blue, int firstMapped, int bitsPerEntry) {
    if (red.length == 0 || green.length == 0 || blue.length == 0) {
      throw new IllegalArgumentException("palette has an empty table");
    }
    this.red = red.clone();
    this.green = green.clone();
    this.blue = blue.clone();
    this.firstMapped = firstMapped;
    this.bitsPerEntry = bitsPerEntry;
  }

  public int bitsPerEntry() {
    return bitsPerEntry;
  }

  public int firstMapped() {
    return firstMapped;
  }

  public int size() {
    return red.length;
  }

  private static int lookup(int[] t, int index) {
    int i = Math.max(0, Math.min(t.length - 1, index));
    return t[i];
  }

  /** Entry for a stored value, as {r, g, b} in the file's precision. */
  public int[] rgb(int stored) {
    int i = stored - firstMapped;
    return new int[] {lookup(red, i), lookup(green, i), lookup(blue, i)};
  }

  /** Entry for a stored value scaled to 8 bits per channel, packed as 0xRRGGBB. */
  public int rgb8(int stored) {
    int i = stored - firstMapped;
    int shift = Math.max(0, bitsPerEntry - 8);
    return (lookup(red, i) >> shift) << 16
        | (lookup(green, i) >> shift) << 8
        | (lookup(blue, i) >> shift);
  }

  /**
   * The frame as 8-bit RGB through this palette, the colours a viewer shows: what a model that
   * takes colour (or grey, by luma) input should see of a PALETTE COLOR image.
   */
  public Frame toRgb8(Frame indexed) {
    if (indexed.samplesPerPixel() != 1) {
      throw new IllegalArgumentException("a palette maps single-sample frames");
    }
    int[] s = indexed.samples();
    int[] rgb = new int[3 * s.length];
    for (int i = 0; i < s.length; i++) {
      int c = rgb8(s[i]);
      rgb[3 * i] = c >>> 16;
      rgb[3 * i + 1] = (c >>> 8) & 0xFF;
      rgb[3 * i + 2] = c & 0xFF;
    }
    return new Frame(indexed.rows(), indexed.columns(), 3, Photometric.RGB, 8, false, rgb);
  }
}
