package org.radassist.inference.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.pixel.Frame;
import org.radassist.inference.demo.CropTraining;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.testsupport.Externals;

/**
 * The retrain command for an ensemble trains each member in a process of its own, assembles them
 * into one package that loads like any other, and after a stop trains no finished member again. The
 * fracture recipe shrunk to one short epoch on small films, so it runs in about a minute.
 */
class EnsembleTrainingTest {

  @Test
  void membersTrainApartAndLoadAsOnePackage(@TempDir Path dir) throws Exception {
    RadiographCorpus corpus = RadiographCorpus.open(Externals.shared("data/radiographs"));
    Recipe recipe = new SmallFractureEnsemble();
    Path out = Files.createDirectories(dir.resolve("package"));
    Path checkpoints = dir.resolve("checkpoints");

    Map<String, Object> metrics = LesionModelTrainer.train(recipe, corpus, out, checkpoints);

    ModelPackage pkg = ModelPackage.load(out);
    assertEquals(2, pkg.card().architecture().memberCount());
    assertEquals(List.of(99L, 100L), metrics.get("memberSeeds"));
    Path member0 = checkpoints.resolve("member-0").resolve(LesionModelTrainer.WEIGHTS_FILE);
    Path member1 = checkpoints.resolve("member-1").resolve(LesionModelTrainer.WEIGHTS_FILE);
    assertNotEquals(ModelPackage.sha256(member0), ModelPackage.sha256(member1));
    assertTrue(((Number) metrics.get("trainingWallMinutes")).doubleValue() > 0);

    long trained = Files.getLastModifiedTime(member1).toMillis();
    LesionModelTrainer.train(recipe, corpus, out, checkpoints);
    assertEquals(trained, Files.getLastModifiedTime(member1).toMillis(), "not trained again");
    assertEquals(pkg.card().weights().sha256(), ModelPackage.load(out).card().weights().sha256());
  }

  /** Started by name in each member's process, so public with a public constructor. */
  public static final class SmallFractureEnsemble implements Recipe {
    private static final int SIDE = 256;
    private final FractureRecipe fracture = new FractureRecipe();

    public SmallFractureEnsemble() {}

    @Override
    public String category() {
      return fracture.category();
    }

    @Override
    public ModelCard card() {
      ModelCard c = fracture.card().withInputSize(SIDE, SIDE);
      return c.withArchitecture(
          new ModelCard.Architecture(c.architecture().name(), List.of(4, 8)).withMembers(2));
    }

    @Override
    public int filmLongSide() {
      return SIDE;
    }

    @Override
    public CropTraining.Plan plan() {
      return new CropTraining.Plan(32, 64, 1, 16, 2e-3f, 99L);
    }

    @Override
    public PlantedFilm plant(Frame film, SplittableRandom r) {
      return fracture.plant(film, r);
    }

    @Override
    public Optional<double[]> negativeFocus(Frame film, SplittableRandom r) {
      return fracture.negativeFocus(film, r);
    }

    @Override
    public double phantomShare() {
      return 0;
    }

    @Override
    public String normalLabel() {
      return fracture.normalLabel();
    }
  }
}
