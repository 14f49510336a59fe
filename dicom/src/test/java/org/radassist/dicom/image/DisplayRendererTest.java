package org.radassist.dicom.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.testsupport.Externals;

class DisplayRendererTest {
  private static Path corpus(String name) {
    return Externals.shared("data/dicom").resolve(name);
  }

  @Test
  void monochrome1IsTheInverseOfTheSameImageAsMonochrome2() throws Exception {
    DicomImage m2 =
        DicomImage.read(
            corpus("torchxrayvision/1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819.dcm"));
    DicomImage m1 = DicomImage.read(corpus("torchxrayvision/Fake_MONOHR1.dcm"));
    assertEquals(Photometric.MONOCHROME1, m1.photometric());
    VoiLut w = VoiLut.linear(128, 256);
    byte[] a = DisplayRenderer.grey(m2.frame(0), m2.modalityLut(), w).pixels();
    byte[] b = DisplayRenderer.grey(m1.frame(0), m1.modalityLut(), w).pixels();
    for (int i = 0; i < a.length; i += 997) {
      assertEquals(255, (a[i] & 0xFF) + (b[i] & 0xFF), "pixel " + i);
    }
  }

  @Test
  void voiLutSequenceAndPaletteAreApplied() throws Exception {
    DicomImage vlut = DicomImage.read(corpus("pydicom_data/vlut_04.dcm"));
    assertFalse(vlut.voiTables().isEmpty());
    DisplayRenderer.Rendered r = DisplayRenderer.render(vlut, 0);
    assertEquals(vlut.rows() * vlut.columns(), r.pixels().length);

    DicomImage pal = DicomImage.read(corpus("pydicom_data/OBXXXX1A.dcm"));
    assertEquals(Photometric.PALETTE_COLOR, pal.photometric());
    assertTrue(pal.palette().isPresent());
    DisplayRenderer.Rendered rgb = DisplayRenderer.render(pal, 0);
    assertEquals(3, rgb.samplesPerPixel());
    boolean colourful = false;
    byte[] p = rgb.pixels();
    for (int i = 0; i < p.length && !colourful; i += 3) {
      colourful = p[i] != p[i + 1] || p[i + 1] != p[i + 2];
    }
    assertTrue(colourful, "palette image rendered grey");
  }

  @Test
  void sigmoidWindowFollowsPs33() {
    VoiLut s = new VoiLut(100, 50, VoiLut.Function.SIGMOID, "");
    assertEquals(0.5, s.apply(100), 1e-12);
    assertEquals(1.0 / (1.0 + Math.exp(-4.0 * 25 / 50)), s.apply(125), 1e-12);
  }
}
