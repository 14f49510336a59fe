package org.radassist.inference.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.radassist.inference.dataset.LesionModelTrainer;
import org.radassist.inference.dataset.RadiographCorpus;
import org.radassist.testsupport.Externals;

/**
 * The one command that retrains a shipped lesion model from scratch, run only on request (on two
 * cores about 60 minutes for the fracture model's three networks side by side, about 75 for the
 * chest model's, and the held-out scoring after it 5-10 minutes). {@code radassist.retrain.model}
 * is {@code tumour} or {@code fracture}; the package is written to {@code radassist.retrain.out}.
 * Checkpoints go to {@code inference/target/checkpoints/<id>}: the same command after an
 * interruption resumes there, and must be given an empty folder to start over. With {@code
 * -Dradassist.retrain.evaluate=true} the package already in {@code radassist.retrain.out} is only
 * scored again on the held-out films (see {@link LesionModelTrainer#evaluate}).
 *
 * <pre>
 * ./mvnw -B -q -pl inference -am verify -Dtest=RetrainLesionModel \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dradassist.retrain.model=tumour \
 *     -Dradassist.retrain.out=$PWD/inference/src/main/resources/org/radassist/inference/demo/chest-tumour-camnet
 * </pre>
 */
@EnabledIfSystemProperty(named = "radassist.retrain.out", matches = ".+")
class RetrainLesionModel {

  @Test
  void retrainsAShippedLesionModelFromScratch() throws Exception {
    var recipe = LesionModelTrainer.recipe(System.getProperty("radassist.retrain.model", "tumour"));
    Path out = Path.of(System.getProperty("radassist.retrain.out"));
    RadiographCorpus corpus = RadiographCorpus.open(Externals.shared("data/radiographs"));
    Map<String, Object> m =
        Boolean.getBoolean("radassist.retrain.evaluate")
            ? LesionModelTrainer.evaluate(recipe, corpus, out)
            : LesionModelTrainer.train(
                recipe, corpus, out, Path.of("target", "checkpoints", recipe.card().id()));
    System.out.println("scored " + recipe.card().id() + " " + m);
    @SuppressWarnings("unchecked")
    Map<String, Object> test = (Map<String, Object>) m.get("test");
    assertTrue(((Number) test.get("auroc")).doubleValue() > 0.5, "AUROC " + test.get("auroc"));
  }
}
