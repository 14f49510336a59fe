package org.radassist.dicom.write;

import java.util.Locale;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;

/**
 * Digital X-Ray Image Storage - For Presentation (PS3.3 A.26): 16-bit allocated MONOCHROME2 with
 * the DX Series, DX Image, DX Detector and VOI LUT modules a DX viewer relies on.
 */
public final class DxImageBuilder extends ImageBuilder<DxImageBuilder> {
  public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.1.1";

  private int rows;
  private int columns;
  private int bitsStored;
  private int[] pixels;
  private final StringBuilder centers = new StringBuilder();
  private final StringBuilder widths = new StringBuilder();
  private final StringBuilder explanations = new StringBuilder();
  private double[] spacing;

  public static DxImageBuilder create() {
    return new DxImageBuilder();
  }

  private DxImageBuilder() {
    ds.putString(Tag.IMAGE_TYPE, VR.CS, "ORIGINAL", "PRIMARY");
    ds.putString(Tag.MODALITY, VR.CS, "DX");
    ds.putString(Tag.PRESENTATION_INTENT_TYPE, VR.CS, "FOR PRESENTATION");
    ds.putString(Tag.BODY_PART_EXAMINED, VR.CS, "");
    ds.putString(Tag.VIEW_POSITION, VR.CS, "");
    ds.putString(Tag.IMAGE_LATERALITY, VR.CS, "U");
    ds.putString(Tag.DETECTOR_TYPE, VR.CS, "DIRECT");
  }

  /** Stored values, row-major, unsigned, each below 2^bitsStored. */
  public DxImageBuilder pixels(int rows, int columns, int bitsStored, int[] values) {
    if (bitsStored < 8 || bitsStored > 16) {
      throw new IllegalArgumentException("DX Bits Stored must be 8..16, was " + bitsStored);
    }
    if (values.length != rows * columns) {
      throw new IllegalArgumentException(
          "expected " + rows * columns + " values, got " + values.length);
    }
    this.rows = rows;
    this.columns = columns;
    this.bitsStored = bitsStored;
    this.pixels = values;
    return this;
  }

  /** Adds a window preset; the first added is the default a viewer applies. */
  public DxImageBuilder window(double center, double width, String explanation) {
    if (centers.length() > 0) {
      centers.append('\\');
      widths.append('\\');
      explanations.append('\\');
    }
    centers.append(decimalString(center));
    widths.append(decimalString(width));
    explanations.append(explanation == null ? "" : explanation);
    return this;
  }

  /** Imager Pixel Spacing and Pixel Spacing, row then column, in mm. */
  public DxImageBuilder pixelSpacing(double row, double column) {
    this.spacing = new double[] {row, column};
    return this;
  }

  public DxImageBuilder viewPosition(String viewPosition) {
    ds.putString(Tag.VIEW_POSITION, VR.CS, nz(viewPosition));
    return this;
  }

  public DxImageBuilder imageLaterality(String laterality) {
    ds.putString(Tag.IMAGE_LATERALITY, VR.CS, nz(laterality));
    return this;
  }

  private static String decimalString(double v) {
    String s =
        v == Math.rint(v) && Math.abs(v) < 1e15
            ? Long.toString((long) v)
            : String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    return s.length() > 16 ? s.substring(0, 16) : s;
  }

  @Override
  protected void complete() {
    if (pixels == null) {
      throw new IllegalStateException("DX image has no pixels");
    }
    ds.putString(Tag.SOP_CLASS_UID, VR.UI, SOP_CLASS_UID);
    pixelModule(rows, columns, 1, "MONOCHROME2", 16, bitsStored, false);
    ds.putString(Tag.PIXEL_INTENSITY_RELATIONSHIP, VR.CS, "LOG");
    ds.putInt(Tag.PIXEL_INTENSITY_RELATIONSHIP_SIGN, VR.SS, 1);
    ds.putString(Tag.RESCALE_INTERCEPT, VR.DS, "0");
    ds.putString(Tag.RESCALE_SLOPE, VR.DS, "1");
    ds.putString(Tag.RESCALE_TYPE, VR.LO, "US");
    ds.putString(Tag.LOSSY_IMAGE_COMPRESSION, VR.CS, "00");
    ds.putString(Tag.PRESENTATION_LUT_SHAPE, VR.CS, "IDENTITY");
    if (centers.length() == 0) {
      int max = (1 << bitsStored) - 1;
      window(max / 2.0 + 0.5, max + 1, "FULL RANGE");
    }
    ds.putString(Tag.WINDOW_CENTER, VR.DS, centers.toString());
    ds.putString(Tag.WINDOW_WIDTH, VR.DS, widths.toString());
    ds.putString(Tag.WINDOW_CENTER_WIDTH_EXPLANATION, VR.LO, explanations.toString());
    if (spacing != null) {
      ds.putString(
          Tag.IMAGER_PIXEL_SPACING, VR.DS, decimalString(spacing[0]), decimalString(spacing[1]));
      ds.putString(Tag.PIXEL_SPACING, VR.DS, decimalString(spacing[0]), decimalString(spacing[1]));
    } else {
      ds.putString(Tag.IMAGER_PIXEL_SPACING, VR.DS, "");
    }
    ds.put(DicomElement.ofBytes(Tag.PIXEL_DATA, VR.OW, pack(pixels, 2, bitsStored)));
  }
}
