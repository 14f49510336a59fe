package org.radassist.app.session;

import java.time.Instant;

/** A region the reader marked personally, with the phase it was marked in (blinded or not). */
public record ReaderMark(
    long id,
    long studyReadId,
    ReadPhase phase,
    String label,
    Region region,
    String note,
    Instant markedAt) {}
