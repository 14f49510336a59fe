package org.radassist.testsupport;

import java.util.function.IntUnaryOperator;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.write.DxImageBuilder;

/**
 * A collimated MONOCHROME1 DX film without a window, as many CR and DX films arrive: its unexposed
 * border holds the highest value (4095) and lies outside a rectangular display shutter. The tests
 * of every layer that makes a window from a film's pixels (renderer, model input) build it here.
 */
public final class CollimatedFilm {
  public static final int BORDER = 4095;

  private CollimatedFilm() {}

  /**
   * {@code rows x columns} of 12 bits; inside the shutter, columns {@code left..right} and rows
   * {@code top..bottom} (0-based, inclusive), each pixel is {@code valueAtColumn} of its column.
   */
  public static Attributes of(
      int rows,
      int columns,
      int left,
      int right,
      int top,
      int bottom,
      IntUnaryOperator valueAtColumn) {
    int[] pixels = new int[rows * columns];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        boolean inside = x >= left && x <= right && y >= top && y <= bottom;
        pixels[y * columns + x] = inside ? valueAtColumn.applyAsInt(x) : BORDER;
      }
    }
    Attributes ds = DxImageBuilder.create().pixels(rows, columns, 12, pixels).build();
    ds.remove(Tag.WINDOW_CENTER);
    ds.remove(Tag.WINDOW_WIDTH);
    ds.putString(Tag.PHOTOMETRIC_INTERPRETATION, VR.CS, "MONOCHROME1");
    // Shutter Shape and its edges (PS3.3 C.7.6.11), 1-based.
    ds.putString(0x00181600, VR.CS, "RECTANGULAR");
    ds.putString(0x00181602, VR.IS, Integer.toString(left + 1));
    ds.putString(0x00181604, VR.IS, Integer.toString(right + 1));
    ds.putString(0x00181606, VR.IS, Integer.toString(top + 1));
    ds.putString(0x00181608, VR.IS, Integer.toString(bottom + 1));
    return ds;
  }
}
