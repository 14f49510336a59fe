package org.radassist.inference.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.demo.BinaryMetrics;
import org.radassist.testsupport.Externals;

/**
 * Scores model packages, run only on request, on the validation films with ten lesions each planted
 * from seeds past the card's own (2..11): a sample no choice among the models has seen, for
 * comparing a model that was chosen on the card's sample with one that was not. {@code
 * radassist.fresh.packages} is a comma-separated list of package folders, {@code
 * radassist.fresh.model} the recipe ({@code tumour} or {@code fracture}). {@code
 * radassist.fresh.split=test} scores the test films instead, to report how far a card's test
 * figures (two lesions per film) hold on a larger sample, never to choose a model; with {@code
 * radassist.fresh.rows} set to a folder, each package's scored images (probability, pointing and
 * the lesion's traits) go there as JSON lines, one file per package. {@code
 * radassist.fresh.firstPlant} (default 2) starts the ten plant seeds elsewhere: seeds 2..11 have
 * decided four fracture changes, so later decisions use 12..21 (see MODEL_DECISIONS.md).
 *
 * <pre>
 * ./mvnw -B -q -pl inference -am verify -Dtest=ScoreOnFreshLesions \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dradassist.fresh.model=fracture \
 *     -Dradassist.fresh.packages=DIR1,DIR2
 * </pre>
 */
@EnabledIfSystemProperty(named = "radassist.fresh.packages", matches = ".+")
class ScoreOnFreshLesions {
  private static final int PLANTS = 10;

  @Test
  void scoresPackagesOnLesionsNoChoiceHasSeen() throws Exception {
    Recipe recipe = LesionModelTrainer.recipe(System.getProperty("radassist.fresh.model"));
    RadiographCorpus corpus = RadiographCorpus.open(Externals.shared("data/radiographs"));
    Split split =
        Split.valueOf(
            System.getProperty("radassist.fresh.split", "validation").toUpperCase(Locale.ROOT));
    List<FilmCache.Film> films = LesionModelTrainer.films(corpus, recipe, split);
    int firstPlant = Integer.getInteger("radassist.fresh.firstPlant", 2);
    for (String dir : System.getProperty("radassist.fresh.packages").split(",")) {
      try (Analyzer analyzer = LesionModelTrainer.open(Path.of(dir))) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> m =
            HeldOutEvaluation.simulated(analyzer, recipe, films, firstPlant, PLANTS, rows::add);
        System.out.println("fresh lesions " + dir + " " + m);
        String out = System.getProperty("radassist.fresh.rows", "");
        if (!out.isEmpty()) {
          Files.createDirectories(Path.of(out));
          ObjectMapper json = new ObjectMapper();
          List<String> lines = new ArrayList<>();
          for (Map<String, Object> row : rows) {
            lines.add(json.writeValueAsString(row));
          }
          Files.write(Path.of(out, Path.of(dir).getFileName() + ".jsonl"), lines);
        }
        System.out.print(byTrait(rows));
      }
    }
  }

  /**
   * For each trait the simulator records, its planted images in quarters from the lowest value up,
   * each quarter's AUROC against all the clean films and its pointing game: which kinds of lesion
   * the model misses.
   */
  static String byTrait(List<Map<String, Object>> rows) {
    List<Map<String, Object>> clean = new ArrayList<>();
    List<Map<String, Object>> planted = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      ((int) row.get("plant") < 0 ? clean : planted).add(row);
    }
    StringBuilder out = new StringBuilder();
    if (planted.isEmpty()) {
      return "";
    }
    for (String trait : new TreeSet<>(planted.get(0).keySet())) {
      if (!(planted.get(0).get(trait) instanceof Double) || trait.equals("probability")) {
        continue;
      }
      List<Map<String, Object>> sorted = new ArrayList<>(planted);
      sorted.sort(Comparator.comparingDouble(r -> (double) r.get(trait)));
      for (List<Map<String, Object>> group : groups(sorted, trait)) {
        BinaryMetrics auc = new BinaryMetrics(0.5);
        clean.forEach(r -> auc.add((double) r.get("probability"), false, false, 0));
        group.forEach(r -> auc.add((double) r.get("probability"), true, false, 0));
        long pointed = group.stream().filter(r -> (boolean) r.get("pointed")).count();
        out.append(
            String.format(
                Locale.ROOT,
                "  %-16s %7.3f-%-7.3f n=%3d AUROC %.3f pointing %.2f%n",
                trait,
                (double) group.get(0).get(trait),
                (double) group.get(group.size() - 1).get(trait),
                group.size(),
                auc.auc(),
                (double) pointed / group.size()));
      }
    }
    return out.toString();
  }

  /**
   * Rows sorted by a trait, in quarters; a trait of a few values (whether a break is complete) by
   * value instead, so no group mixes them.
   */
  private static List<List<Map<String, Object>>> groups(
      List<Map<String, Object>> sorted, String trait) {
    Map<Object, List<Map<String, Object>>> byValue = new LinkedHashMap<>();
    sorted.forEach(r -> byValue.computeIfAbsent(r.get(trait), v -> new ArrayList<>()).add(r));
    if (byValue.size() <= 4) {
      return new ArrayList<>(byValue.values());
    }
    List<List<Map<String, Object>>> quarters = new ArrayList<>();
    for (int q = 0; q < 4; q++) {
      quarters.add(sorted.subList(q * sorted.size() / 4, (q + 1) * sorted.size() / 4));
    }
    return quarters;
  }
}
