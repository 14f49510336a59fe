package org.radassist.inference.analysis;

/**
 * Cancels a batch: images not yet started are skipped; those running finish, because a half-run
 * inference cannot be interrupted safely.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
