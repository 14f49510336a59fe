package org.radassist.dicom.pixel;

import java.util.Objects;

/**
 * One decoded frame: the stored values exactly as encoded (sign-extended when Pixel Representation
 * is 1, masked to Bits Stored), row-major with the samples of a pixel interleaved. No LUT has been
 * applied; colour frames keep their photometric interpretation so callers decide how to convert.
 */
public final class Frame {
  private final int rows;
  private final int columns;
  private final int samplesPerPixel;
  private final Photometric photometric;
  private final int bitsStored;
  private final boolean signed;
  private final int[] samples;

  /** {@code {min, max}} of the samples, made on first use: a 2k frame takes a millisecond. */
  private volatile int[] range;

  public Frame(
      int rows,
      int columns,
      int samplesPerPixel,
      Photometric photometric,
      int bitsStored,
      boolean signed,
      int[] samples) {
    this(rows, columns, samplesPerPixel, photometric, bitsStored, signed, samples, null);
  }

  /**
   * A frame whose {@code storedRange} ({@code {min, max}} of {@code samples}) its maker has just
   * seen, as a decoder does in its last pass over the samples; null to have it counted when asked.
   */
  public Frame(
      int rows,
      int columns,
      int samplesPerPixel,
      Photometric photometric,
      int bitsStored,
      boolean signed,
      int[] samples,
      int[] storedRange) {
    if (rows <= 0 || columns <= 0 || samplesPerPixel <= 0) {
      throw new IllegalArgumentException(
          "Frame geometry must be positive: " + rows + "x" + columns + "x" + samplesPerPixel);
    }
    if (samples.length != rows * columns * samplesPerPixel) {
      throw new IllegalArgumentException(
          "Frame holds "
              + samples.length
              + " samples, geometry needs "
              + (long) rows * columns * samplesPerPixel);
    }
    this.rows = rows;
    this.columns = columns;
    this.samplesPerPixel = samplesPerPixel;
    this.photometric = Objects.requireNonNull(photometric);
    this.bitsStored = bitsStored;
    this.signed = signed;
    this.samples = samples;
    this.range = storedRange == null ? null : storedRange.clone();
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  public int samplesPerPixel() {
    return samplesPerPixel;
  }

  public Photometric photometric() {
    return photometric;
  }

  public int bitsStored() {
    return bitsStored;
  }

  public boolean signed() {
    return signed;
  }

  /**
   * The backing array, not a copy: frames are large and shared read-only between the viewer and the
   * analyser. Callers must not write to it.
   */
  public int[] samples() {
    return samples;
  }

  /** Stored value of sample {@code s} of the pixel at ({@code x} = column, {@code y} = row). */
  public int sample(int x, int y, int s) {
    return samples[(y * columns + x) * samplesPerPixel + s];
  }

  /** Smallest and largest stored value over all samples, as {@code {min, max}}. */
  public int[] storedRange() {
    int[] r = range;
    if (r == null) {
      r = SampleBands.range(samples);
      range = r;
    }
    return r.clone();
  }
}
