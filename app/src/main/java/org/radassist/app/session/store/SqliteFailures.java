package org.radassist.app.session.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.radassist.app.session.ReadingStoreException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns SQLite failures into one sentence for the reader: what was not saved, why, and what to do.
 * The primary result code decides; the extended code only adds detail SQLite already knows.
 */
final class SqliteFailures {
  private SqliteFailures() {}

  static ReadingStoreException describe(String action, Path file, SQLException e) {
    int code = primaryCode(e);
    String where = file.toString();
    String reason =
        switch (code) {
          case 13 -> "the disk holding " + where + " is full; free some space and try again";
          case 8 ->
              "the reading database "
                  + where
                  + " or its folder is read-only; make the folder writable or choose another"
                  + " --data-dir";
          case 14 ->
              "the reading database "
                  + where
                  + " cannot be opened (folder missing or not writable)";
          case 10 -> "a disk I/O error occurred on " + where + " (" + e.getMessage() + ")";
          case 11, 26 ->
              "the reading database "
                  + where
                  + " is damaged or not a database; restore it from a backup";
          case 5, 6 -> "the reading database " + where + " is busy in another program";
          default -> e.getMessage();
        };
    return new ReadingStoreException("Not saved: could not " + action + ": " + reason + ".", e);
  }

  static int primaryCode(SQLException e) {
    if (e instanceof SQLiteException s) {
      SQLiteErrorCode rc = s.getResultCode();
      if (rc != null) {
        return rc.code & 0xFF;
      }
    }
    return e.getErrorCode() & 0xFF;
  }
}
