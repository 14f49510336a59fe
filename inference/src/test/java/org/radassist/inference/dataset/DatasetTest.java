package org.radassist.inference.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.pixel.Frame;
import org.radassist.inference.phantom.Lesion;
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
    LesionSimulator.Result a = LesionSimulator.plant(clean, 5);
    LesionSimulator.Result b = LesionSimulator.plant(clean, 5);
    assertEquals(a.lesion(), b.lesion(), "seeded");
    Lesion l = a.lesion();
    int x = (int) l.centerX();
    int y = (int) l.centerY();
    int before = clean.sample(x, y, 0);
    int after = a.frame().sample(x, y, 0);
    assertTrue(after > before, before + " -> " + after);
    assertTrue(Math.abs(l.centerX() / clean.columns() - 0.5) > 0.05, "off the mediastinum");
    int fx = (int) Math.min(clean.columns() - 1, l.centerX() + 4 * l.radius());
    assertEquals(clean.sample(fx, y, 0), a.frame().sample(fx, y, 0), "untouched far away");
  }
}
