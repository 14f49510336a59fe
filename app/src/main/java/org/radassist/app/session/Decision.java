package org.radassist.app.session;

import java.time.Instant;

/**
 * One committed reader decision on one AI finding. Decisions are never changed: a later decision on
 * the same finding supersedes an earlier one, and both stay in the record.
 *
 * @param region the corrected region for {@link DecisionKind#EDIT_REGION}, else {@code null}
 * @param studyReadId the blinded/revealed read it was made in, or {@code null} outside a session
 */
public record Decision(
    long id,
    long findingId,
    int findingIndex,
    DecisionKind kind,
    Region region,
    String comment,
    String reader,
    Instant decidedAt,
    Long studyReadId) {}
