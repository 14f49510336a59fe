package org.radassist.app.session.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.radassist.app.session.AuditEvent;
import org.radassist.app.session.Decision;
import org.radassist.app.session.DecisionKind;
import org.radassist.app.session.ReadPhase;
import org.radassist.app.session.ReaderMark;
import org.radassist.app.session.ReadingSession;
import org.radassist.app.session.ReadingStoreException;
import org.radassist.app.session.Region;
import org.radassist.app.session.SessionMode;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.app.session.StoredFinding;
import org.radassist.app.session.StudyImage;
import org.radassist.app.session.StudyRead;

/**
 * The reading record's rows: every method is one committed transaction (or one consistent read),
 * and each change that the audit trail must show writes its audit row in the same transaction, so
 * the record and its audit can never disagree.
 */
public final class ReadingStore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who acts and from where: the ATNA active participant of every audit row written. */
  public record Actor(String userId, String host) {}

  /** A heatmap as kept: the 8-bit PNG of {@code Heatmap.toGray8()}. */
  public record StoredHeatmap(String label, int width, int height, byte[] png) {}

  /** What an analysis brings to be recorded. */
  public record NewAnalysis(
      StudyImage image,
      int frame,
      String modelId,
      String modelVersion,
      String modelSha256,
      String device,
      List<StoredAnalysis.LabelScore> labels,
      List<StoredFinding> findings,
      List<StoredHeatmap> heatmaps) {}

  private final ReadingDatabase db;

  private ReadingStore(ReadingDatabase db) {
    this.db = db;
  }

  public static ReadingStore open(Path dataDir) throws ReadingStoreException {
    return new ReadingStore(ReadingDatabase.open(dataDir));
  }

  public ReadingDatabase database() {
    return db;
  }

  /** Secret of this database that keys de-identified UIDs, so they stay stable across exports. */
  public String uidSalt() throws ReadingStoreException {
    return db.read(
        "read the database settings",
        c -> {
          try (var ps = c.prepareStatement("SELECT value FROM meta WHERE key = 'uid_salt'");
              var rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
          }
        });
  }

  public void recordStudyOpened(
      String studyUid, String uidHash, Actor actor, Instant at, String detail)
      throws ReadingStoreException {
    db.write(
        "record that the study was opened",
        c -> {
          studyId(c, studyUid, uidHash, at);
          audit(c, AuditEvent.Action.STUDY_OPENED, AuditEvent.SUCCESS, actor, studyUid, detail, at);
          return null;
        });
  }

  public StoredAnalysis recordAnalysis(NewAnalysis a, String uidHash, Actor actor, Instant at)
      throws ReadingStoreException {
    return db.write(
        "record the analysis",
        c -> {
          long studyId = studyId(c, a.image().studyInstanceUid(), uidHash, at);
          long imageId = imageId(c, studyId, a.image());
          long analysisId;
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO analysis (image_id, frame, model_id, model_version, model_sha256,"
                      + " device, analysed_at, labels_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                      + " RETURNING id")) {
            ps.setLong(1, imageId);
            ps.setInt(2, a.frame());
            ps.setString(3, a.modelId());
            ps.setString(4, a.modelVersion());
            ps.setString(5, a.modelSha256());
            ps.setString(6, a.device());
            ps.setString(7, at.toString());
            ps.setString(8, json(a.labels()));
            analysisId = returnedId(ps);
          }
          List<StoredFinding> findings = new ArrayList<>();
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO finding (analysis_id, idx, label, kind, score, box_x, box_y,"
                      + " box_width, box_height, peak_x, peak_y)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            int index = 0;
            for (StoredFinding f : a.findings()) {
              ps.setLong(1, analysisId);
              ps.setInt(2, index);
              ps.setString(3, f.label());
              ps.setString(4, f.kind());
              ps.setDouble(5, f.score());
              setRegion(ps, 6, f.box());
              ps.setInt(10, f.peakX());
              ps.setInt(11, f.peakY());
              findings.add(
                  new StoredFinding(
                      returnedId(ps),
                      index++,
                      f.label(),
                      f.kind(),
                      f.score(),
                      f.box(),
                      f.peakX(),
                      f.peakY()));
            }
          }
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO heatmap (analysis_id, label, width, height, png)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            for (StoredHeatmap h : a.heatmaps()) {
              ps.setLong(1, analysisId);
              ps.setString(2, h.label());
              ps.setInt(3, h.width());
              ps.setInt(4, h.height());
              ps.setBytes(5, h.png());
              ps.executeUpdate();
            }
          }
          audit(
              c,
              AuditEvent.Action.ANALYSED,
              AuditEvent.SUCCESS,
              actor,
              a.image().studyInstanceUid(),
              "model " + a.modelId() + " " + a.modelVersion() + " on " + a.device(),
              at);
          return new StoredAnalysis(
              analysisId,
              a.image(),
              a.frame(),
              a.modelId(),
              a.modelVersion(),
              a.modelSha256(),
              a.device(),
              at,
              a.labels(),
              List.copyOf(findings));
        });
  }

  /** The most recent analysis of any image of the study. */
  public Optional<StoredAnalysis> latestAnalysis(String studyUid) throws ReadingStoreException {
    return db.read(
        "read the latest analysis",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT a.id, a.frame, a.model_id, a.model_version, a.model_sha256, a.device,"
                      + " a.analysed_at, a.labels_json, s.study_uid, i.series_uid,"
                      + " i.sop_class_uid, i.sop_instance_uid, i.path, i.rows, i.columns"
                      + " FROM analysis a JOIN image i ON i.id = a.image_id"
                      + " JOIN study s ON s.id = i.study_id"
                      + " WHERE s.study_uid = ? ORDER BY a.id DESC LIMIT 1")) {
            ps.setString(1, studyUid);
            try (var rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              long id = rs.getLong(1);
              StudyImage image =
                  new StudyImage(
                      rs.getString(9),
                      rs.getString(10),
                      rs.getString(11),
                      rs.getString(12),
                      Path.of(rs.getString(13)),
                      rs.getInt(14),
                      rs.getInt(15));
              return Optional.of(
                  new StoredAnalysis(
                      id,
                      image,
                      rs.getInt(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      Instant.parse(rs.getString(7)),
                      labels(rs.getString(8)),
                      findings(c, id)));
            }
          }
        });
  }

  public List<StoredHeatmap> heatmaps(long analysisId) throws ReadingStoreException {
    return db.read(
        "read the heatmaps",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT label, width, height, png FROM heatmap WHERE analysis_id = ?"
                      + " ORDER BY label")) {
            ps.setLong(1, analysisId);
            List<StoredHeatmap> out = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new StoredHeatmap(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBytes(4)));
              }
            }
            return out;
          }
        });
  }

  public Decision recordDecision(
      StoredFinding finding,
      String studyUid,
      Long studyReadId,
      DecisionKind kind,
      Region region,
      String comment,
      Actor actor,
      Instant at)
      throws ReadingStoreException {
    return db.write(
        "record the decision",
        c -> {
          long id;
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO decision (finding_id, study_read_id, kind, box_x, box_y,"
                      + " box_width, box_height, comment, reader, decided_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, finding.id());
            setLong(ps, 2, studyReadId);
            ps.setString(3, kind.key());
            setRegion(ps, 4, region);
            ps.setString(8, comment);
            ps.setString(9, actor.userId());
            ps.setString(10, at.toString());
            id = returnedId(ps);
          }
          audit(
              c,
              AuditEvent.Action.DECISION_RECORDED,
              AuditEvent.SUCCESS,
              actor,
              studyUid,
              kind.key() + " finding " + finding.index(),
              at);
          return new Decision(
              id,
              finding.id(),
              finding.index(),
              kind,
              region,
              comment,
              actor.userId(),
              at,
              studyReadId);
        });
  }

  /** Every decision on the analysis' findings, oldest first. */
  public List<Decision> decisions(long analysisId) throws ReadingStoreException {
    return db.read(
        "read the decisions",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT d.id, d.finding_id, f.idx, d.kind, d.box_x, d.box_y, d.box_width,"
                      + " d.box_height, d.comment, d.reader, d.decided_at, d.study_read_id"
                      + " FROM decision d JOIN finding f ON f.id = d.finding_id"
                      + " WHERE f.analysis_id = ? ORDER BY d.id")) {
            ps.setLong(1, analysisId);
            List<Decision> out = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Decision(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getInt(3),
                        DecisionKind.ofKey(rs.getString(4)),
                        region(rs, 5),
                        rs.getString(9),
                        rs.getString(10),
                        Instant.parse(rs.getString(11)),
                        nullableLong(rs, 12)));
              }
            }
            return out;
          }
        });
  }

  /** How many decisions the record holds, superseded ones included. */
  public long countDecisions() throws ReadingStoreException {
    return db.read(
        "count the decisions",
        c -> {
          try (var ps = c.prepareStatement("SELECT count(*) FROM decision");
              var rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  public boolean hasDecision(long id) throws ReadingStoreException {
    return db.read(
        "read a decision",
        c -> {
          try (var ps = c.prepareStatement("SELECT 1 FROM decision WHERE id = ?")) {
            ps.setLong(1, id);
            try (var rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  public ReadingSession startSession(String reader, SessionMode mode, Actor actor, Instant at)
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
            id = returnedId(ps);
          }
          audit(
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

  public ReadingSession endSession(long sessionId, Instant at) throws ReadingStoreException {
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
          long studyId = studyId(c, studyUid, uidHash, at);
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
          audit(
              c,
              AuditEvent.Action.STUDY_OPENED,
              AuditEvent.SUCCESS,
              actor,
              studyUid,
              "session " + sessionId + ", " + phase.name().toLowerCase(java.util.Locale.ROOT),
              at);
          return studyRead(c, sessionId, studyUid).orElseThrow();
        });
  }

  public Optional<StudyRead> studyRead(long sessionId, String studyUid)
      throws ReadingStoreException {
    return db.read("read the study read", c -> studyRead(c, sessionId, studyUid));
  }

  public List<StudyRead> studyReads(long sessionId) throws ReadingStoreException {
    return db.read(
        "read the session's studies",
        c -> {
          List<StudyRead> out = new ArrayList<>();
          try (var ps =
              c.prepareStatement(STUDY_READ_SELECT + " WHERE r.session_id = ? ORDER BY r.id")) {
            ps.setLong(1, sessionId);
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
                      + ") WHERE id = ?")) {
            ps.setString(1, phase.name());
            ps.setString(2, at.toString());
            ps.setString(3, impression);
            ps.setLong(4, read.id());
            ps.executeUpdate();
          }
          return studyRead(c, read.sessionId(), read.studyInstanceUid()).orElseThrow();
        });
  }

  public ReaderMark addMark(StudyRead read, String label, Region region, String note, Instant at)
      throws ReadingStoreException {
    return db.write(
        "record the mark",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO reader_mark (study_read_id, phase, label, box_x, box_y,"
                      + " box_width, box_height, note, marked_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, read.id());
            ps.setString(2, read.phase().name());
            ps.setString(3, label);
            setRegion(ps, 4, region);
            ps.setString(8, note);
            ps.setString(9, at.toString());
            return new ReaderMark(returnedId(ps), read.id(), read.phase(), label, region, note, at);
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
                  "SELECT id, phase, label, box_x, box_y, box_width, box_height, note, marked_at"
                      + " FROM reader_mark WHERE study_read_id = ? ORDER BY id")) {
            ps.setLong(1, studyReadId);
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new ReaderMark(
                        rs.getLong(1),
                        studyReadId,
                        ReadPhase.valueOf(rs.getString(2)),
                        rs.getString(3),
                        region(rs, 4),
                        rs.getString(8),
                        Instant.parse(rs.getString(9))));
              }
            }
          }
          return out;
        });
  }

  /** Appends an audit event on its own (e.g. an export, which changes no other row). */
  public void audit(
      AuditEvent.Action action,
      int outcome,
      Actor actor,
      String studyUid,
      String detail,
      Instant at)
      throws ReadingStoreException {
    db.write(
        "write the audit log",
        c -> {
          audit(c, action, outcome, actor, studyUid, detail, at);
          return null;
        });
  }

  /** Audit events, oldest first; all of them when {@code studyUid} is null. */
  public List<AuditEvent> auditEvents(String studyUid) throws ReadingStoreException {
    return db.read(
        "read the audit log",
        c -> {
          List<AuditEvent> out = new ArrayList<>();
          try (var ps =
              c.prepareStatement(
                  "SELECT id, event_time, action, outcome, user_id, host, object_id, detail"
                      + " FROM audit_event WHERE ? IS NULL OR object_id = ? ORDER BY id")) {
            ps.setString(1, studyUid);
            ps.setString(2, studyUid);
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new AuditEvent(
                        rs.getLong(1),
                        Instant.parse(rs.getString(2)),
                        AuditEvent.Action.valueOf(rs.getString(3)),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)));
              }
            }
          }
          return out;
        });
  }

  private static void audit(
      Connection c,
      AuditEvent.Action action,
      int outcome,
      Actor actor,
      String studyUid,
      String detail,
      Instant at)
      throws SQLException {
    try (var ps =
        c.prepareStatement(
            "INSERT INTO audit_event (event_time, event_id_code, event_id_meaning, action_code,"
                + " action, outcome, user_id, host, audit_source_id, object_id, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RadAssist', ?, ?)")) {
      ps.setString(1, at.toString());
      ps.setString(2, action.eventIdCode());
      ps.setString(3, action.eventIdMeaning());
      ps.setString(4, action.actionCode());
      ps.setString(5, action.name());
      ps.setInt(6, outcome);
      ps.setString(7, actor.userId());
      ps.setString(8, actor.host());
      ps.setString(9, studyUid);
      ps.setString(10, detail);
      ps.executeUpdate();
    }
  }

  private static long studyId(Connection c, String studyUid, String uidHash, Instant at)
      throws SQLException {
    try (var ps =
        c.prepareStatement(
            "INSERT INTO study (study_uid, uid_hash, first_opened) VALUES (?, ?, ?)"
                + " ON CONFLICT (study_uid) DO UPDATE SET study_uid = excluded.study_uid"
                + " RETURNING id")) {
      ps.setString(1, studyUid);
      ps.setString(2, uidHash);
      ps.setString(3, at.toString());
      return returnedId(ps);
    }
  }

  private static long imageId(Connection c, long studyId, StudyImage image) throws SQLException {
    try (var ps =
        c.prepareStatement(
            "INSERT INTO image (study_id, series_uid, sop_class_uid, sop_instance_uid, path,"
                + " rows, columns) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (sop_instance_uid) DO UPDATE SET path = excluded.path"
                + " RETURNING id")) {
      ps.setLong(1, studyId);
      ps.setString(2, image.seriesInstanceUid());
      ps.setString(3, image.sopClassUid());
      ps.setString(4, image.sopInstanceUid());
      ps.setString(5, image.path().toAbsolutePath().toString());
      ps.setInt(6, image.rows());
      ps.setInt(7, image.columns());
      return returnedId(ps);
    }
  }

  private static List<StoredFinding> findings(Connection c, long analysisId) throws SQLException {
    List<StoredFinding> out = new ArrayList<>();
    try (var ps =
        c.prepareStatement(
            "SELECT id, idx, label, kind, score, box_x, box_y, box_width, box_height, peak_x,"
                + " peak_y FROM finding WHERE analysis_id = ? ORDER BY idx")) {
      ps.setLong(1, analysisId);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StoredFinding(
                  rs.getLong(1),
                  rs.getInt(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getDouble(5),
                  region(rs, 6),
                  rs.getInt(10),
                  rs.getInt(11)));
        }
      }
    }
    return List.copyOf(out);
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
        instant(rs.getString(5)),
        instant(rs.getString(6)),
        instant(rs.getString(7)),
        rs.getString(8),
        rs.getString(9));
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  private static long returnedId(PreparedStatement ps) throws SQLException {
    try (var rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("insert returned no id");
      }
      return rs.getLong(1);
    }
  }

  private static void setRegion(PreparedStatement ps, int first, Region r) throws SQLException {
    if (r == null) {
      for (int i = 0; i < 4; i++) {
        ps.setNull(first + i, Types.INTEGER);
      }
      return;
    }
    ps.setInt(first, r.x());
    ps.setInt(first + 1, r.y());
    ps.setInt(first + 2, r.width());
    ps.setInt(first + 3, r.height());
  }

  private static Region region(ResultSet rs, int first) throws SQLException {
    int width = rs.getInt(first + 2);
    if (rs.wasNull()) {
      return null;
    }
    return new Region(rs.getInt(first), rs.getInt(first + 1), width, rs.getInt(first + 3));
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setLong(i, v);
    }
  }

  private static Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  private static String json(List<StoredAnalysis.LabelScore> labels) throws SQLException {
    try {
      return JSON.writeValueAsString(labels);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("labels not serialisable", e);
    }
  }

  private static List<StoredAnalysis.LabelScore> labels(String json) throws SQLException {
    try {
      return JSON.readValue(json, new TypeReference<List<StoredAnalysis.LabelScore>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("labels unreadable", e);
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
