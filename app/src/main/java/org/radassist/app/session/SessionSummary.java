package org.radassist.app.session;

import java.util.List;

/**
 * What a session amounted to, per study and in total: decisions on AI findings, time spent, and how
 * far the reader's blinded read agreed with the AI. Agreement is positive specific agreement,
 * {@code 2·matched / (aiFindings + blindedMarks)}, where a blinded mark and an AI finding match
 * when their regions overlap; it is {@code null} when neither the reader nor the AI marked
 * anything.
 */
public record SessionSummary(ReadingSession session, List<StudySummary> studies) {

  /** One study's figures; {@code readSeconds} is null until the read is finished. */
  public record StudySummary(
      String studyInstanceUid,
      ReadPhase phase,
      int aiFindings,
      int accepted,
      int rejected,
      int edited,
      int undecided,
      int blindedMarks,
      int matched,
      Double agreement,
      Long readSeconds,
      boolean aiHidden) {}

  public int accepted() {
    return studies.stream().mapToInt(StudySummary::accepted).sum();
  }

  public int rejected() {
    return studies.stream().mapToInt(StudySummary::rejected).sum();
  }

  /** Positive specific agreement over the whole session; null when nothing was marked. */
  public Double agreement() {
    List<StudySummary> shown = studies.stream().filter(s -> !s.aiHidden()).toList();
    int matched = shown.stream().mapToInt(StudySummary::matched).sum();
    int marked = shown.stream().mapToInt(s -> s.aiFindings() + s.blindedMarks()).sum();
    return marked == 0 ? null : 2.0 * matched / marked;
  }
}
