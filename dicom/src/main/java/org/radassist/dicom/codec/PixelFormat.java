package org.radassist.dicom.codec;

import java.nio.file.Path;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.Photometric;

/**
 * The Image Pixel module (PS3.3 C.7.6.3) as the decoders need it: geometry, sample layout and the
 * bit layout of stored values.
 */
public record PixelFormat(
    int rows,
    int columns,
    int samplesPerPixel,
    Photometric photometric,
    int bitsAllocated,
    int bitsStored,
    int highBit,
    boolean signed,
    int planarConfiguration,
    int frames) {

  /** Reads the module from a data set; a missing or impossible value is a specific error. */
  public static PixelFormat of(Attributes ds, Path file) throws DicomException {
    int rows = required(ds, Tag.ROWS, "Rows", file);
    int columns = required(ds, Tag.COLUMNS, "Columns", file);
    int spp = ds.intValue(Tag.SAMPLES_PER_PIXEL, 1);
    int allocated = required(ds, Tag.BITS_ALLOCATED, "Bits Allocated", file);
    int stored = ds.intValue(Tag.BITS_STORED, allocated);
    int high = ds.intValue(Tag.HIGH_BIT, stored - 1);
    int rep = ds.intValue(Tag.PIXEL_REPRESENTATION, 0);
    int planar = ds.intValue(Tag.PLANAR_CONFIGURATION, 0);
    int frames = ds.intValue(Tag.NUMBER_OF_FRAMES, 1);
    String pi = ds.string(Tag.PHOTOMETRIC_INTERPRETATION);
    Photometric photometric;
    try {
      photometric = pi == null && spp == 1 ? Photometric.MONOCHROME2 : Photometric.fromDicom(pi);
    } catch (IllegalArgumentException e) {
      throw new DicomException(file, e.getMessage());
    }
    if (rows <= 0 || columns <= 0) {
      throw new DicomException(file, "image has no pixels: Rows " + rows + ", Columns " + columns);
    }
    if (spp != 1 && spp != 3) {
      throw new DicomException(file, "Samples per Pixel " + spp + " is neither 1 nor 3");
    }
    if (allocated != 1 && allocated != 8 && allocated != 16 && allocated != 32) {
      throw new DicomException(file, "Bits Allocated " + allocated + " is not 1, 8, 16 or 32");
    }
    if (stored < 1 || stored > allocated) {
      throw new DicomException(
          file, "Bits Stored " + stored + " does not fit Bits Allocated " + allocated);
    }
    if (high < stored - 1 || high >= allocated) {
      high = stored - 1;
    }
    if (frames < 1) {
      frames = 1;
    }
    if ((long) rows * columns * spp * frames > Integer.MAX_VALUE - 16) {
      throw new DicomException(
          file, "image of " + rows + "x" + columns + "x" + frames + " frames is too large");
    }
    return new PixelFormat(
        rows, columns, spp, photometric, allocated, stored, high, rep == 1, planar, frames);
  }

  private static int required(Attributes ds, int tag, String name, Path file)
      throws DicomException {
    var v = ds.intValue(tag);
    if (v.isEmpty()) {
      throw new DicomException(file, name + " " + Tag.toString(tag) + " is missing");
    }
    return v.getAsInt();
  }

  public int samplesPerFrame() {
    return rows * columns * samplesPerPixel;
  }

  /** Bytes of one native frame; 1-bit frames are counted in bits and rounded only at the end. */
  public long nativeFrameBits() {
    long samples = (long) rows * columns * samplesPerPixel;
    if (photometric == Photometric.YBR_FULL_422 || photometric == Photometric.YBR_PARTIAL_422) {
      samples = (long) rows * columns * 2;
    }
    return samples * bitsAllocated;
  }

  public PixelFormat withPhotometric(Photometric p) {
    return new PixelFormat(
        rows,
        columns,
        samplesPerPixel,
        p,
        bitsAllocated,
        bitsStored,
        highBit,
        signed,
        planarConfiguration,
        frames);
  }
}
