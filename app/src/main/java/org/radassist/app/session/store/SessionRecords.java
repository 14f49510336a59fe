package org.radassist.app.session.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.radassist.app.session.AuditEvent;
import org.radassist.app.session.ReadPhase;
import org.radassist.app.session.ReaderMark;
import org.radassist.app.session.ReadingSession;
import org.radassist.app.session.ReadingStoreException;
import org.radassist.app.session.Region;
import org.radassist.app.session.SessionMode;
import org.radassist.app.session.StudyImage;
import org.radassist.app.session.StudyRead;
import org.radassist.app.session.UidHash;

/**
 * Reading sessions and the state of each study read in them: phase (blinded, revealed, done) with
 * its times, both impressions, and the reader's own marks.
 */
public final class SessionRecords {
  private final ReadingDatabase db;

  SessionRecords(ReadingDatabase db) {
    this.db = db;
  }

  public ReadingSession start(String reader, SessionMode mode, Actor actor, Instant at)
      throws ReadingStoreException {
    return db.write(
        "start the reading session",
        c -> {
          long id;
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO reading_session (reader, mode, started_at) VALUES (?, ?, ?)"
                      + " RETURNING id")) {
            ps.setString(1, reader);
            ps.setString(2, mode.name());
            ps.setString(3, at.toString());
            id = Rows.returnedId(ps);
          }
          AuditLog.write(
              c,
              AuditEvent.Action.SESSION_STARTED,
              AuditEvent.SUCCESS,
              actor,
              null,
              mode.name() + " session " + id,
              at);
          return new ReadingSession(id, reader, mode, at, null);
        });
  }

  public ReadingSession end(long sessionId, Instant at) throws ReadingStoreException {
    return db.write(
        "end the reading session",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "UPDATE reading_session SET ended_at = ? WHERE id = ? AND ended_at IS NULL")) {
            ps.setString(1, at.toString());
            ps.setLong(2, sessionId);
            ps.executeUpdate();
          }
          return session(c, sessionId);
        });
  }

  public ReadingSession session(long sessionId) throws ReadingStoreException {
    return db.read("read the reading session", c -> session(c, sessionId));
  }

  /** Opens the study in the session (or returns the read already open), auditing the access. */
  public StudyRead openStudyRead(
      long sessionId, String studyUid, String uidHash, ReadPhase phase, Actor actor, Instant at)
      throws ReadingStoreException {
    return db.write(
        "record that the study was opened",
        c -> {
          long studyId = AnalysisRecords.studyId(c, studyUid, uidHash, at);
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO study_read (session_id, study_id, phase, opened_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (session_id, study_id) DO NOTHING")) {
            ps.setLong(1, sessionId);
            ps.setLong(2, studyId);
            ps.setString(3, phase.name());
            ps.setString(4, at.toString());
            ps.executeUpdate();
          }
          StudyRead read = studyRead(c, sessionId, studyUid).orElseThrow();
          AuditLog.write(
              c,
              AuditEvent.Action.STUDY_OPENED,
              AuditEvent.SUCCESS,
              actor,
              studyUid,
              "session "
                  + sessionId
                  + ", "
                  + read.phase().name().toLowerCase(java.util.Locale.ROOT),
              at);
          return read;
        });
  }

  public Optional<StudyRead> studyRead(long sessionId, String studyUid)
      throws ReadingStoreException {
    return db.read("read the study read", c -> studyRead(c, sessionId, studyUid));
  }

  public List<StudyRead> studyReads(long sessionId) throws ReadingStoreException {
    return reads(" WHERE r.session_id = ? ORDER BY r.id", ps -> ps.setLong(1, sessionId));
  }

  /** Every read of a study, in every session, oldest first. */
  public List<StudyRead> readsOfStudy(String studyUid) throws ReadingStoreException {
    return reads(" WHERE s.study_uid = ? ORDER BY r.id", ps -> ps.setString(1, studyUid));
  }

  private interface Bind {
    void to(java.sql.PreparedStatement ps) throws SQLException;
  }

  private List<StudyRead> reads(String where, Bind bind) throws ReadingStoreException {
    return db.read(
        "read the study reads",
        c -> {
          List<StudyRead> out = new ArrayList<>();
          try (var ps = c.prepareStatement(STUDY_READ_SELECT + where)) {
            bind.to(ps);
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(studyRead(rs));
              }
            }
          }
          return out;
        });
  }

  /** Moves a read to {@code phase}, stamping the time and the impression for that step. */
  public StudyRead advance(StudyRead read, ReadPhase phase, String impression, Instant at)
      throws ReadingStoreException {
    String stamp = phase == ReadPhase.REVEALED ? "revealed_at" : "completed_at";
    String impressionColumn =
        phase == ReadPhase.REVEALED ? "blinded_impression" : "final_impression";
    return db.write(
        "record the step of the read",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "UPDATE study_read SET phase = ?, "
                      + stamp
                      + " = ?, "
                      + impressionColumn
                      + " = coalesce(?, "
                      + impressionColumn
                      + ") WHERE id = ? AND phase <> 'DONE'")) {
            ps.setString(1, phase.name());
            ps.setString(2, at.toString());
            ps.setString(3, impression);
            ps.setLong(4, read.id());
            if (ps.executeUpdate() == 0) {
              // Finished meanwhile by another program: a completed read keeps what it recorded.
              throw new IllegalStateException(
                  "the read of study "
                      + read.studyInstanceUid()
                      + " in session "
                      + read.sessionId()
                      + " is already complete; a completed read is final");
            }
          }
          return studyRead(c, read.sessionId(), read.studyInstanceUid()).orElseThrow();
        });
  }

  /**
   * Records a mark on {@code image}'s frame {@code frame}, filing the image with the study when the
   * record does not know it yet (a blinded read marks images no analysis has seen); {@code image}
   * null records a mark that names no image.
   */
  public ReaderMark addMark(
      StudyRead read,
      StudyImage image,
      int frame,
      String label,
      Region region,
      String note,
      Instant at)
      throws ReadingStoreException {
    return db.write(
        "record the mark",
        c -> {
          Long imageId = null;
          if (image != null) {
            String study = image.studyInstanceUid();
            imageId =
                AnalysisRecords.imageId(
                    c, AnalysisRecords.studyId(c, study, UidHash.of(study), at), image);
          }
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO reader_mark (study_read_id, phase, label, box_x, box_y,"
                      + " box_width, box_height, note, marked_at, image_id, frame)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, read.id());
            ps.setString(2, read.phase().name());
            ps.setString(3, label);
            Rows.setRegion(ps, 4, region);
            ps.setString(8, note);
            ps.setString(9, at.toString());
            ps.setObject(10, imageId);
            ps.setObject(11, image == null ? null : frame);
            return new ReaderMark(
                Rows.returnedId(ps),
                read.id(),
                read.phase(),
                label,
                region,
                note,
                at,
                image,
                image == null ? 0 : frame);
          }
        });
  }

  public List<ReaderMark> marks(long studyReadId) throws ReadingStoreException {
    return db.read(
        "read the reader's marks",
        c -> {
          List<ReaderMark> out = new ArrayList<>();
          try (var ps =
              c.prepareStatement(
                  "SELECT m.id, m.phase, m.label, m.box_x, m.box_y, m.box_width, m.box_height,"
                      + " m.note, m.marked_at, m.frame, i.id, s.study_uid, i.series_uid,"
                      + " i.sop_class_uid, i.sop_instance_uid, i.path, i.rows, i.columns"
                      + " FROM reader_mark m LEFT JOIN image i ON i.id = m.image_id"
                      + " LEFT JOIN study s ON s.id = i.study_id"
                      + " WHERE m.study_read_id = ? ORDER BY m.id")) {
            ps.setLong(1, studyReadId);
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new ReaderMark(
                        rs.getLong(1),
                        studyReadId,
                        ReadPhase.valueOf(rs.getString(2)),
                        rs.getString(3),
                        Rows.region(rs, 4),
                        rs.getString(8),
                        Instant.parse(rs.getString(9)),
                        rs.getObject(11) == null ? null : AnalysisRecords.image(rs, 12),
                        rs.getInt(10)));
              }
            }
          }
          return out;
        });
  }

  private static ReadingSession session(Connection c, long id) throws SQLException {
    try (var ps =
        c.prepareStatement(
            "SELECT reader, mode, started_at, ended_at FROM reading_session WHERE id = ?")) {
      ps.setLong(1, id);
      try (var rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("there is no reading session " + id);
        }
        String ended = rs.getString(4);
        return new ReadingSession(
            id,
            rs.getString(1),
            SessionMode.valueOf(rs.getString(2)),
            Instant.parse(rs.getString(3)),
            ended == null ? null : Instant.parse(ended));
      }
    }
  }

  private static final String STUDY_READ_SELECT =
      "SELECT r.id, r.session_id, s.study_uid, r.phase, r.opened_at, r.revealed_at,"
          + " r.completed_at, r.blinded_impression, r.final_impression"
          + " FROM study_read r JOIN study s ON s.id = r.study_id";

  private static Optional<StudyRead> studyRead(Connection c, long sessionId, String studyUid)
      throws SQLException {
    try (var ps =
        c.prepareStatement(STUDY_READ_SELECT + " WHERE r.session_id = ? AND s.study_uid = ?")) {
      ps.setLong(1, sessionId);
      ps.setString(2, studyUid);
      try (var rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(studyRead(rs)) : Optional.empty();
      }
    }
  }

  private static StudyRead studyRead(ResultSet rs) throws SQLException {
    return new StudyRead(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        ReadPhase.valueOf(rs.getString(4)),
        Rows.instant(rs.getString(5)),
        Rows.instant(rs.getString(6)),
        Rows.instant(rs.getString(7)),
        rs.getString(8),
        rs.getString(9));
  }
}
