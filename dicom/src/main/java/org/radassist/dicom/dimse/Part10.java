package org.radassist.dicom.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.radassist.dicom.write.Uids;

/**
 * The start of a Part 10 file (PS3.10 7.1) for a data set received over the network: preamble,
 * DICM, the file meta group with the transfer syntax it was sent in and the sender's AE title. The
 * data set bytes follow it unchanged, streamed to the file as they arrive.
 */
final class Part10 {
  private Part10() {}

  static byte[] header(
      String sopClass, String sopInstance, String transferSyntax, String sourceAe) {
    ByteArrayOutputStream group = new ByteArrayOutputStream();
    element(group, 0x0001, "OB", new byte[] {0, 1});
    element(group, 0x0002, "UI", uid(sopClass));
    element(group, 0x0003, "UI", uid(sopInstance));
    element(group, 0x0010, "UI", uid(transferSyntax));
    element(group, 0x0012, "UI", uid(Uids.IMPLEMENTATION_CLASS_UID));
    element(group, 0x0013, "SH", text(Uids.IMPLEMENTATION_VERSION_NAME));
    element(group, 0x0016, "AE", text(sourceAe));
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    out.writeBytes(new byte[128]);
    out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    int n = group.size();
    element(
        out,
        0x0000,
        "UL",
        new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
    out.writeBytes(group.toByteArray());
    return out.toByteArray();
  }

  private static byte[] uid(String s) {
    byte[] a = s.getBytes(StandardCharsets.US_ASCII);
    byte[] v = new byte[a.length + (a.length & 1)];
    System.arraycopy(a, 0, v, 0, a.length);
    return v;
  }

  private static byte[] text(String s) {
    String padded = (s.length() & 1) == 1 ? s + " " : s;
    return padded.getBytes(StandardCharsets.US_ASCII);
  }

  private static void element(ByteArrayOutputStream out, int element, String vr, byte[] v) {
    out.write(0x02);
    out.write(0x00);
    out.write(element & 0xFF);
    out.write(element >> 8);
    out.write(vr.charAt(0));
    out.write(vr.charAt(1));
    if (vr.equals("OB")) {
      out.write(0);
      out.write(0);
      int n = v.length;
      out.write(n & 0xFF);
      out.write((n >> 8) & 0xFF);
      out.write((n >> 16) & 0xFF);
      out.write((n >> 24) & 0xFF);
    } else {
      out.write(v.length & 0xFF);
      out.write((v.length >> 8) & 0xFF);
    }
    out.write(v, 0, v.length);
  }
}
