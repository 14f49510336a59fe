package org.radassist.dicom.sr;

import java.util.List;

/**
 * One TID 1501 measurement group that holds no region: a person's statements in free text about the
 * whole study, such as a reader's impressions before and after the AI was shown.
 *
 * @param trackingId short human-readable identifier, unique in the report (e.g. "read 1")
 * @param trackingUid UID that follows this group across reports
 * @param observer the person who made the statements
 * @param statements each statement's concept and its text, in order
 */
public record EvaluationGroup(
    String trackingId, String trackingUid, String observer, List<Statement> statements) {

  /** One TEXT qualitative evaluation: what it is, coded, and what was said. */
  public record Statement(Code concept, String text) {}
}
