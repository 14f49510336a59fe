package org.radassist.app.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The short hash logs use in place of a UID, so a log shows which study an event was about without
 * naming it: the first 16 hex digits of SHA-256 of the UID.
 */
public final class UidHash {
  private UidHash() {}

  public static String of(String uid) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(uid.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
