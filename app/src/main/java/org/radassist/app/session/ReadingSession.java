package org.radassist.app.session;

import java.time.Instant;

/** One reader's sitting at the workstation; {@code endedAt} is null while it is open. */
public record ReadingSession(
    long id, String reader, SessionMode mode, Instant startedAt, Instant endedAt) {}
