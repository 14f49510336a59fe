package org.radassist.app.session;

import java.time.Instant;
import java.util.List;

/**
 * One recorded analysis of one image frame: the image it was run on, the exact model (id, version,
 * weights sha256), the device, and the findings in the order the model gave them.
 */
public record StoredAnalysis(
    long id,
    StudyImage image,
    int frame,
    String modelId,
    String modelVersion,
    String modelSha256,
    String device,
    Instant analysedAt,
    List<LabelScore> labels,
    List<StoredFinding> findings) {

  /** The image-level probability of one label against its operating threshold. */
  public record LabelScore(
      String name, String kind, double probability, double threshold, boolean positive) {}

  public StoredFinding finding(int index) {
    if (index < 0 || index >= findings.size()) {
      throw new IllegalArgumentException(
          "finding "
              + index
              + " does not exist: the latest analysis has "
              + findings.size()
              + " finding(s), numbered from 0");
    }
    return findings.get(index);
  }
}
