package org.radassist.dicom.write;

import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;

/**
 * Secondary Capture Image Storage (PS3.3 A.8.1): an 8-bit RGB or MONOCHROME2 picture, e.g. an AI
 * overlay rendered over the original, with the SC Equipment module saying it was made by software.
 */
public final class SecondaryCaptureBuilder extends ImageBuilder<SecondaryCaptureBuilder> {
  public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.7";

  private int rows;
  private int columns;
  private int samples;
  private int[] pixels;
  private String[] lossyRatios;
  private String[] lossyMethods;

  public static SecondaryCaptureBuilder create() {
    return new SecondaryCaptureBuilder();
  }

  private SecondaryCaptureBuilder() {
    ds.putString(Tag.IMAGE_TYPE, VR.CS, "DERIVED", "SECONDARY");
    ds.putString(Tag.MODALITY, VR.CS, "OT");
    ds.putString(Tag.CONVERSION_TYPE, VR.CS, "WSD");
  }

  public SecondaryCaptureBuilder modality(String modality) {
    ds.putString(Tag.MODALITY, VR.CS, nz(modality));
    return this;
  }

  /** 8-bit RGB, row-major, samples interleaved (r, g, b), each 0..255. */
  public SecondaryCaptureBuilder rgb(int rows, int columns, int[] rgb) {
    return pixels(rows, columns, 3, rgb);
  }

  /** 8-bit grey, row-major, each 0..255. */
  public SecondaryCaptureBuilder monochrome(int rows, int columns, int[] grey) {
    return pixels(rows, columns, 1, grey);
  }

  /**
   * The pixels come from lossy-compressed ones, with the source's ratios and methods (either may be
   * empty when unknown): PS3.3 C.7.6.1.1.5 forbids resetting Lossy Image Compression once 01.
   */
  public SecondaryCaptureBuilder lossyCompressed(String[] ratios, String[] methods) {
    this.lossyRatios = ratios.clone();
    this.lossyMethods = methods.clone();
    return this;
  }

  private SecondaryCaptureBuilder pixels(int rows, int columns, int samples, int[] values) {
    if (values.length != rows * columns * samples) {
      throw new IllegalArgumentException(
          "expected " + rows * columns * samples + " samples, got " + values.length);
    }
    this.rows = rows;
    this.columns = columns;
    this.samples = samples;
    this.pixels = values;
    return this;
  }

  @Override
  protected void complete() {
    if (pixels == null) {
      throw new IllegalStateException("Secondary Capture has no pixels");
    }
    ds.putString(Tag.SOP_CLASS_UID, VR.UI, SOP_CLASS_UID);
    pixelModule(rows, columns, samples, samples == 3 ? "RGB" : "MONOCHROME2", 8, 8, false);
    if (lossyRatios == null) {
      ds.putString(Tag.LOSSY_IMAGE_COMPRESSION, VR.CS, "00");
    } else {
      ds.putString(Tag.LOSSY_IMAGE_COMPRESSION, VR.CS, "01");
      if (lossyRatios.length > 0) {
        ds.putString(Tag.LOSSY_IMAGE_COMPRESSION_RATIO, VR.DS, lossyRatios);
      }
      if (lossyMethods.length > 0) {
        ds.putString(Tag.LOSSY_IMAGE_COMPRESSION_METHOD, VR.CS, lossyMethods);
      }
    }
    ds.put(DicomElement.ofBytes(Tag.PIXEL_DATA, VR.OB, pack(pixels, 1, 8)));
  }
}
