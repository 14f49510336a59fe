package org.radassist.app.session.store;

import java.nio.file.Path;
import org.radassist.app.session.ReadingStoreException;

/**
 * The reading record's database with its tables grouped by concept: analyses, decisions, sessions
 * and the audit log. Every method of those is one committed transaction (or one consistent read).
 */
public final class ReadingStore implements AutoCloseable {
  private final ReadingDatabase db;
  private final AnalysisRecords analyses;
  private final DecisionRecords decisions;
  private final SessionRecords sessions;
  private final AuditLog audit;

  private ReadingStore(ReadingDatabase db) {
    this.db = db;
    this.analyses = new AnalysisRecords(db);
    this.decisions = new DecisionRecords(db);
    this.sessions = new SessionRecords(db);
    this.audit = new AuditLog(db);
  }

  public static ReadingStore open(Path dataDir) throws ReadingStoreException {
    return new ReadingStore(ReadingDatabase.open(dataDir));
  }

  /** The record of a folder that cannot be written, only to read; see {@link ReadingDatabase}. */
  public static ReadingStore openReadOnly(Path dataDir) throws ReadingStoreException {
    return new ReadingStore(ReadingDatabase.openReadOnly(dataDir));
  }

  public ReadingDatabase database() {
    return db;
  }

  public AnalysisRecords analyses() {
    return analyses;
  }

  public DecisionRecords decisions() {
    return decisions;
  }

  public SessionRecords sessions() {
    return sessions;
  }

  public AuditLog audit() {
    return audit;
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

  @Override
  public void close() {
    db.close();
  }
}
