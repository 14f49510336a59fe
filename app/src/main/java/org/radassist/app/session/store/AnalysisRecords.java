package org.radassist.app.session.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.radassist.app.session.AuditEvent;
import org.radassist.app.session.ReadingStoreException;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.app.session.StoredFinding;
import org.radassist.app.session.StudyImage;

/**
 * Studies, images, analyses with their findings and heatmaps: what the AI said about which image,
 * with the exact model. An analysis and its audit row are one transaction.
 */
public final class AnalysisRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  AnalysisRecords(ReadingDatabase db) {
    this.db = db;
  }

  public void recordStudyOpened(
      String studyUid, String uidHash, Actor actor, Instant at, String detail)
      throws ReadingStoreException {
    db.write(
        "record that the study was opened",
        c -> {
          studyId(c, studyUid, uidHash, at);
          AuditLog.write(
              c, AuditEvent.Action.STUDY_OPENED, AuditEvent.SUCCESS, actor, studyUid, detail, at);
          return null;
        });
  }

  /** An analysis as filed; {@code reused} when it repeated the image's latest one exactly. */
  public record Recorded(StoredAnalysis analysis, boolean reused) {}

  /** Findings whose scores differ by less than this are the same finding. */
  static final double SAME_SCORE = 1e-6;

  /**
   * Files the analysis. When the image's latest analysis was made with the same model (id, version,
   * sha256) on the same frame and found the same (same count, labels and boxes, scores within
   * {@link #SAME_SCORE}), that one is kept and returned instead: a new row would hide every
   * decision the reader made on its findings.
   */
  public Recorded recordAnalysis(NewAnalysis a, String uidHash, Actor actor, Instant at)
      throws ReadingStoreException {
    return db.write(
        "record the analysis",
        c -> {
          long studyId = studyId(c, a.image().studyInstanceUid(), uidHash, at);
          long imageId = imageId(c, studyId, a.image());
          Optional<StoredAnalysis> same = sameAsLatest(c, imageId, a);
          if (same.isPresent()) {
            AuditLog.write(
                c,
                AuditEvent.Action.ANALYSED,
                AuditEvent.SUCCESS,
                actor,
                a.image().studyInstanceUid(),
                "model "
                    + a.modelId()
                    + " "
                    + a.modelVersion()
                    + " on "
                    + a.device()
                    + ", same findings as analysis "
                    + same.get().id()
                    + ", which is kept",
                at);
            return new Recorded(same.get(), true);
          }
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
            analysisId = Rows.returnedId(ps);
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
              Rows.setRegion(ps, 6, f.box());
              ps.setInt(10, f.peakX());
              ps.setInt(11, f.peakY());
              findings.add(
                  new StoredFinding(
                      Rows.returnedId(ps),
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
          AuditLog.write(
              c,
              AuditEvent.Action.ANALYSED,
              AuditEvent.SUCCESS,
              actor,
              a.image().studyInstanceUid(),
              "model " + a.modelId() + " " + a.modelVersion() + " on " + a.device(),
              at);
          return new Recorded(
              new StoredAnalysis(
                  analysisId,
                  a.image(),
                  a.frame(),
                  a.modelId(),
                  a.modelVersion(),
                  a.modelSha256(),
                  a.device(),
                  at,
                  a.labels(),
                  List.copyOf(findings)),
              false);
        });
  }

  private static Optional<StoredAnalysis> sameAsLatest(Connection c, long imageId, NewAnalysis a)
      throws SQLException {
    long latest;
    try (var ps =
        c.prepareStatement("SELECT max(id) FROM analysis WHERE image_id = ? HAVING count(*) > 0")) {
      ps.setLong(1, imageId);
      try (var rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        latest = rs.getLong(1);
      }
    }
    return analysis(c, latest).filter(old -> sameResult(old, a));
  }

  private static boolean sameResult(StoredAnalysis old, NewAnalysis a) {
    if (old.frame() != a.frame()
        || !old.modelId().equals(a.modelId())
        || !old.modelVersion().equals(a.modelVersion())
        || !old.modelSha256().equals(a.modelSha256())
        || old.findings().size() != a.findings().size()) {
      return false;
    }
    for (int i = 0; i < a.findings().size(); i++) {
      StoredFinding was = old.findings().get(i);
      StoredFinding now = a.findings().get(i);
      if (!was.label().equals(now.label())
          || !was.box().equals(now.box())
          || Math.abs(was.score() - now.score()) > SAME_SCORE) {
        return false;
      }
    }
    return true;
  }

  private static final String ANALYSIS_SELECT =
      "SELECT a.id, a.frame, a.model_id, a.model_version, a.model_sha256, a.device,"
          + " a.analysed_at, a.labels_json, s.study_uid, i.series_uid,"
          + " i.sop_class_uid, i.sop_instance_uid, i.path, i.rows, i.columns"
          + " FROM analysis a JOIN image i ON i.id = a.image_id"
          + " JOIN study s ON s.id = i.study_id";

  /** The most recent analysis of any image of the study. */
  public Optional<StoredAnalysis> latestAnalysis(String studyUid) throws ReadingStoreException {
    return db.read(
        "read the latest analysis",
        c -> {
          try (var ps =
              c.prepareStatement(
                  ANALYSIS_SELECT + " WHERE s.study_uid = ? ORDER BY a.id DESC LIMIT 1")) {
            ps.setString(1, studyUid);
            List<StoredAnalysis> found = analyses(c, ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
          }
        });
  }

  /**
   * The latest analysis of each analysed image of the study, in the order the images were first
   * filed: what the reader reviews, since an image's earlier analyses are superseded by its own
   * later one only, never by another image's.
   */
  public List<StoredAnalysis> latestPerImage(String studyUid) throws ReadingStoreException {
    return db.read(
        "read the study's analyses",
        c -> {
          try (var ps =
              c.prepareStatement(
                  ANALYSIS_SELECT
                      + " WHERE s.study_uid = ?"
                      + " AND a.id = (SELECT max(id) FROM analysis WHERE image_id = i.id)"
                      + " ORDER BY i.id")) {
            ps.setString(1, studyUid);
            return analyses(c, ps);
          }
        });
  }

  private static Optional<StoredAnalysis> analysis(Connection c, long id) throws SQLException {
    try (var ps = c.prepareStatement(ANALYSIS_SELECT + " WHERE a.id = ?")) {
      ps.setLong(1, id);
      List<StoredAnalysis> found = analyses(c, ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  private static List<StoredAnalysis> analyses(Connection c, java.sql.PreparedStatement ps)
      throws SQLException {
    List<StoredAnalysis> out = new ArrayList<>();
    try (var rs = ps.executeQuery()) {
      while (rs.next()) {
        long id = rs.getLong(1);
        out.add(
            new StoredAnalysis(
                id,
                image(rs, 9),
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
    return out;
  }

  /** The study's images the record knows, in the order they were first filed. */
  public List<StudyImage> images(String studyUid) throws ReadingStoreException {
    return db.read(
        "read the study's images",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT s.study_uid, i.series_uid, i.sop_class_uid, i.sop_instance_uid, i.path,"
                      + " i.rows, i.columns FROM image i JOIN study s ON s.id = i.study_id"
                      + " WHERE s.study_uid = ? ORDER BY i.id")) {
            ps.setString(1, studyUid);
            List<StudyImage> out = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(image(rs, 1));
              }
            }
            return out;
          }
        });
  }

  static StudyImage image(java.sql.ResultSet rs, int first) throws SQLException {
    return new StudyImage(
        rs.getString(first),
        rs.getString(first + 1),
        rs.getString(first + 2),
        rs.getString(first + 3),
        Path.of(rs.getString(first + 4)),
        rs.getInt(first + 5),
        rs.getInt(first + 6));
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

  static long studyId(Connection c, String studyUid, String uidHash, Instant at)
      throws SQLException {
    try (var ps =
        c.prepareStatement(
            "INSERT INTO study (study_uid, uid_hash, first_opened) VALUES (?, ?, ?)"
                + " ON CONFLICT (study_uid) DO UPDATE SET study_uid = excluded.study_uid"
                + " RETURNING id")) {
      ps.setString(1, studyUid);
      ps.setString(2, uidHash);
      ps.setString(3, at.toString());
      return Rows.returnedId(ps);
    }
  }

  static long imageId(Connection c, long studyId, StudyImage image) throws SQLException {
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
      return Rows.returnedId(ps);
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
                  Rows.region(rs, 6),
                  rs.getInt(10),
                  rs.getInt(11)));
        }
      }
    }
    return List.copyOf(out);
  }

  private static String json(List<StoredAnalysis.LabelScore> labels) throws SQLException {
    try {
      return JSON.writeValueAsString(labels);
    } catch (JsonProcessingException e) {
      throw new SQLException("labels not serialisable", e);
    }
  }

  private static List<StoredAnalysis.LabelScore> labels(String json) throws SQLException {
    try {
      return JSON.readValue(json, new TypeReference<List<StoredAnalysis.LabelScore>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException("labels unreadable", e);
    }
  }
}
