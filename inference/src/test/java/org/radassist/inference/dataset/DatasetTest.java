package org.radassist.inference.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.demo.CropTraining;
import org.radassist.testsupport.Externals;

class DatasetTest {

  @Test
  void csvFieldsMayHoldQuotedCommasAndQuotes() {
    assertEquals(List.of("a", "b, \"c\"", "", "d"), RadiographCorpus.csv("a,\"b, \"\"c\"\"\",,d"));
  }

  @Test
  void theSplitFollowsTheImageHashSoNoFilmIsInTwoParts() throws Exception {
    RadiographCorpus corpus = RadiographCorpus.open(Externals.shared("data/radiographs"));
    assertEquals(441, corpus.images().size());
    Set<Path> seen = new HashSet<>();
    int total = 0;
    for (Split s : Split.values()) {
      for (String category : List.of("chest", "bone")) {
        for (CorpusImage i : corpus.select(category, s)) {
          assertTrue(seen.add(i.file()), i.file() + " in two splits");
          total++;
        }
      }
    }
    assertEquals(441, total);
    int test = corpus.select("chest", Split.TEST).size();
    int train = corpus.select("chest", Split.TRAIN).size();
    assertTrue(test > 20 && train > 150, "test " + test + ", train " + train);
  }

  @Test
  void aSimulatedNoduleBrightensARealChestFilmWhereItIsRecorded() throws Exception {
    RadiographCorpus corpus = RadiographCorpus.open(Externals.shared("data/radiographs"));
    CorpusImage image = corpus.select("chest", Split.TEST).get(0);
    Frame clean = RadiographCorpus.read(image.file());
    PlantedFilm a = NoduleSimulator.plant(clean, new SplittableRandom(5));
    PlantedFilm b = NoduleSimulator.plant(clean, new SplittableRandom(5));
    assertEquals(a.lesion(), b.lesion(), "seeded");
    PlantedLesion l = a.lesion();
    int x = (int) l.centerX();
    int y = (int) l.centerY();
    assertTrue(a.frame().sample(x, y, 0) > clean.sample(x, y, 0), "brighter at the centre");
    assertTrue(Math.abs(l.centerX() / clean.columns() - 0.5) > 0.05, "off the mediastinum");
    double mm = l.radius() * 2 * NoduleSimulator.FILM_WIDTH_MM / clean.columns();
    assertTrue(mm >= 8 && mm <= 55, "diameter " + mm + " mm");
    int fx = (int) Math.min(clean.columns() - 1, l.centerX() + 3 * l.radius());
    assertEquals(clean.sample(fx, y, 0), a.frame().sample(fx, y, 0), "untouched far away");
  }

  @Test
  void aSimulatedFractureIsALucentLineIntoBone() throws Exception {
    RadiographCorpus corpus = RadiographCorpus.open(Externals.shared("data/radiographs"));
    Frame clean = RadiographCorpus.read(corpus.select("bone", Split.TEST).get(0).file());
    for (int seed = 0; seed < 6; seed++) {
      PlantedFilm a = FractureSimulator.plant(clean, new SplittableRandom(seed));
      assertEquals(a.lesion(), FractureSimulator.plant(clean, new SplittableRandom(seed)).lesion());
      PlantedLesion l = a.lesion();
      double length = Math.hypot(l.x1() - l.x0(), l.y1() - l.y0());
      assertTrue(length >= 10 && l.radius() <= 6, l.toString());
      long before = 0;
      long after = 0;
      for (int k = 0; k <= 10; k++) {
        int x = (int) Math.round(l.x0() + (l.x1() - l.x0()) * (0.3 + 0.04 * k));
        int y = (int) Math.round(l.y0() + (l.y1() - l.y0()) * (0.3 + 0.04 * k));
        before += clean.sample(x, y, 0);
        after += a.frame().sample(x, y, 0);
      }
      assertTrue(after < before, "darker along the break: " + before + " -> " + after);
      int[] src = clean.samples();
      int[] out = a.frame().samples();
      for (int i = 0; i < src.length; i++) {
        double d = l.distance(i % clean.columns() + 0.5, i / clean.columns() + 0.5);
        if (d > 3 * length + 20) {
          assertEquals(src[i], out[i], "untouched far from the break");
        }
      }
    }
  }

