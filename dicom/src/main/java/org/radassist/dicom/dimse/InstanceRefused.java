package org.radassist.dicom.dimse;

import java.io.IOException;

/**
 * An instance a {@link StoreSession} refuses for what it is, not for want of resources: the C-STORE
 * status says so (PS3.4 B.2.3), so the sender does not resend it unchanged, as it may after "out of
 * resources".
 */
public final class InstanceRefused extends IOException {
  private static final int CANNOT_UNDERSTAND = 0xC000;
  private static final int DOES_NOT_MATCH_SOP_CLASS = 0xA900;

  private final int status;

  private InstanceRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The data set cannot be parsed. */
  public static InstanceRefused cannotUnderstand(String why) {
    return new InstanceRefused(CANNOT_UNDERSTAND, why);
  }

  /** The data set lacks what its SOP Class requires (a Study Instance UID, say). */
  public static InstanceRefused doesNotMatchSopClass(String why) {
    return new InstanceRefused(DOES_NOT_MATCH_SOP_CLASS, why);
  }

  int status() {
    return status;
  }
}
