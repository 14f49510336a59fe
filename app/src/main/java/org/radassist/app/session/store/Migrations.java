package org.radassist.app.session.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.radassist.app.session.ReadingStoreException;

/**
 * The schema as a list of steps; step {@code n} takes a database from {@code PRAGMA user_version}
 * n-1 to n. The steps still due run in one transaction, so an interrupted upgrade leaves the
 * previous version intact. A database newer than this build is refused rather than written with a
 * schema it does not know. Steps are only ever appended.
 */
final class Migrations {
  private Migrations() {}

  private record Step(String description, List<String> statements) {}

  private static final List<Step> STEPS =
      List.of(
          new Step(
              "reading record: studies, images, analyses, findings, sessions, decisions, audit",
              List.of(
                  """
                  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
                  """
                  INSERT INTO meta (key, value) VALUES ('uid_salt', lower(hex(randomblob(16))))""",
                  """
                  CREATE TABLE study (
                    id INTEGER PRIMARY KEY,
                    study_uid TEXT NOT NULL UNIQUE,
                    uid_hash TEXT NOT NULL,
                    first_opened TEXT NOT NULL)""",
                  """
                  CREATE TABLE image (
                    id INTEGER PRIMARY KEY,
                    study_id INTEGER NOT NULL REFERENCES study(id),
                    series_uid TEXT NOT NULL,
                    sop_class_uid TEXT NOT NULL,
                    sop_instance_uid TEXT NOT NULL UNIQUE,
                    path TEXT NOT NULL,
                    rows INTEGER NOT NULL,
                    columns INTEGER NOT NULL)""",
                  """
                  CREATE TABLE analysis (
                    id INTEGER PRIMARY KEY,
                    image_id INTEGER NOT NULL REFERENCES image(id),
                    frame INTEGER NOT NULL,
                    model_id TEXT NOT NULL,
                    model_version TEXT NOT NULL,
                    model_sha256 TEXT NOT NULL,
                    device TEXT NOT NULL,
                    analysed_at TEXT NOT NULL,
                    labels_json TEXT NOT NULL)""",
                  "CREATE INDEX analysis_by_image ON analysis(image_id, id)",
                  """
                  CREATE TABLE finding (
                    id INTEGER PRIMARY KEY,
                    analysis_id INTEGER NOT NULL REFERENCES analysis(id),
                    idx INTEGER NOT NULL,
                    label TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    score REAL NOT NULL,
                    box_x INTEGER NOT NULL, box_y INTEGER NOT NULL,
                    box_width INTEGER NOT NULL, box_height INTEGER NOT NULL,
                    peak_x INTEGER NOT NULL, peak_y INTEGER NOT NULL,
                    UNIQUE (analysis_id, idx))""",
                  """
                  CREATE TABLE heatmap (
                    analysis_id INTEGER NOT NULL REFERENCES analysis(id),
                    label TEXT NOT NULL,
                    width INTEGER NOT NULL,
                    height INTEGER NOT NULL,
                    png BLOB NOT NULL,
                    PRIMARY KEY (analysis_id, label))""",
                  """
                  CREATE TABLE reading_session (
                    id INTEGER PRIMARY KEY,
                    reader TEXT NOT NULL,
                    mode TEXT NOT NULL CHECK (mode IN ('CONCURRENT', 'SECOND_READER')),
                    started_at TEXT NOT NULL,
                    ended_at TEXT)""",
                  """
                  CREATE TABLE study_read (
                    id INTEGER PRIMARY KEY,
                    session_id INTEGER NOT NULL REFERENCES reading_session(id),
                    study_id INTEGER NOT NULL REFERENCES study(id),
                    phase TEXT NOT NULL CHECK (phase IN ('BLINDED', 'REVEALED', 'DONE')),
                    opened_at TEXT NOT NULL,
                    revealed_at TEXT,
                    completed_at TEXT,
                    blinded_impression TEXT,
                    final_impression TEXT,
                    UNIQUE (session_id, study_id))""",
                  """
                  CREATE TABLE reader_mark (
                    id INTEGER PRIMARY KEY,
                    study_read_id INTEGER NOT NULL REFERENCES study_read(id),
                    phase TEXT NOT NULL,
                    label TEXT NOT NULL,
                    box_x INTEGER NOT NULL, box_y INTEGER NOT NULL,
                    box_width INTEGER NOT NULL, box_height INTEGER NOT NULL,
                    note TEXT,
                    marked_at TEXT NOT NULL)""",
                  """
                  CREATE TABLE decision (
                    id INTEGER PRIMARY KEY,
                    finding_id INTEGER NOT NULL REFERENCES finding(id),
                    study_read_id INTEGER REFERENCES study_read(id),
                    kind TEXT NOT NULL
                      CHECK (kind IN ('accept', 'reject', 'edit-region', 'comment')),
                    box_x INTEGER, box_y INTEGER, box_width INTEGER, box_height INTEGER,
                    comment TEXT,
                    reader TEXT NOT NULL,
                    decided_at TEXT NOT NULL,
                    CHECK (kind <> 'edit-region' OR box_width > 0))""",
                  "CREATE INDEX decision_by_finding ON decision(finding_id, id)",
                  """
                  CREATE TABLE audit_event (
                    id INTEGER PRIMARY KEY,
                    event_time TEXT NOT NULL,
                    event_id_code TEXT NOT NULL,
                    event_id_meaning TEXT NOT NULL,
                    action_code TEXT NOT NULL CHECK (action_code IN ('C', 'R', 'U', 'D', 'E')),
                    action TEXT NOT NULL,
                    outcome INTEGER NOT NULL CHECK (outcome IN (0, 4, 8, 12)),
                    user_id TEXT NOT NULL,
                    user_is_requestor INTEGER NOT NULL DEFAULT 1,
                    host TEXT NOT NULL,
                    audit_source_id TEXT NOT NULL,
                    object_type_code INTEGER NOT NULL DEFAULT 2,
                    object_id_type_code TEXT NOT NULL DEFAULT '110180',
                    object_id TEXT,
                    detail TEXT)""",
                  """
                  CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
                  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
                  """
                  CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
                  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
                  """
                  CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
                  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END""",
                  """
                  CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision
                  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END""")),
          new Step(
              "a reader's mark names the image and frame it was drawn on: a study of two views"
                  + " otherwise compared a mark on one with the AI's findings on the other",
              List.of(
                  "ALTER TABLE reader_mark ADD COLUMN image_id INTEGER REFERENCES image(id)",
                  "ALTER TABLE reader_mark ADD COLUMN frame INTEGER")));

  /** The schema version this build writes. */
  static int latest() {
    return STEPS.size();
  }

  /**
   * Brings the database to {@link #latest()}; returns the version it found. The version is read
   * again inside a write transaction ({@code BEGIN IMMEDIATE}, which waits out the busy timeout):
   * two programs opening a new data folder at once both saw version 0 outside it and both created
   * the tables, and the second failed.
   */
  static int apply(Connection c, String where) throws SQLException, ReadingStoreException {
    int found = version(c);
    refuseNewer(found, where);
    if (found == latest()) {
      return found;
    }
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        found = version(c);
        refuseNewer(found, where);
        if (found == 0 && hasTables(c)) {
          throw new ReadingStoreException(
              where
                  + " is not a RadAssist reading record (it holds other tables); it was left"
                  + " untouched. Move it away or choose another --data-dir.");
        }
        for (int v = found; v < latest(); v++) {
          for (String sql : STEPS.get(v).statements()) {
            s.execute(sql);
          }
          s.execute("PRAGMA user_version = " + (v + 1));
        }
        s.execute("COMMIT");
      } catch (SQLException | ReadingStoreException | RuntimeException e) {
        rollback(s);
        throw e;
      }
    }
    return found;
  }

  private static void refuseNewer(int found, String where) throws ReadingStoreException {
    if (found > latest()) {
      throw new ReadingStoreException(
          "The reading database "
              + where
              + " was written by a newer RadAssist (schema "
              + found
              + ", this version knows up to "
              + latest()
              + "); it was left untouched.");
    }
  }

  private static boolean hasTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                    + " LIMIT 1")) {
      return rs.next();
    }
  }

  private static void rollback(Statement s) {
    try {
      s.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // SQLite already rolled back the transaction the failure ended.
    }
  }

  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
