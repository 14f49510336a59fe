package org.radassist.app.session;

/**
 * The record could not be read or written. The message is meant for the reader as is (what went
 * wrong, where, and that nothing was saved), so the UI and the CLI show it without rewording.
 */
public final class ReadingStoreException extends Exception {
  public ReadingStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public ReadingStoreException(String message) {
    super(message);
  }
}
