package org.radassist.dicom.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Registered elements that arrive as UN (a hop through implicit VR lost their VR) are read by their
 * registered VR, so a film keeps its window presets; the element stays UN, as received.
 */
class UnknownVrTest {
  @Test
  void aWindowSentAsUnKeepsItsValues() {
    Attributes ds = new Attributes();
    ds.put(
        DicomElement.ofBytes(
            Tag.WINDOW_CENTER, VR.UN, "40\\400 ".getBytes(StandardCharsets.US_ASCII)));
    ds.put(
        DicomElement.ofBytes(
            Tag.WINDOW_WIDTH, VR.UN, "400\\1500".getBytes(StandardCharsets.US_ASCII)));
    ds.put(DicomElement.ofBytes(Tag.ROWS, VR.UN, new byte[] {0, 2}));
    assertArrayEquals(new double[] {40, 400}, ds.doubles(Tag.WINDOW_CENTER));
    assertEquals(List.of("400", "1500"), ds.strings(Tag.WINDOW_WIDTH));
    assertEquals(512, ds.intValue(Tag.ROWS).getAsInt());
    assertEquals(VR.UN, ds.get(Tag.WINDOW_CENTER).vr());
  }
}
