package org.radassist.dicom.web;

import java.io.IOException;

/**
 * A DICOMweb request that did not succeed: the message says what was attempted, on which server,
 * and why, in words a reader in the reading room can act on. It never contains credentials or UIDs.
 */
public class DicomWebException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public DicomWebException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public DicomWebException(String message, int status) {
    this(message, status, null);
  }

  /** The HTTP status the server answered, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** What an HTTP status means for the reader, beyond its number. */
  static String explain(int status) {
    return switch (status) {
      case 400 -> "the server rejected the request as malformed";
      case 401 -> "authentication failed: check the user name and password or the token";
      case 403 -> "access denied for these credentials";
      case 404 -> "not found on this server (is the DICOMweb root in the URL right?)";
      case 406 -> "the server cannot send the requested format";
      case 409 -> "the server refused to store the instances";
      case 413 -> "the request is too large for the server";
      case 415 -> "the server does not accept this media type";
      case 429 -> "the server is busy (too many requests)";
      case 500 -> "internal server error";
      case 502, 504 -> "a gateway in front of the server failed";
      case 503 -> "the server is unavailable";
      default -> "unexpected answer";
    };
  }
}
