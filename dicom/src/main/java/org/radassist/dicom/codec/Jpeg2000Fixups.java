package org.radassist.dicom.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * Header fields of a JPEG 2000 codestream that OpenJPEG (GDCM) treats as advisory but JAI takes
 * literally, rewritten in a copy before JAI sees it: the Rsiz capabilities (a Part 1 transfer
 * syntax guarantees a Part 1 codestream whatever Rsiz says) and tile-part counts TNsot that some
 * encoders leave 0 on all but the last tile-part of a tile (ITU-T T.800 A.4.2).
 */
final class Jpeg2000Fixups {
  private Jpeg2000Fixups() {}

  /**
   * Rejects tile data that bit stuffing (T.800 B.10.1, C.1.3) makes impossible: 0xFF followed by a
   * byte above 0x8F that is neither SOP, EPH nor a tile-part marker. Such data is corrupt, and JAI
   * loops forever on some of it. Many encoders omit EOC, so its absence is not an error.
   */
  static void check(byte[] d) throws CodecException {
    if (d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0x4F) {
      return;
    }
    int p = firstSot(d);
    if (p < 0) {
      throw new CodecException("JPEG 2000 codestream has no tile-part (SOT marker)");
    }
    boolean inData = false;
    for (int i = p; i + 1 < d.length; i++) {
      if ((d[i] & 0xFF) != 0xFF) {
        continue;
      }
      int next = d[i + 1] & 0xFF;
      if (next == 0x93) {
        inData = true;
      } else if (next == 0x90 || next == 0xD9) {
        inData = false;
      } else if (inData && next > 0x8F && next != 0x91 && next != 0x92) {
        throw new CodecException(
            String.format(
                "JPEG 2000 tile data holds the impossible byte pair FF %02X at %d (corrupt)",
                next, i));
      }
    }
  }

  static byte[] apply(byte[] d) {
    if (d.length < 6 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0x4F) {
      return d;
    }
    byte[] out = d;
    if ((d[2] & 0xFF) == 0xFF && (d[3] & 0xFF) == 0x51 && (d[6] != 0 || d[7] != 0)) {
      out = d.clone();
      out[6] = 0;
      out[7] = 0;
    }
    int first = firstSot(out);
    if (first < 0) {
      return out;
    }
    Map<Integer, Integer> parts = new HashMap<>();
    int p = first;
    int count = 0;
    while (p + 12 <= out.length && (out[p] & 0xFF) == 0xFF && (out[p + 1] & 0xFF) == 0x90) {
      int tile = u16(out, p + 4);
      long psot = u32(out, p + 6);
      parts.merge(tile, 1, Integer::sum);
      count++;
      if (psot == 0 || count > 65535) {
        break;
      }
      p += (int) psot;
    }
    boolean changed = false;
    byte[] fixed = out == d ? d.clone() : out;
    p = first;
    for (int k = 0; k < count; k++) {
      int tile = u16(fixed, p + 4);
      int tn = fixed[p + 11] & 0xFF;
      int actual = parts.get(tile);
      if (tn == 0 && actual <= 255) {
        fixed[p + 11] = (byte) actual;
        changed = true;
      }
      long psot = u32(fixed, p + 6);
      if (psot == 0) {
        break;
      }
      p += (int) psot;
    }
    return changed ? fixed : out;
  }

  private static int firstSot(byte[] d) {
    int p = 2;
    while (p + 4 <= d.length && (d[p] & 0xFF) == 0xFF) {
      int marker = d[p + 1] & 0xFF;
      if (marker == 0x90) {
        return p;
      }
      p += 2 + u16(d, p + 2);
    }
    return -1;
  }

  private static int u16(byte[] d, int p) {
    return ((d[p] & 0xFF) << 8) | (d[p + 1] & 0xFF);
  }

  private static long u32(byte[] d, int p) {
    return ((long) u16(d, p) << 16) | u16(d, p + 2);
  }
}
