package org.radassist.dicom.dimse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command set (PS3.7 E): group 0000 elements, always implicit VR little endian. Holds raw
 * values by element number, with readers for the two forms a command uses (UI text, US number).
 */
final class CommandSet {
  static final int AFFECTED_SOP_CLASS_UID = 0x0002;
  static final int COMMAND_FIELD = 0x0100;
  static final int MESSAGE_ID = 0x0110;
  static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x0120;
  static final int COMMAND_DATA_SET_TYPE = 0x0800;
  static final int STATUS = 0x0900;
  static final int AFFECTED_SOP_INSTANCE_UID = 0x1000;

  static final int C_STORE_RQ = 0x0001;
  static final int C_STORE_RSP = 0x8001;
  static final int C_ECHO_RQ = 0x0030;
  static final int C_ECHO_RSP = 0x8030;
  static final int NO_DATA_SET = 0x0101;

  private final Map<Integer, byte[]> values = new TreeMap<>();

  static CommandSet parse(byte[] b) throws IOException {
    CommandSet c = new CommandSet();
    int p = 0;
    while (p + 8 <= b.length) {
      int group = u16(b, p);
      int element = u16(b, p + 2);
      long length = u16(b, p + 4) | ((long) u16(b, p + 6) << 16);
      p += 8;
      if (group != 0 || length > b.length - p) {
        throw new IOException("malformed DIMSE command set");
      }
      byte[] v = new byte[(int) length];
      System.arraycopy(b, p, v, 0, v.length);
      c.values.put(element, v);
      p += v.length;
    }
    return c;
  }

  int u16(int element) throws IOException {
    byte[] v = values.get(element);
    if (v == null || v.length < 2) {
      throw new IOException(String.format("DIMSE command lacks (0000,%04X)", element));
    }
    return u16(v, 0);
  }

  String uid(int element) {
    byte[] v = values.get(element);
    if (v == null) {
      return null;
    }
    String s = new String(v, StandardCharsets.US_ASCII);
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == 0 || s.charAt(end - 1) == ' ')) {
      end--;
    }
    return s.substring(0, end);
  }

  CommandSet putUid(int element, String uid) {
    byte[] a = uid.getBytes(StandardCharsets.US_ASCII);
    byte[] v = new byte[a.length + (a.length & 1)];
    System.arraycopy(a, 0, v, 0, a.length);
    values.put(element, v);
    return this;
  }

  CommandSet putU16(int element, int value) {
    values.put(element, new byte[] {(byte) value, (byte) (value >> 8)});
    return this;
  }

  /** Encodes with the Command Group Length first, as PS3.7 E.1 requires. */
  byte[] encode() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
      if (e.getKey() != 0) {
        element(body, e.getKey(), e.getValue());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = body.size();
    element(out, 0, new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void element(ByteArrayOutputStream out, int element, byte[] v) {
    out.write(0);
    out.write(0);
    out.write(element & 0xFF);
    out.write(element >> 8);
    int n = v.length;
    out.write(n & 0xFF);
    out.write((n >> 8) & 0xFF);
    out.write((n >> 16) & 0xFF);
    out.write((n >> 24) & 0xFF);
    out.write(v, 0, v.length);
  }

  private static int u16(byte[] b, int p) {
    return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
  }
}
