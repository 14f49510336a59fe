package org.radassist.dicom.data;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One data element: tag, VR and value. The value is a view into the bytes it was read from (no
 * copy), a list of sequence items, or the fragments of encapsulated pixel data. Binary values are
 * decoded on request with the byte order of the transfer syntax they came in.
 */
public final class DicomElement {
  private final int tag;
  private final VR vr;
  private final byte[] buffer;
  private final int offset;
  private final int length;
  private final boolean bigEndian;
  private final List<Attributes> items;
  private final List<Fragment> fragments;

  private DicomElement(
      int tag,
      VR vr,
      byte[] buffer,
      int offset,
      int length,
      boolean bigEndian,
      List<Attributes> items,
      List<Fragment> fragments) {
    this.tag = tag;
    this.vr = vr;
    this.buffer = buffer;
    this.offset = offset;
    this.length = length;
    this.bigEndian = bigEndian;
    this.items = items;
    this.fragments = fragments;
  }

  public static DicomElement ofBytes(
      int tag, VR vr, byte[] buffer, int offset, int length, boolean bigEndian) {
    return new DicomElement(tag, vr, buffer, offset, length, bigEndian, null, null);
  }

  public static DicomElement ofBytes(int tag, VR vr, byte[] value) {
    return new DicomElement(tag, vr, value, 0, value.length, false, null, null);
  }

  public static DicomElement ofSequence(int tag, List<Attributes> items) {
    return new DicomElement(tag, VR.SQ, null, 0, 0, false, List.copyOf(items), null);
  }

  public static DicomElement ofFragments(int tag, VR vr, List<Fragment> fragments) {
    return new DicomElement(tag, vr, null, 0, 0, false, null, List.copyOf(fragments));
  }

  public int tag() {
    return tag;
  }

  public VR vr() {
    return vr;
  }

  public boolean isSequence() {
    return items != null;
  }

  public boolean isEncapsulated() {
    return fragments != null;
  }

  public boolean bigEndian() {
    return bigEndian;
  }

  /** Sequence items; empty for other elements. */
  public List<Attributes> items() {
    return items == null ? List.of() : items;
  }

  /** Fragments of encapsulated pixel data, the Basic Offset Table first; empty otherwise. */
  public List<Fragment> fragments() {
    return fragments == null ? List.of() : fragments;
  }

  /** Length of the value in bytes as read (0 for sequences and encapsulated data). */
  public int length() {
    return length;
  }

  public boolean isEmpty() {
    if (items != null) {
      return items.isEmpty();
    }
    if (fragments != null) {
      return fragments.isEmpty();
    }
    return length == 0;
  }

  /** A copy of the raw value bytes, in the byte order of the file. */
  public byte[] bytes() {
    if (buffer == null) {
      return new byte[0];
    }
    return Arrays.copyOfRange(buffer, offset, offset + length);
  }

  public byte[] buffer() {
    return buffer;
  }

  public int offset() {
    return offset;
  }

  /** Text values split at backslashes (except for single-valued VRs), trailing padding removed. */
  public List<String> strings(Charset charset) {
    if (buffer == null || length == 0) {
      return List.of();
    }
    if (!vr.isText()) {
      return binaryAsStrings();
    }
    String s = new String(buffer, offset, length, charset);
    List<String> values = new ArrayList<>();
    if (vr.isSingleValuedText()) {
      values.add(trimText(s, vr));
      return values;
    }
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '\\') {
        values.add(trimText(s.substring(start, i), vr));
        start = i + 1;
      }
    }
    return values;
  }

  private static String trimText(String s, VR vr) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
      end--;
    }
    if (vr == VR.LT || vr == VR.ST || vr == VR.UT) {
      return s.substring(0, end);
    }
    int start = 0;
    while (start < end && s.charAt(start) == ' ') {
      start++;
    }
    return s.substring(start, end);
  }

  private List<String> binaryAsStrings() {
    List<String> out = new ArrayList<>();
    switch (vr) {
      case US, SS, UL, SL, AT, UV, SV -> {
        for (long v : longs()) {
          out.add(vr == VR.AT ? Tag.toKey((int) v) : Long.toString(v));
        }
      }
      case FL, FD -> {
        for (double v : doubles()) {
          out.add(Double.toString(v));
        }
      }
      default -> {}
    }
    return out;
  }

  /** Count of binary values of width {@link VR#binaryWidth()}. */
  public int binaryCount() {
    int w = vr.binaryWidth();
    return w == 0 ? 0 : length / w;
  }

  public int u16(int i) {
    int p = offset + 2 * i;
    return bigEndian
        ? ((buffer[p] & 0xFF) << 8) | (buffer[p + 1] & 0xFF)
        : (buffer[p] & 0xFF) | ((buffer[p + 1] & 0xFF) << 8);
  }

  public int i32(int i) {
    int p = offset + 4 * i;
    return bigEndian
        ? ((buffer[p] & 0xFF) << 24)
            | ((buffer[p + 1] & 0xFF) << 16)
            | ((buffer[p + 2] & 0xFF) << 8)
            | (buffer[p + 3] & 0xFF)
        : (buffer[p] & 0xFF)
            | ((buffer[p + 1] & 0xFF) << 8)
            | ((buffer[p + 2] & 0xFF) << 16)
            | ((buffer[p + 3] & 0xFF) << 24);
  }

  private long i64(int i) {
    long hi;
    long lo;
    if (bigEndian) {
      hi = i32(2 * i) & 0xFFFFFFFFL;
      lo = i32(2 * i + 1) & 0xFFFFFFFFL;
    } else {
      lo = i32(2 * i) & 0xFFFFFFFFL;
      hi = i32(2 * i + 1) & 0xFFFFFFFFL;
    }
    return (hi << 32) | lo;
  }

  /** Integer values of a binary element (US, SS, UL, SL, AT, SV, UV, OW, OL). */
  public long[] longs() {
    int w = vr.binaryWidth();
    if (w == 0 || buffer == null) {
      return new long[0];
    }
    long[] v = new long[length / w];
    for (int i = 0; i < v.length; i++) {
      v[i] =
          switch (vr) {
            case US, OW -> u16(i);
            case SS -> (short) u16(i);
            case UL, OL -> i32(i) & 0xFFFFFFFFL;
            case SL -> i32(i);
            case AT -> ((u16(2 * i) & 0xFFFFL) << 16) | u16(2 * i + 1);
            default -> i64(i);
          };
    }
    return v;
  }

  /** Floating point values of FL, FD, OF, OD elements. */
  public double[] doubles() {
    int w = vr.binaryWidth();
    if (buffer == null || (vr != VR.FL && vr != VR.FD && vr != VR.OF && vr != VR.OD)) {
      return new double[0];
    }
    double[] v = new double[length / w];
    for (int i = 0; i < v.length; i++) {
      v[i] = w == 4 ? Float.intBitsToFloat(i32(i)) : Double.longBitsToDouble(i64(i));
    }
    return v;
  }

  @Override
  public String toString() {
    return Tag.toString(tag) + " " + vr + " #" + length;
  }
}
