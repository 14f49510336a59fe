package org.radassist.inference.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;

class BuiltInModelsTest {

  @Test
  void everyBuiltInLoadsThroughThePackageCodeWithItsHashChecked(@TempDir Path tmp)
      throws Exception {
    for (String id : BuiltInModels.ids()) {
      ModelPackage pkg = ModelPackage.load(BuiltInModels.extractTo(id, tmp));
      ModelCard card = pkg.card();
      assertEquals(id, card.id());
      assertEquals(card.weights().sha256(), ModelPackage.sha256(pkg.weightsFile()));
      assertTrue(card.intendedUse().contains("not for diagnosis"), id);
    }
  }

  @Test
  void theShippedLesionModelsCarryTheirHeldOutMetrics() {
    for (String id : BuiltInModels.SELECTABLE) {
      Map<String, Object> m = BuiltInModels.card(id).metrics();
      for (String part : new String[] {"test", "validation", "ciSubset"}) {
        @SuppressWarnings("unchecked")
        Map<String, Object> scores = (Map<String, Object>) m.get(part);
        for (String key :
            new String[] {"auroc", "pointingGame", "boxIou30", "falseFindingsPerCleanFilm"}) {
          assertTrue(scores.get(key) instanceof Number, id + " " + part + "." + key);
        }
      }
      assertTrue(BuiltInModels.card(id).trainingData().contains("not shipped"), id);
    }
  }

  @Test
  void bodyPartChoosesTheModel() {
    assertEquals(BuiltInModels.CHEST_TUMOUR, BuiltInModels.select("CHEST", null, null));
    assertEquals(BuiltInModels.BONE_FRACTURE, BuiltInModels.select("HAND", null, null));
    assertEquals(BuiltInModels.BONE_FRACTURE, BuiltInModels.select(" wrist ", null, null));
    assertEquals(BuiltInModels.BONE_FRACTURE, BuiltInModels.select("ELBOW", "CHEST", null));
  }

  /** The fracture model saw hands, wrists, forearms and elbows only; it is not offered for more. */
  @Test
  void noBuiltInModelCoversBodyPartsItNeverSaw() {
    for (String part :
        new String[] {"HIP", "PELVIS", "KNEE", "ANKLE", "FOOT", "SHOULDER", "SPINE"}) {
      assertTrue(BuiltInModels.covering(part).isEmpty(), part);
    }
  }

  @Test
  void withoutABodyPartTheDescriptionThenTheWantedKindDecide() {
    assertEquals(BuiltInModels.BONE_FRACTURE, BuiltInModels.select("", "XR WRIST 2 VIEWS", null));
    assertEquals(BuiltInModels.CHEST_TUMOUR, BuiltInModels.select(null, "CHEST PA", null));
    assertEquals(BuiltInModels.BONE_FRACTURE, BuiltInModels.select(null, null, LabelKind.FRACTURE));
    assertEquals(BuiltInModels.CHEST_TUMOUR, BuiltInModels.select(null, null, LabelKind.TUMOR));
    assertEquals(BuiltInModels.CHEST_TUMOUR, BuiltInModels.select("ABDOMEN", "CT", null));
  }
}
