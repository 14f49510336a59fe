package org.radassist.inference.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.Photometric;

class PhantomTest {

  @Test
  void theSameSeedGivesTheSamePixelsAndLesion() {
    PhantomImage a = new Phantom(300, 260).render(42, true);
    PhantomImage b = new Phantom(300, 260).render(42, true);
    assertArrayEquals(a.frame().samples(), b.frame().samples());
    assertEquals(a.lesion(), b.lesion());
    PhantomImage c = new Phantom(300, 260).render(43, true);
    assertFalse(Arrays.equals(a.frame().samples(), c.frame().samples()));
  }

  @Test
  void isATwelveBitMonochrome2FrameOfTheRequestedSize() {
    Frame f = new Phantom(320, 240).render(1).frame();
    assertEquals(240, f.rows());
    assertEquals(320, f.columns());
    assertEquals(Photometric.MONOCHROME2, f.photometric());
    assertEquals(12, f.bitsStored());
    int[] range = f.storedRange();
    assertTrue(range[0] >= 0 && range[1] <= 4095);
    assertTrue(range[1] - range[0] > 1500, "a radiograph uses most of its range");
  }

  @Test
  void aPlantedLesionRaisesTheDensityAtItsCentre() {
    for (long seed = 0; seed < 5; seed++) {
      PhantomImage with = new Phantom(400, 400).render(seed, true);
      Lesion l = with.lesion().orElseThrow();
      assertTrue(l.radius() >= 10 && l.radius() <= 28, "radius " + l.radius());
      PhantomImage without = new Phantom(400, 400).render(seed, false);
      int x = (int) l.centerX();
      int y = (int) l.centerY();
      double inside = mean(with.frame(), x, y, 3) - mean(without.frame(), x, y, 3);
      assertTrue(inside > 0.6 * l.contrast(), "centre raised by " + inside);
      int fx = (int) Math.min(399, l.centerX() + 3 * l.radius());
      double outside = mean(with.frame(), fx, y, 2) - mean(without.frame(), fx, y, 2);
      assertEquals(0, outside, 5, "far from the lesion nothing changes");
    }
  }

  @Test
  void aLesionCanBePlacedByTheCaller() {
    Lesion wanted = new Lesion(150, 200, 20, 500);
    PhantomImage img = new Phantom(400, 400).render(3, wanted);
    assertEquals(wanted, img.lesion().orElseThrow());
    double raised =
        mean(img.frame(), 150, 200, 3) - mean(new Phantom(400, 400).render(3).frame(), 150, 200, 3);
    assertTrue(raised > 300, "raised by " + raised);
  }

  @Test
  void aLesionIsPlacedInsideTheLungsAwayFromTheMediastinum() {
    for (long seed = 0; seed < 20; seed++) {
      Lesion l = new Phantom(512, 512).render(seed, true).lesion().orElseThrow();
      assertTrue(Math.abs(l.centerX() - 256) > 40, "not on the spine: " + l);
      assertTrue(l.centerY() > 50 && l.centerY() < 460, "within the lung height: " + l);
    }
  }

  private static double mean(Frame f, int cx, int cy, int r) {
    double s = 0;
    int n = 0;
    for (int y = cy - r; y <= cy + r; y++) {
      for (int x = cx - r; x <= cx + r; x++) {
        if (x >= 0 && y >= 0 && x < f.columns() && y < f.rows()) {
          s += f.sample(x, y, 0);
          n++;
        }
      }
    }
    return s / n;
  }
}
