package org.radassist.app.session.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.radassist.app.session.ReadingStoreException;
import org.sqlite.SQLiteException;

/**
 * Turns SQLite failures into one sentence for the reader: what was not saved, why, and what to do.
 * The primary result code decides; the extended code only adds detail SQLite already knows.
 */
final class SqliteFailures {
  private SqliteFailures() {}

  /** Below this much free space, an I/O error or a lost transaction means the disk filled. */
  static final long NEARLY_FULL_BYTES = 4L * 1024 * 1024;

  static ReadingStoreException describe(String action, Path file, SQLException e) {
    return describe(action, file, e, usableSpace(file));
  }

  /**
   * As {@link #describe(String, Path, SQLException)} with the free space of the file's disk given
   * (negative when unknown). A full disk rarely says SQLITE_FULL by the time it reaches us: it may
   * be wrapped, come as an I/O error while mapping shared memory, or roll the transaction back so
   * that the commit finds none.
   */
  static ReadingStoreException describe(
      String action, Path file, SQLException e, long usableBytes) {
    int code = primaryCode(e);
    boolean nearlyFull = usableBytes >= 0 && usableBytes < NEARLY_FULL_BYTES;
    if (nearlyFull
        && (code == 10 || code == 14 || code == 1 && mentions(e, "no transaction is active"))) {
      code = 13;
    }
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

  /**
   * SQLite's primary result code: that of the outermost SQLite exception in the chain of causes,
   * except that a full disk anywhere in the chain wins, since it is what the reader can act on.
   */
  static int primaryCode(SQLException e) {
    int code = -1;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLiteException s && s.getResultCode() != null) {
        int primary = s.getResultCode().code & 0xFF;
        if (primary == 13) {
          return primary;
        }
        code = code < 0 ? primary : code;
      }
    }
    return code < 0 ? e.getErrorCode() & 0xFF : code;
  }

  private static boolean mentions(Throwable e, String text) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static long usableSpace(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      return Files.getFileStore(Files.exists(file) ? file : dir).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
