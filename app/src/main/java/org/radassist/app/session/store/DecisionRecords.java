package org.radassist.app.session.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.radassist.app.session.AuditEvent;
import org.radassist.app.session.Decision;
import org.radassist.app.session.DecisionKind;
import org.radassist.app.session.ReadingStoreException;
import org.radassist.app.session.Region;
import org.radassist.app.session.StoredFinding;
import org.radassist.app.session.StudyReview;

/**
 * Reader decisions on AI findings, append-only: a new decision supersedes, never overwrites, and
 * each is committed with its audit row before the method returns.
 */
public final class DecisionRecords {
  private final ReadingDatabase db;

  DecisionRecords(ReadingDatabase db) {
    this.db = db;
  }

  public Decision record(
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
            Rows.setLong(ps, 2, studyReadId);
            ps.setString(3, kind.key());
            Rows.setRegion(ps, 4, region);
            ps.setString(8, comment);
            ps.setString(9, actor.userId());
            ps.setString(10, at.toString());
            id = Rows.returnedId(ps);
          }
          AuditLog.write(
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
  public List<Decision> forAnalysis(long analysisId) throws ReadingStoreException {
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
                out.add(decision(rs));
              }
            }
            return out;
          }
        });
  }

  /**
   * The decisions on analyses of the image {@code sopInstanceUid} other than {@code
   * latestAnalysisId}, oldest first, each with its analysis' model.
   */
  public List<StudyReview.EarlierDecision> earlierOnImage(
      String sopInstanceUid, long latestAnalysisId) throws ReadingStoreException {
    return db.read(
        "read the decisions on earlier analyses",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT d.id, d.finding_id, f.idx, d.kind, d.box_x, d.box_y, d.box_width,"
                      + " d.box_height, d.comment, d.reader, d.decided_at, d.study_read_id,"
                      + " a.id, a.model_id, a.model_version"
                      + " FROM decision d JOIN finding f ON f.id = d.finding_id"
                      + " JOIN analysis a ON a.id = f.analysis_id"
                      + " JOIN image i ON i.id = a.image_id"
                      + " WHERE i.sop_instance_uid = ? AND a.id <> ? ORDER BY d.id")) {
            ps.setString(1, sopInstanceUid);
            ps.setLong(2, latestAnalysisId);
            List<StudyReview.EarlierDecision> out = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new StudyReview.EarlierDecision(
                        decision(rs), rs.getLong(13), rs.getString(14), rs.getString(15)));
              }
            }
            return out;
          }
        });
  }

  private static Decision decision(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Decision(
        rs.getLong(1),
        rs.getLong(2),
        rs.getInt(3),
        DecisionKind.ofKey(rs.getString(4)),
        Rows.region(rs, 5),
        rs.getString(9),
        rs.getString(10),
        Instant.parse(rs.getString(11)),
        Rows.nullableLong(rs, 12));
  }

  /** How many decisions the record holds, superseded ones included. */
  public long count() throws ReadingStoreException {
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

  public boolean contains(long id) throws ReadingStoreException {
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
}
