package org.radassist.app.session;

import java.nio.file.Path;

/** An image the record knows, with where it was read from so exports can read it again. */
public record StudyImage(
    String studyInstanceUid,
    String seriesInstanceUid,
    String sopClassUid,
    String sopInstanceUid,
    Path path,
    int rows,
    int columns) {}
