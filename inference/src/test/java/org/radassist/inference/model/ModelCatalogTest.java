package org.radassist.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
  @TempDir Path models;

  private void pkg(String name, byte[] weights, boolean corrupt) throws Exception {
    Path dir = Files.createDirectories(models.resolve(name));
    Files.write(dir.resolve("model.pt"), weights);
    ModelPackageTest.card(ModelPackage.sha256(dir.resolve("model.pt")))
        .write(dir.resolve("model-card.json"));
    if (corrupt) {
      Files.write(dir.resolve("model.pt"), new byte[] {0});
    }
  }

  @Test
  void listsEveryPackageFolderWithItsStatusAndIgnoresOtherFiles() throws Exception {
    pkg("b-good", new byte[] {1}, false);
    pkg("a-tampered", new byte[] {2}, true);
    Files.createDirectories(models.resolve("not-a-package"));
    Files.writeString(models.resolve("notes.txt"), "x");
    List<ModelCatalog.Entry> entries = ModelCatalog.list(models);
    assertEquals(2, entries.size());
    assertEquals("a-tampered", entries.get(0).source().getFileName().toString());
    assertFalse(entries.get(0).usable());
    assertTrue(entries.get(0).problem().orElseThrow().contains("sha256"));
    assertTrue(entries.get(1).usable());
    assertEquals("test-model", entries.get(1).pkg().orElseThrow().card().id());
  }

  @Test
  void aFolderThatIsAPackageIsListedAloneAndAMissingFolderIsEmpty() throws Exception {
    pkg("only", new byte[] {1}, false);
    assertEquals(1, ModelCatalog.list(models.resolve("only")).size());
    assertTrue(ModelCatalog.list(models.resolve("absent")).isEmpty());
  }
}
