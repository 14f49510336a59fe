package org.radassist.app.session.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.radassist.app.session.ReadingStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The one connection to {@code reading.db}. WAL with {@code synchronous=FULL}: a commit returns
 * only after the WAL is on disk, so a decision the UI confirmed survives a killed process and a
 * power cut. Work runs in {@link #write} / {@link #read}, serialised on this object, each write in
 * one transaction that either commits whole or leaves nothing.
 */
public final class ReadingDatabase implements AutoCloseable {
  private static final int BUSY = 5;
  private static final Logger LOG = LoggerFactory.getLogger(ReadingDatabase.class);

  public static final String FILE_NAME = "reading.db";

  /** Work on the connection; throws what JDBC throws. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Path file;
  private final Connection connection;

  private ReadingDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating if needed) the database in {@code dataDir} and brings its schema up to date.
   */
  public static ReadingDatabase open(Path dataDir) throws ReadingStoreException {
    Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new ReadingStoreException(
          "Cannot create the folder "
              + file.getParent()
              + " for the reading database: "
              + e.getMessage(),
          e);
    }
    if (!Files.isWritable(file.getParent())) {
      throw new ReadingStoreException(
          "The folder "
              + file.getParent()
              + " is read-only, so decisions could not be saved there; make it writable or"
              + " choose another --data-dir.");
    }
    // WAL is switched on only once the file is known to be ours: the switch rewrites the header
    // of a database another program left here.
    SQLiteConfig config = new SQLiteConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    Connection c = null;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
      int from = Migrations.apply(c, file.toString());
      useWal(c);
      if (from != Migrations.latest()) {
        LOG.info("Reading database schema upgraded from {} to {}", from, Migrations.latest());
      }
      return new ReadingDatabase(file, c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw SqliteFailures.describe("open the reading database", file, e);
    } catch (ReadingStoreException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /**
   * Switches to WAL, waiting for another program that is creating the same new record. Unlike a
   * write transaction, the switch does not wait out the busy timeout: SQLite answers busy at once
   * when another connection holds the write lock, to rule out a deadlock.
   */
  private static void useWal(Connection c) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
        return;
      } catch (SQLException e) {
        if (SqliteFailures.primaryCode(e) != BUSY || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for the reading database", e);
      }
    }
  }

  /**
   * Opens the record in {@code dataDir} only to read it, for a folder that cannot be written (an
   * archive, a read-only mount): nothing is created, upgraded or locked there. A WAL database whose
   * {@code -wal} file is gone cannot be opened read-only otherwise than as immutable, which is then
   * exact, since all its content is in the main file.
   */
  public static ReadingDatabase openReadOnly(Path dataDir) throws ReadingStoreException {
    Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new ReadingStoreException(
          "There is no reading record in the read-only folder " + file.getParent() + ".");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    String uri = "jdbc:sqlite:file:" + file.toUri().getRawPath();
    Connection c = null;
    try {
      try {
        c = DriverManager.getConnection(uri + "?mode=ro", config.toProperties());
        Migrations.version(c);
      } catch (SQLException e) {
        closeQuietly(c);
        c = DriverManager.getConnection(uri + "?immutable=1", config.toProperties());
      }
      int version = Migrations.version(c);
      if (version != Migrations.latest()) {
        throw new ReadingStoreException(
            "The reading database "
                + file
                + " has schema "
                + version
                + " and its folder is read-only, so it cannot be brought to "
                + Migrations.latest()
                + "; open it once where it can be written.");
      }
      return new ReadingDatabase(file, c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw SqliteFailures.describe("read the reading database", file, e);
    } catch (ReadingStoreException e) {
      closeQuietly(c);
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  /** Runs {@code work} in one transaction; {@code action} completes "could not …" on failure. */
  public synchronized <T> T write(String action, Work<T> work) throws ReadingStoreException {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw SqliteFailures.describe(action, file, e);
    }
  }

  public synchronized <T> T read(String action, Work<T> work) throws ReadingStoreException {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw SqliteFailures.describe(action, file, e);
    }
  }

  /** {@code PRAGMA integrity_check}: "ok" for a sound database, else SQLite's findings. */
  public String integrityCheck() throws ReadingStoreException {
    return read(
        "check the reading database",
        c -> {
          try (Statement s = c.createStatement();
              var rs = s.executeQuery("PRAGMA integrity_check")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
              out.append(out.length() == 0 ? "" : "; ").append(rs.getString(1));
            }
            return out.toString();
          }
        });
  }

  public int schemaVersion() throws ReadingStoreException {
    return read("read the schema version", Migrations::version);
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      LOG.warn("Rollback failed after a failed write", e);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("Closing a connection that failed to open", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("Closing the reading database failed", e);
    }
  }
}
