package org.radassist.dicom.web;

import java.util.List;

/**
 * The studies a QIDO-RS search found, and whether the server said it left some out: PS3.18 8.3.4.4
 * lets an origin server return fewer matches than there are, with a Warning 299 saying so, and a
 * list that looks whole but is not hides a patient's studies from the reader.
 *
 * @param serverWarning the text of the server's Warning 299, or null when it sent none
 */
public record StudySearch(List<StudySummary> studies, String serverWarning) {
  public StudySearch {
    studies = List.copyOf(studies);
  }

  /** Whether the server said there are more matches than it sent. */
  public boolean incomplete() {
    return serverWarning != null;
  }
}
