package org.radassist.testsupport;

import java.util.List;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.write.DxImageBuilder;

/**
 * A DX film whose only VOI is one VOI LUT Sequence item, as many CR and DX films arrive: the tests
 * of every layer that opens a film (renderer, viewer, model input) build it here.
 */
public final class TabledFilm {
  private TabledFilm() {}

  /**
   * {@code pixels} ({@code rows x columns}, unsigned, {@code bits} stored) with the table {@code
   * data} mapping modality values from {@code first} on, entries of {@code bitsPerEntry} bits.
   */
  public static Attributes of(
      int rows,
      int columns,
      int bits,
      int[] pixels,
      int first,
      int bitsPerEntry,
      VR descriptorVr,
      int[] data) {
    Attributes ds = DxImageBuilder.create().pixels(rows, columns, bits, pixels).build();
    // The builder's full-range window would come first and hide the table.
    ds.remove(Tag.WINDOW_CENTER);
    ds.remove(Tag.WINDOW_WIDTH);
    ds.remove(Tag.WINDOW_CENTER_WIDTH_EXPLANATION);
    Attributes item = new Attributes();
    item.putInt(
        Tag.LUT_DESCRIPTOR,
        descriptorVr,
        data.length == 65536 ? 0 : data.length,
        first,
        bitsPerEntry);
    item.putString(Tag.LUT_EXPLANATION, VR.LO, "FILM CURVE");
    item.putInt(Tag.LUT_DATA, VR.OW, data);
    ds.putSequence(Tag.VOI_LUT_SEQUENCE, List.of(item));
    return ds;
  }
}
