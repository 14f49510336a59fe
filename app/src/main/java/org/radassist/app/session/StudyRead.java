package org.radassist.app.session;

import java.time.Instant;

/**
 * One study read within a session: both reads are kept, the blinded impression made before the AI
 * was shown and the final one after.
 */
public record StudyRead(
    long id,
    long sessionId,
    String studyInstanceUid,
    ReadPhase phase,
    Instant openedAt,
    Instant revealedAt,
    Instant completedAt,
    String blindedImpression,
    String finalImpression) {}
