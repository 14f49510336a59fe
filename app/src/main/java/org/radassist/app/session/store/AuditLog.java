package org.radassist.app.session.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.radassist.app.session.AuditEvent;
import org.radassist.app.session.ReadingStoreException;

/**
 * The audit trail: IHE ATNA-like rows (event id code and action, time, outcome, user, host, study)
 * that the app only ever appends; triggers refuse updates and deletes. Changes that must be audited
 * write their row with {@link #write} inside their own transaction.
 */
public final class AuditLog {
  private final ReadingDatabase db;

  AuditLog(ReadingDatabase db) {
    this.db = db;
  }

  /** Appends an audit event on its own (e.g. an export, which changes no other row). */
  public void append(
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
          write(c, action, outcome, actor, studyUid, detail, at);
          return null;
        });
  }

  /** Audit events, oldest first; all of them when {@code studyUid} is null. */
  public List<AuditEvent> events(String studyUid) throws ReadingStoreException {
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

  /** Appends a row within the caller's transaction. */
  static void write(
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
}
