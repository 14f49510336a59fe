package org.radassist.inference.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.radassist.inference.demo.BinaryMetrics;

/**
 * How far a held-out AUROC and pointing game could move on other films like these: a 95 %
 * percentile interval over the films drawn again with replacement, each with its clean image and
 * all the lesions planted into it. Films, not images, are drawn because what a model gets wrong is
 * mostly a film's anatomy: its clean image decides how high every lesion planted into it must
 * score, and with 17 test films one film moves the fracture model's AUROC by up to 0.02. Seeded, so
 * a card's interval is reproduced with its figures.
 */
final class FilmBootstrap {
  static final int DRAWS = 2000;
  private static final long SEED = 20261205L;

  private final List<FilmScores> films = new ArrayList<>();

  /** One film's probability clean, and each planted lesion's probability and pointing hit. */
  private record FilmScores(double clean, double[] planted, boolean[] pointed) {}

  void add(double clean, double[] planted, boolean[] pointed) {
    films.add(new FilmScores(clean, planted.clone(), pointed.clone()));
  }

  /** AUROC's 2.5th and 97.5th percentiles over the draws. */
  double[] auroc() {
    return interval(this::aurocOf);
  }

  /** The pointing game's 2.5th and 97.5th percentiles over the draws. */
  double[] pointingGame() {
    return interval(this::pointingOf);
  }

  private interface Statistic {
    double of(int[] draw);
  }

  private double[] interval(Statistic statistic) {
    SplittableRandom r = new SplittableRandom(SEED);
    int n = films.size();
    double[] values = new double[DRAWS];
    int[] draw = new int[n];
    for (int b = 0; b < DRAWS; b++) {
      for (int i = 0; i < n; i++) {
        draw[i] = r.nextInt(n);
      }
      values[b] = statistic.of(draw);
    }
    Arrays.sort(values);
    return new double[] {
      values[(int) Math.floor(0.025 * DRAWS)], values[(int) Math.ceil(0.975 * DRAWS) - 1]
    };
  }

  private double aurocOf(int[] draw) {
    BinaryMetrics auc = new BinaryMetrics(0.5);
    for (int i : draw) {
      FilmScores f = films.get(i);
      auc.add(f.clean, false, false, 0);
      for (double p : f.planted) {
        auc.add(p, true, false, 0);
      }
    }
    return auc.auc();
  }

  private double pointingOf(int[] draw) {
    int hits = 0;
    int planted = 0;
    for (int i : draw) {
      for (boolean hit : films.get(i).pointed) {
        hits += hit ? 1 : 0;
        planted++;
      }
    }
    return (double) hits / planted;
  }
}
