package org.radassist.inference.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.inference.dataset.TumourRecipe;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;

/**
 * The retrain command must give the weights a card's sha256 names: the same plan and crops make the
 * same parameters bit for bit, and rerunning a finished run (its checkpoints kept) retrains
 * nothing. Shrunk to a few steps on synthetic crops so it runs in seconds; the machinery is the one
 * the built-in models are trained with.
 */
class CropTrainingTest {
  private static final ModelCard CARD = new TumourRecipe().card();
  private static final CropTraining.Plan PLAN =
      new CropTraining.Plan(32, 32, 2, 16, 2e-3f, 20261203L);

  @TempDir Path dir;

  @Test
  void theSameSeedTrainsTheSameWeightsAndAFinishedRunIsNotRetrained() throws Exception {
    Path first = train("first", PLAN);
    Path second = train("second", PLAN);
    assertEquals(
        ModelPackage.sha256(first), ModelPackage.sha256(second), "same seed, same weights");

    Path again = dir.resolve("again.params");
    CropTraining.fit(
        CARD,
        PLAN,
        CropTrainingTest::crop,
        CropTraining.EpochStart.NONE,
        dir.resolve("first-ckpt"),
        again);
    assertEquals(
        ModelPackage.sha256(first),
        ModelPackage.sha256(again),
        "a finished run resumes after its last epoch: nothing is trained again");

    Path oneEpoch = train("one-epoch", withSeedAndEpochs(PLAN.seed(), 1));
    assertNotEquals(
        ModelPackage.sha256(first),
        ModelPackage.sha256(oneEpoch),
        "the second epoch trained, so the equal weights above came from training, not from init");

    Path otherSeed = train("other", withSeedAndEpochs(PLAN.seed() + 1, PLAN.epochs()));
    assertNotEquals(
        ModelPackage.sha256(first), ModelPackage.sha256(otherSeed), "the seed is what decides");
  }

  private static CropTraining.Plan withSeedAndEpochs(long seed, int epochs) {
    return new CropTraining.Plan(
        PLAN.cropSize(), PLAN.cropsPerEpoch(), epochs, PLAN.batchSize(), PLAN.learningRate(), seed);
  }

  private Path train(String name, CropTraining.Plan plan) throws Exception {
    Path weights = dir.resolve(name + ".params");
    CropTraining.fit(
        CARD,
        plan,
        CropTrainingTest::crop,
        CropTraining.EpochStart.NONE,
        dir.resolve(name + "-ckpt"),
        weights);
    return weights;
  }

  /** Noise, and on odd indices a bright disc whose cells are the targets: a function of its key. */
  private static CropTraining.Crop crop(int epoch, int index) {
    int size = PLAN.cropSize();
    int stride = CropTraining.stride(CARD);
    int grid = size / stride;
    SplittableRandom r = new SplittableRandom(epoch * 1_000_003L + index);
    boolean lesion = index % 2 == 1;
    double cx = 6 + r.nextInt(size - 12);
    double cy = 6 + r.nextInt(size - 12);
    float[] pixels = new float[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double disc = lesion && Math.hypot(x - cx, y - cy) < 4 ? 2 : 0;
        pixels[y * size + x] = (float) (r.nextGaussian() * 0.3 + disc);
      }
    }
    float[] cells = new float[grid * grid];
    if (lesion) {
      cells[(int) (cy / stride) * grid + (int) (cx / stride)] = 1f;
    }
    return new CropTraining.Crop(pixels, lesion, cells);
  }
}
