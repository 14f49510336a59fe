package org.radassist.dicom.codec.j2k;

import org.radassist.dicom.codec.CodecException;

/** A JPEG 2000 codestream that breaks T.800 or ends early; the message names what is wrong. */
public final class J2kException extends CodecException {
  private static final long serialVersionUID = 1L;

  public J2kException(String message) {
    super("JPEG 2000: " + message);
  }
}
