package org.radassist.app.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {
  private static final Set<String> BUILTIN = Set.of("chest-model");

  @Test
  void blankAndAutoAreAutomatic() {
    assertEquals(ModelChoice.AUTOMATIC, ModelChoice.parse(null, BUILTIN));
    assertEquals(ModelChoice.AUTOMATIC, ModelChoice.parse(" ", BUILTIN));
    assertEquals(ModelChoice.AUTOMATIC, ModelChoice.parse("AUTO", BUILTIN));
  }

  @Test
  void builtInIdsArePickedByNameOrPrefix() {
    assertEquals(new ModelChoice.Builtin("chest-model"), ModelChoice.parse("chest-model", BUILTIN));
    assertEquals(new ModelChoice.Builtin("x"), ModelChoice.parse("builtin:x", BUILTIN));
  }

  @Test
  void anythingElseIsAPackagePathAndTheKeyReadsBack() {
    ModelChoice p = ModelChoice.parse("/models/site.zip", BUILTIN);
    assertEquals(new ModelChoice.Package(Path.of("/models/site.zip")), p);
    for (ModelChoice c :
        new ModelChoice[] {ModelChoice.AUTOMATIC, new ModelChoice.Builtin("chest-model"), p}) {
      assertEquals(c, ModelChoice.parse(c.key(), BUILTIN));
    }
  }
}
