package org.radassist.app.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The latest analysis of one image of a study with every decision on its findings: what {@code
 * review list}, the findings panel and every export show, one per analysed image. The verdict on a
 * finding is its latest accept, reject or edited region; comments accumulate. {@code earlier} are
 * the decisions on earlier analyses of the same image, which the latest one no longer shows: they
 * are listed so that a re-analysis never makes a decision silently disappear.
 */
public record StudyReview(
    StoredAnalysis analysis, List<Decision> decisions, List<EarlierDecision> earlier) {

  /** A decision on a finding of an earlier analysis of the image, with that analysis' model. */
  public record EarlierDecision(
      Decision decision, long analysisId, String modelId, String modelVersion) {}

  public StudyReview(StoredAnalysis analysis, List<Decision> decisions) {
    this(analysis, decisions, List.of());
  }

  public Optional<Decision> verdict(int findingIndex) {
    Decision latest = null;
    for (Decision d : decisions) {
      if (d.findingIndex() == findingIndex && d.kind().isVerdict()) {
        latest = d;
      }
    }
    return Optional.ofNullable(latest);
  }

  public List<Decision> comments(int findingIndex) {
    List<Decision> out = new ArrayList<>();
    for (Decision d : decisions) {
      if (d.findingIndex() == findingIndex && d.comment() != null && !d.comment().isBlank()) {
        out.add(d);
      }
    }
    return out;
  }

  /** The region the reader settled on: the edited one if any, else the model's box. */
  public Region region(int findingIndex) {
    return verdict(findingIndex)
        .filter(d -> d.kind() == DecisionKind.EDIT_REGION)
        .map(Decision::region)
        .orElse(analysis.finding(findingIndex).box());
  }

  /** True once every finding has an accept, reject or edited region. */
  public boolean complete() {
    for (StoredFinding f : analysis.findings()) {
      if (verdict(f.index()).isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
