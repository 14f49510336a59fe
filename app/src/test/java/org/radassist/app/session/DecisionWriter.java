package org.radassist.app.session;

import java.nio.file.Path;
import java.time.Clock;
import org.radassist.app.session.store.ReadingStore;

/**
 * The child process of {@link CrashDurabilityTest}: records decisions as fast as it can and prints
 * {@code CONFIRMED <id>} after each commit returns, exactly when the workstation would confirm it
 * to the reader, until it is killed.
 */
public final class DecisionWriter {
  private DecisionWriter() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    String study = args[1];
    ReadingService service = new ReadingService(ReadingStore.open(dataDir), Clock.systemUTC());
    for (long n = 0; ; n++) {
      Decision d =
          service.decide(
              study,
              (int) (n % 3),
              n % 2 == 0 ? DecisionKind.ACCEPT : DecisionKind.COMMENT,
              null,
              "decision " + n,
              "Crash^Test");
      System.out.println("CONFIRMED " + d.id());
      System.out.flush();
    }
  }
}
