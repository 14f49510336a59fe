package org.radassist.app.session.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.session.ReadingStoreException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Opening the record file: first use by several programs at once, and files that are not ours. */
class ReadingDatabaseTest {
  @TempDir Path dir;

  @Test
  void twoProgramsOpeningANewDataFolderAtOnceBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int trial = 0; trial < 25; trial++) {
        Path data = dir.resolve("data-" + trial);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Integer>> opened = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          opened.add(
              pool.submit(
                  () -> {
                    start.await();
                    try (ReadingStore store = ReadingStore.open(data)) {
                      return store.database().schemaVersion();
                    }
                  }));
        }
        for (Future<Integer> f : opened) {
          assertEquals(Migrations.latest(), f.get(), "trial " + trial);
        }
        try (ReadingStore store = ReadingStore.open(data)) {
          assertEquals("ok", store.database().integrityCheck());
          assertTrue(store.uidSalt().matches("[0-9a-f]{32}"), "one salt, written once");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSqliteFileOfAnotherProgramIsRefusedAndLeftUntouched() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path file = data.resolve(ReadingDatabase.FILE_NAME);
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var s = c.createStatement()) {
      s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
      s.execute("INSERT INTO notes (text) VALUES ('not yours')");
    }
    byte[] before = Files.readAllBytes(file);
    var e = assertThrows(ReadingStoreException.class, () -> ReadingStore.open(data));
    assertTrue(
        e.getMessage().startsWith(file + " is not a RadAssist reading record"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file), "the file is left as it was");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'meta'")) {
      rs.next();
      assertEquals(0, rs.getInt(1));
    }
  }

  @Test
  void anEmptyFileIsMadeARecord() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.createFile(data.resolve(ReadingDatabase.FILE_NAME));
    try (ReadingStore store = ReadingStore.open(data)) {
      assertEquals(Migrations.latest(), store.database().schemaVersion());
    }
  }

  @Test
  void aFullDiskIsNamedAsSuchHoweverSqliteReportsIt() {
    Path file = dir.resolve(ReadingDatabase.FILE_NAME);
    long plenty = 10L << 30;
    SQLException wrapped =
        new SQLException("batch failed", new SQLiteException("full", SQLiteErrorCode.SQLITE_FULL));
    SQLException shm =
        new SQLiteException("I/O error within xShmMap", SQLiteErrorCode.SQLITE_IOERR_SHMSIZE);
    SQLException lost =
        new SQLiteException(
            "cannot commit - no transaction is active", SQLiteErrorCode.SQLITE_ERROR);
    for (SQLException e : List.of(wrapped, shm, lost)) {
      String message = SqliteFailures.describe("record the decision", file, e, 4096).getMessage();
      assertTrue(message.contains("is full; free some space"), message);
    }
    assertTrue(
        SqliteFailures.describe("record the decision", file, wrapped, plenty)
            .getMessage()
            .contains("is full"));
    String io = SqliteFailures.describe("record the decision", file, shm, plenty).getMessage();
    assertTrue(io.contains("disk I/O error"), "with space left it is an I/O error: " + io);
  }
}
