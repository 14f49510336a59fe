package org.radassist.dicom.write;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** UIDs under the 2.25 root (PS3.5 B.2): a random UUID written as one decimal number. */
public final class Uids {
  private Uids() {}

  public static String generate() {
    return of(UUID.randomUUID());
  }

  /**
   * The same UID every time for the same {@code name} (a name-based UUID): for an image whose file
   * lacks its SOP Instance UID, so that decisions recorded on it find it again when it is reopened
   * from the same place.
   */
  public static String derived(String name) {
    return of(UUID.nameUUIDFromBytes(("radassist:" + name).getBytes(StandardCharsets.UTF_8)));
  }

  private static String of(UUID u) {
    byte[] b =
        ByteBuffer.allocate(16)
            .putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits())
            .array();
    return "2.25." + new BigInteger(1, b);
  }

  /** This implementation's class UID, written into every file meta group. */
  public static final String IMPLEMENTATION_CLASS_UID =
      "2.25.84372160379911720584929104934262387219";

  public static final String IMPLEMENTATION_VERSION_NAME = "RADASSIST_010";
}
