package org.radassist.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.inference.demo.BuiltInModels;
import picocli.CommandLine;

/** {@code radassist models show}: the card a reader checks before trusting a model's marks. */
class ModelsShowCommandTest {
  @TempDir Path dataDir;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    CommandLine cl = RootCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aBuiltInIdShowsWhatTheModelIsForAndItsHeldOutFigures() {
    Run r = run("--data-dir", dataDir.toString(), "models", "show", BuiltInModels.CHEST_TUMOUR);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Lung nodule / mass detector (demonstration)\n"), r.out());
    assertTrue(r.out().contains("  version: 1.6.0\n"), r.out());
    assertTrue(r.out().contains("  sha256: b8c3ffaffea3…\n"), r.out());
    assertTrue(r.out().contains("Demonstration only, not for diagnosis."), r.out());
    assertTrue(r.out().contains("nodule-mass (tumor) 0.86"), r.out());
    assertTrue(r.out().contains("CHEST, LUNG, THORAX, RIB"), r.out());
    assertTrue(
        r.out()
            .matches(
                "(?s).*\n  test +52 +0\\.951 \\(0\\.911–0\\.981\\) +90% \\(84%–96%\\) +83% +0\\.17\n.*"),
        "the test row: films, AUROC, pointing game, box IoU, false findings: " + r.out());
    assertTrue(
        r.out()
            .matches(
                "(?s).*\n  test, ten more lesions per film +52 +0\\.934 \\(0\\.898–0\\.965\\)"
                    + " +90% \\(84%–95%\\) +80% +0\\.17\n.*"),
        "the same test films with ten more lesions each, the figure less moved by the draw: "
            + r.out());
    assertTrue(r.out().contains("\n  validation "), r.out());
    assertTrue(
        r.out().contains("(in brackets: 95 % of the figures fall in this range"),
        "the intervals are explained: " + r.out());
    assertTrue(r.out().contains("  phantoms.auroc: 1\n"), "other figures are kept: " + r.out());
  }

  @Test
  void theFractureModelAlsoGivesItsFiguresOnRealLabelsAndOnFilmsLabelledNormal() {
    Run r = run("--data-dir", dataDir.toString(), "models", "show", BuiltInModels.BONE_FRACTURE);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\n  real labels "), r.out());
    assertTrue(r.out().contains("\n  simulated on films labelled normal "), r.out());
    assertTrue(r.out().contains("  realLabelledFilms.fractured: 30\n"), r.out());
  }

  @Test
  void aPackageFolderWithFiguresOfAnotherShapeListsThemAsTheyAre() {
    Path pkg = BuiltInModels.extractTo(BuiltInModels.PHANTOM_NODULE, dataDir.resolve("elsewhere"));
    Run r = run("--data-dir", dataDir.toString(), "models", "show", pkg.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Held-out figures: none in the usual form"), r.out());
    assertTrue(
        r.out().contains("  validation: full pipeline on 200 unseen 512x512 phantoms"), r.out());
    assertTrue(r.out().contains("  body parts: not stated"), r.out());
  }

  @Test
  void anUnknownIdIsAnErrorNamingTheBuiltInModels() {
    Run r = run("--data-dir", dataDir.toString(), "models", "show", "no-such-model");
    assertEquals(RootCommand.USAGE, r.exit(), "a name that names no model is bad usage");
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("radassist: no model no-such-model:"), r.err());
    assertTrue(r.err().contains(BuiltInModels.CHEST_TUMOUR), r.err());
  }
}
