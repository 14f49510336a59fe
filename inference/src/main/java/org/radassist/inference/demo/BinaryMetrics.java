package org.radassist.inference.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image-level and localisation metrics of a binary detector on images whose truth is known: ROC AUC
 * (ties counted half), sensitivity and specificity at the operating threshold, the share of lesions
 * whose centre lies in a finding's box, and false-positive findings per negative image.
 */
public final class BinaryMetrics {
  private final List<double[]> scored = new ArrayList<>();
  private final double threshold;
  private int localised;
  private int falseFindings;

  public BinaryMetrics(double threshold) {
    this.threshold = threshold;
  }

  /**
   * Records one image: its probability, whether it truly has a lesion, whether a finding's box
   * holds the lesion centre, and how many findings lie away from any lesion.
   */
  public synchronized void add(
      double probability, boolean lesion, boolean lesionCentreInFinding, int findingsElsewhere) {
    scored.add(new double[] {probability, lesion ? 1 : 0});
    if (lesion && lesionCentreInFinding) {
      localised++;
    }
    if (!lesion) {
      falseFindings += findingsElsewhere;
    }
  }

  public synchronized double auc() {
    List<double[]> s = new ArrayList<>(scored);
    s.sort(Comparator.comparingDouble(a -> a[0]));
    double rankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < s.size()) {
      int j = i;
      while (j < s.size() && s.get(j)[0] == s.get(i)[0]) {
        j++;
      }
      double rank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (s.get(k)[1] == 1) {
          rankSum += rank;
          positives++;
        }
      }
      i = j;
    }
    long negatives = s.size() - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
  }

  public synchronized Map<String, Object> toMap() {
    int tp = 0;
    int fn = 0;
    int tn = 0;
    int fp = 0;
    for (double[] r : scored) {
      boolean predicted = r[0] >= threshold;
      boolean truth = r[1] == 1;
      if (truth) {
        tp += predicted ? 1 : 0;
        fn += predicted ? 0 : 1;
      } else {
        fp += predicted ? 1 : 0;
        tn += predicted ? 0 : 1;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("images", scored.size());
    m.put("withLesion", tp + fn);
    m.put("auc", round(auc()));
    m.put("threshold", threshold);
    m.put("sensitivity", round(ratio(tp, tp + fn)));
    m.put("specificity", round(ratio(tn, tn + fp)));
    m.put("accuracy", round(ratio(tp + tn, scored.size())));
    m.put("lesionCentreInFindingBox", round(ratio(localised, tp + fn)));
    m.put("falseFindingsPerNegativeImage", round(ratio(falseFindings, tn + fp)));
    return m;
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
