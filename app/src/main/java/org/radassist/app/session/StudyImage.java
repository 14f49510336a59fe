package org.radassist.app.session;

import java.nio.file.Path;
import org.radassist.dicom.image.DicomImage;

/** An image the record knows, with where it was read from so exports can read it again. */
public record StudyImage(
    String studyInstanceUid,
    String seriesInstanceUid,
    String sopClassUid,
    String sopInstanceUid,
    Path path,
    int rows,
    int columns) {

  /** The record's entry for {@code image}, whose frames are {@code columns x rows} pixels. */
  public static StudyImage of(DicomImage image, int rows, int columns) {
    return new StudyImage(
        image.studyInstanceUid(),
        image.seriesInstanceUid(),
        image.sopClassUid(),
        image.sopInstanceUid(),
        image.path(),
        rows,
        columns);
  }
}
