package org.radassist.inference.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FilmBootstrapTest {
  @Test
  void filmsThatAllSeparateCleanFromPlantedGiveNoSpread() {
    FilmBootstrap b = new FilmBootstrap();
    for (int i = 0; i < 10; i++) {
      b.add(0.1, new double[] {0.9, 0.8}, new boolean[] {true, true});
    }
    assertArrayEquals(new double[] {1, 1}, b.auroc(), 1e-12);
    assertArrayEquals(new double[] {1, 1}, b.pointingGame(), 1e-12);
  }

  /**
   * One film in ten whose clean image outscores every lesion: the interval must reach from well
   * below the AUROC of all ten films up to the AUROC without that film, as drawing it more or less
   * often moves the figure.
   */
  @Test
  void oneFilmThatFiresCleanWidensTheAurocInterval() {
    FilmBootstrap b = new FilmBootstrap();
    for (int i = 0; i < 9; i++) {
      b.add(0.1, new double[] {0.9, 0.8}, new boolean[] {true, i % 3 != 0});
    }
    b.add(0.95, new double[] {0.3, 0.2}, new boolean[] {false, false});
    double[] auroc = b.auroc();
    double all = 1 - 1.0 / 10;
    assertTrue(auroc[0] < all - 0.05 && auroc[1] == 1.0, auroc[0] + ".." + auroc[1]);
    double[] pointing = b.pointingGame();
    assertTrue(pointing[0] < 0.75 && pointing[1] > 0.75, pointing[0] + ".." + pointing[1]);
    assertArrayEquals(auroc, b.auroc(), 0, "the same draws every time");
  }
}
