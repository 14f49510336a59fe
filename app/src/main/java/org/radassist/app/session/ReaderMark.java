package org.radassist.app.session;

import java.time.Instant;

/**
 * A region the reader marked personally, with the phase it was marked in (blinded or not) and the
 * image and frame it was marked on. {@code image} is null for a mark recorded before the record
 * kept it, or by the command line on a study the record had no image of: such a mark names no view,
 * so it is compared with the findings of every image of its study.
 */
public record ReaderMark(
    long id,
    long studyReadId,
    ReadPhase phase,
    String label,
    Region region,
    String note,
    Instant markedAt,
    StudyImage image,
    int frame) {

  /**
   * Whether this mark lies on frame {@code frame} of image {@code sopInstanceUid}, or names none.
   */
  public boolean mayLieOn(String sopInstanceUid, int frame) {
    return image == null || (image.sopInstanceUid().equals(sopInstanceUid) && this.frame == frame);
  }
}
