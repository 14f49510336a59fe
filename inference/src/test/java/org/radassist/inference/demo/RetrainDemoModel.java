package org.radassist.inference.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.radassist.inference.model.ModelPackage;

/**
 * The one command that rebuilds the built-in model from scratch, run only on request because it
 * takes minutes:
 *
 * <pre>
 * ./mvnw -B -q -pl inference -am verify -Dtest=RetrainDemoModel \
 *     -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dradassist.retrain.out=$PWD/inference/src/main/resources/org/radassist/inference/demo/phantom-nodule-camnet
 * </pre>
 *
 * It writes the package to the given folder and fails if the retrained model is not good enough to
 * ship as the demonstration.
 */
@EnabledIfSystemProperty(named = "radassist.retrain.out", matches = ".+")
class RetrainDemoModel {

  @Test
  void retrainsTheBuiltInModelFromScratch() throws Exception {
    Path out = Path.of(System.getProperty("radassist.retrain.out"));
    ModelPackage pkg = DemoModelTrainer.standard().train(out);
    Map<String, Object> m = pkg.card().metrics();
    System.out.println("retrained " + pkg.sha256() + " " + m);
    assertTrue(((Number) m.get("auc")).doubleValue() >= 0.9, "AUC " + m.get("auc"));
    assertTrue(
        ((Number) m.get("lesionCentreInFindingBox")).doubleValue() >= 0.8,
        "localisation " + m.get("lesionCentreInFindingBox"));
  }
}
