package org.radassist.app.session;

import java.time.Instant;

/**
 * One audit record, with the fields of an IHE ATNA / DICOM PS3.15 A.5 audit message: what happened
 * (event id code and action), when, whether it succeeded, who did it from which host, and on which
 * study.
 *
 * @param outcome 0 success, 4 minor failure, 8 serious failure, 12 major failure (as in ATNA)
 */
public record AuditEvent(
    long id,
    Instant eventTime,
    Action action,
    int outcome,
    String userId,
    String host,
    String studyInstanceUid,
    String detail) {

  /** What was done, with the ATNA EventID code and EventActionCode it is reported under. */
  public enum Action {
    STUDY_OPENED("110103", "DICOM Instances Accessed", "R"),
    ANALYSED("110103", "DICOM Instances Accessed", "E"),
    DECISION_RECORDED("110110", "Patient Record", "C"),
    EXPORTED("110106", "Export", "R"),
    SESSION_STARTED("110114", "User Authentication", "E");

    private final String eventIdCode;
    private final String eventIdMeaning;
    private final String actionCode;

    Action(String eventIdCode, String eventIdMeaning, String actionCode) {
      this.eventIdCode = eventIdCode;
      this.eventIdMeaning = eventIdMeaning;
      this.actionCode = actionCode;
    }

    public String eventIdCode() {
      return eventIdCode;
    }

    public String eventIdMeaning() {
      return eventIdMeaning;
    }

    public String actionCode() {
      return actionCode;
    }
  }

  public static final int SUCCESS = 0;
  public static final int MINOR_FAILURE = 4;
}
