package org.radassist.inference.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.pixel.Frame;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.demo.BuiltInModels;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.phantom.Phantom;
import org.radassist.inference.phantom.PhantomImage;

class HardNegativesTest {
  @Test
  void peaksAreTheStrongestPlacesKeptApart() {
    float[] v = new float[100 * 80];
    bump(v, 100, 20, 30, 1.0f);
    bump(v, 100, 22, 31, 0.95f);
    bump(v, 100, 70, 60, 0.8f);
    bump(v, 100, 50, 10, 0.6f);
    Heatmap map = new Heatmap("x", Heatmap.Method.CAM, 100, 80, v);

    List<double[]> peaks = HardNegatives.peaks(map, 3, 10);

    assertEquals(3, peaks.size());
    assertArrayEquals(new double[] {20.5, 30.5}, peaks.get(0));
    assertArrayEquals(
        new double[] {70.5, 60.5}, peaks.get(1), "the bump 2 px away is the same spot");
    assertArrayEquals(new double[] {50.5, 10.5}, peaks.get(2));
  }

  /**
   * The phantom model mined on a clean phantom returns spots on it, a resumed run (a new miner on
   * the same checkpoint folder, after the mining epoch) uses the same spots, and before the first
   * mining epoch the recipe decides.
   */
  @Test
  void minesWithTheCheckpointAndResumesWithTheSameSpots(@TempDir Path dir) throws Exception {
    Path params = dir.resolve("params");
    ModelPackage pkg =
        ModelPackage.load(BuiltInModels.extractTo(BuiltInModels.PHANTOM_NODULE, dir));
    Files.copy(pkg.weightsFile(), params);
    PhantomImage clean = new Phantom(320, 288).render(11L, false);
    List<FilmCache.Film> films =
        List.of(new FilmCache.Film(new CorpusImage(dir, "chest", "", "0"), clean.frame()));
    Recipe.Mining mining = new Recipe.Mining(2, 5, 1.0, 2);
    Path checkpoints = Files.createDirectories(dir.resolve("ckpt"));
    Recipe anywhere = new TumourRecipe();

    HardNegatives first = new HardNegatives(mining, pkg.card(), films, checkpoints);
    first.before(1, Optional.of(params));
    Optional<double[]> early = first.focus(0, new SplittableRandom(1), anywhere);
    first.before(2, Optional.of(params));
    List<double[]> mined = focusTimes(first, 20);

    HardNegatives resumed = new HardNegatives(mining, pkg.card(), films, checkpoints);
    resumed.before(4, Optional.of(params));
    List<double[]> again = focusTimes(resumed, 20);

    Frame f = clean.frame();
    assertEquals(
        anywhere.negativeFocus(f, new SplittableRandom(1)).map(Arrays::toString),
        early.map(Arrays::toString),
        "before the first mining epoch the recipe chooses");
    long spots = mined.stream().map(Arrays::toString).distinct().count();
    assertTrue(spots >= 1 && spots <= 2, spots + " spots for 2 per film");
    for (double[] p : mined) {
      assertTrue(p[0] >= 0 && p[0] < f.columns() && p[1] >= 0 && p[1] < f.rows());
    }
    for (int i = 0; i < mined.size(); i++) {
      assertArrayEquals(mined.get(i), again.get(i));
    }
  }

  private static List<double[]> focusTimes(HardNegatives h, int n) {
    SplittableRandom r = new SplittableRandom(5);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(h.focus(0, r, new TumourRecipe()).orElseThrow());
    }
    return out;
  }

  private static void bump(float[] v, int w, int cx, int cy, float height) {
    for (int i = 0; i < v.length; i++) {
      double dx = i % w - cx;
      double dy = i / w - cy;
      v[i] = Math.max(v[i], (float) (height * Math.exp(-(dx * dx + dy * dy) / 8)));
    }
  }
}
