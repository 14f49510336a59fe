package org.radassist.inference.dataset;

import java.util.Locale;

/**
 * Train / validation / test membership decided by the image's own sha256, so the split is stable
 * across runs and machines, needs no stored list, and puts identical files (the same film reached
 * through two sources) in the same part. 70 / 15 / 15 %.
 */
public enum Split {
  TRAIN,
  VALIDATION,
  TEST;

  public static Split of(String sha256) {
    int bucket = (int) (Long.parseLong(sha256.substring(0, 8), 16) % 100);
    if (bucket < 70) {
      return TRAIN;
    }
    return bucket < 85 ? VALIDATION : TEST;
  }

  public static Split parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
