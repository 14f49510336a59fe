package org.radassist.dicom.web;

/**
 * Follows a WADO-RS retrieval as it streams in and can stop it. Called on the retrieving thread;
 * {@link #cancelled()} is polled often, so a cancel takes effect within one buffer of data.
 */
public interface RetrieveProgress {
  RetrieveProgress NONE = new RetrieveProgress() {};

  /**
   * One more instance arrived.
   *
   * @param expected the instance count the server announced, or -1 when unknown
   */
  default void instanceReceived(int received, int expected, long bytes) {}

  default boolean cancelled() {
    return false;
  }
}
