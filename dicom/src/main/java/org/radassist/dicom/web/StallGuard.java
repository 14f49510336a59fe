package org.radassist.dicom.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response stream when no byte has arrived for the timeout. The HTTP client's request
 * timeout ends when the headers arrive; a PACS that then stops sending in the middle of a study
 * would otherwise leave the retrieval waiting for ever.
 */
final class StallGuard extends FilterInputStream {
  private static final ScheduledExecutorService WATCH =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "dicomweb-stall-guard");
            t.setDaemon(true);
            return t;
          });

  private final long timeoutNanos;
  private final ScheduledFuture<?> check;
  private volatile long lastData = System.nanoTime();
  private volatile boolean stalled;

  StallGuard(InputStream in, Duration timeout) {
    super(in);
    this.timeoutNanos = timeout.toNanos();
    long period = Math.max(100, Math.min(1000, timeout.toMillis() / 4));
    this.check = WATCH.scheduleAtFixedRate(this::checkStall, period, period, TimeUnit.MILLISECONDS);
  }

  private void checkStall() {
    if (System.nanoTime() - lastData > timeoutNanos) {
      stalled = true;
      check.cancel(false);
      try {
        in.close();
      } catch (IOException ignored) {
        // The reader sees the stream end and reports the stall.
      }
    }
  }

  /** True when the stream was closed because data stopped coming. */
  boolean stalled() {
    return stalled;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    lastData = System.nanoTime();
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    lastData = System.nanoTime();
    return n;
  }

  @Override
  public void close() throws IOException {
    check.cancel(false);
    super.close();
  }
}
