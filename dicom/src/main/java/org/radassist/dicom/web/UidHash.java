package org.radassist.dicom.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, stable stand-in for a UID in logs: UIDs can identify a patient's study, so logs carry
 * the first 12 hex digits of their SHA-256 instead, enough to correlate lines without revealing it.
 */
public final class UidHash {
  private UidHash() {}

  public static String of(String uid) {
    if (uid == null) {
      return "-";
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(uid.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
