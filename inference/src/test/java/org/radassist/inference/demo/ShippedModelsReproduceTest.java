package org.radassist.inference.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.AnalyzerOptions;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.dataset.FilmCache;
import org.radassist.inference.dataset.HeldOutEvaluation;
import org.radassist.inference.dataset.LesionModelTrainer;
import org.radassist.inference.dataset.RadiographCorpus;
import org.radassist.inference.dataset.Recipe;
import org.radassist.inference.dataset.Split;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.testsupport.Externals;

/**
 * CI does not retrain; it checks that each shipped package (whose sha256 the loader verifies) still
 * scores exactly what its card says on the fixed evaluation subset of the test split: the first
 * {@value LesionModelTrainer#CI_FILMS} test films, each clean and with one planted lesion.
 */
class ShippedModelsReproduceTest {

  @Test
  void chestTumourModelReproducesItsCard() throws Exception {
    reproduces(BuiltInModels.CHEST_TUMOUR, "tumour");
  }

  @Test
  void boneFractureModelReproducesItsCard() throws Exception {
    reproduces(BuiltInModels.BONE_FRACTURE, "fracture");
  }

  /**
   * Everything a card says besides what training measures (weights' hash, operating threshold,
   * metrics) comes from the recipe, so an edit to one without the other would ship a card the
   * retrain command no longer writes.
   */
  @Test
  void eachShippedCardIsWhatItsRecipeWrites(@TempDir Path tmp) throws Exception {
    for (String name : List.of("tumour", "fracture")) {
      ModelCard recipeCard = LesionModelTrainer.recipe(name).card();
      ModelCard shipped = BuiltInModels.load(recipeCard.id()).card();
      ModelCard written =
          recipeCard
              .withWeights(shipped.weights())
              .withLabels(shipped.labels())
              .withMetrics(shipped.metrics());
      written.write(tmp.resolve(name + "-recipe.json"));
      shipped.write(tmp.resolve(name + "-shipped.json"));
      ObjectMapper json = new ObjectMapper();
      assertEquals(
          json.readTree(tmp.resolve(name + "-recipe.json").toFile()),
          json.readTree(tmp.resolve(name + "-shipped.json").toFile()),
          recipeCard.id());
    }
  }

  private static void reproduces(String id, String recipeName) throws Exception {
    RadiographCorpus corpus = RadiographCorpus.open(Externals.shared("data/radiographs"));
    Recipe recipe = LesionModelTrainer.recipe(recipeName);
    List<FilmCache.Film> films =
        FilmCache.load(
            corpus.select(recipe.category(), Split.TEST).subList(0, LesionModelTrainer.CI_FILMS),
            recipe.filmLongSide());
    ModelPackage pkg = BuiltInModels.load(id);
    @SuppressWarnings("unchecked")
    Map<String, Object> expected = (Map<String, Object>) pkg.card().metrics().get("ciSubset");
    try (Analyzer analyzer =
        Analyzer.open(pkg, AnalyzerOptions.defaults(DeviceChoice.CPU).withWorkers(1))) {
      Map<String, Object> actual = HeldOutEvaluation.simulated(analyzer, recipe, films, 1);
      for (Map.Entry<String, Object> e : expected.entrySet()) {
        assertArrayEquals(
            numbers(e.getValue()), numbers(actual.get(e.getKey())), 1e-3, id + " " + e.getKey());
      }
    }
  }

  /** A figure as its numbers: one for a rate, two for an interval. */
  private static double[] numbers(Object figure) {
    if (figure instanceof List<?> values) {
      return values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }
    return new double[] {((Number) figure).doubleValue()};
  }
}