  @Test
  void theTraitBreakdownShowsWhichLesionsAModelMisses() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.add(Map.of("plant", -1, "probability", 0.3 + 0.1 * i, "pointed", false));
    }
    for (int i = 0; i < 8; i++) {
      // The two shortest lesions score below every clean film; the rest above all of them.
      rows.add(
          Map.of(
              "plant", i, "probability", i < 2 ? 0.1 : 0.9, "pointed", i >= 2, "length", 1.0 * i));
    }
    String table = ScoreOnFreshLesions.byTrait(rows);
    List<String> lines = table.lines().toList();
    assertEquals(4, lines.size(), table);
    assertTrue(lines.get(0).contains("AUROC 0.000 pointing 0.00"), table);
    assertTrue(lines.get(3).contains("AUROC 1.000 pointing 1.00"), table);
    rows.replaceAll(
        r -> {
          Map<String, Object> withKind = new HashMap<>(r);
          withKind.put("complete", (int) r.get("plant") % 2 == 0 ? 1.0 : 0.0);
          return withKind;
        });
    assertEquals(
        4 + 2, ScoreOnFreshLesions.byTrait(rows).lines().count(), "a yes/no trait in two groups");
  }

  @Test
  void aSimulatedFractureDarkensTheBoneVisiblyAndLeavesSoftTissueAlone() throws Exception {
    RadiographCorpus corpus = RadiographCorpus.open(Externals.shared("data/radiographs"));
    for (CorpusImage image : corpus.select("bone", Split.TEST).subList(0, 4)) {
      Frame clean = FilmCache.reduce(RadiographCorpus.read(image.file()), 1024);
      FractureSimulator.Survey survey = FractureSimulator.survey(clean);
      for (int seed = 0; seed < 5; seed++) {
        PlantedFilm a = FractureSimulator.plant(clean, survey, new SplittableRandom(seed));
        PlantedLesion l = a.lesion();
        double deepest = 0;
        for (int i = 0; i < clean.samples().length; i++) {
          if (l.distance(i % clean.columns() + 0.5, i / clean.columns() + 0.5) == 0) {
            deepest = Math.max(deepest, clean.samples()[i] - a.frame().samples()[i]);
          }
        }
        assertTrue(
            deepest >= 0.05 * survey.span(),
            image.file().getFileName() + " seed " + seed + ": darkest change " + deepest);
      }
    }
  }

  @Test
  void fracturesAreDrawnOnBoneNotOnASideMarker() {
    // A soft-edged bone shaft and a burned-in marker letter as bright as the bone but sharp-edged.
    int w = 400;
    int h = 400;
    int[] px = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double bone = 1 / (1 + Math.exp((Math.abs(x - 140) - 40) / 3.0));
        boolean marker = x >= 260 && x < 330 && y >= 150 && y < 250;
        px[y * w + x] =
            marker ? 240 : (int) Math.round(60 + 150 * bone + 4 * Math.sin(x * 1.7 + y * 2.3));
      }
    }
    Frame film = new Frame(h, w, 1, Photometric.MONOCHROME2, 8, false, px);
    List<int[]> cortex = FractureSimulator.survey(film).cortex();
    assertTrue(cortex.size() > 20, cortex.size() + " cortex points");
    for (int[] p : cortex) {
      assertTrue(p[0] < 200, "cortex point on the marker at " + p[0] + "," + p[1]);
    }
    PlantedFilm planted = FractureSimulator.plant(film, new SplittableRandom(1));
    for (int y = 0; y < h; y++) {
      for (int x = 230; x < w; x++) {
        assertEquals(px[y * w + x], planted.frame().samples()[y * w + x], "marker side untouched");
      }
    }
  }

  @Test
  void aLesionIsACapsuleWithABox() {
    PlantedLesion line = new PlantedLesion("fracture", 10, 10, 30, 10, 2);
    assertEquals(0, line.distance(20, 11), 1e-9);
    assertEquals(3, line.distance(20, 15), 1e-9);
    assertEquals(1, line.distance(33, 10), 1e-9);
    assertEquals(new Finding.Box(8, 8, 24, 4), line.box());
    assertEquals(1, line.iou(new Finding.Box(8, 8, 24, 4)), 1e-9);
    assertEquals(0.5, line.iou(new Finding.Box(8, 8, 12, 4)), 1e-9);
  }

  @Test
  void trainingCropsMarkTheCellsOfTheLesionOnly() throws Exception {
    RadiographCorpus corpus = RadiographCorpus.open(Externals.shared("data/radiographs"));
    Frame clean = RadiographCorpus.read(corpus.select("chest", Split.TEST).get(0).file());
    TumourRecipe recipe = new TumourRecipe();
    CropMaker maker = new CropMaker(recipe.card(), 96);
    PlantedFilm pf = recipe.plant(clean, new SplittableRandom(3));
    CropTraining.Crop positive =
        maker.make(pf.frame(), Optional.of(pf.lesion()), new SplittableRandom(4));
    CropTraining.Crop negative = maker.make(clean, Optional.empty(), new SplittableRandom(4));
    assertEquals(96 * 96, positive.pixels().length);
    assertEquals(12 * 12, positive.cellTargets().length);
    double marked = 0;
    for (float c : positive.cellTargets()) {
      marked += c;
    }
    assertTrue(marked >= 1 && marked < 60, marked + " cells");
    for (float c : negative.cellTargets()) {
      assertEquals(0f, c);
    }
  }
}
