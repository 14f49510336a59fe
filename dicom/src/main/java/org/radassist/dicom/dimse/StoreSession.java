package org.radassist.dicom.dimse;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What one association's instances go to. {@link #store} failing makes the SCP answer that C-STORE
 * with a failure status, so the sender knows to resend; {@link #close} says whether the peer
 * released the association normally.
 */
public interface StoreSession {
  /** Where incoming data sets are written while they arrive; best on the disk they end up on. */
  Path spoolDirectory() throws IOException;

  void store(ReceivedInstance instance) throws IOException;

  void close(boolean released);

  /** Opens a session per association, given the calling AE title. */
  @FunctionalInterface
  interface Factory {
    StoreSession open(String callingAeTitle) throws IOException;
  }
}
