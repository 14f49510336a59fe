package org.radassist.dicom.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A data set: elements ordered by tag, as in the file. Typed getters read values the way PS3.5
 * encodes them (text values split at backslashes and trimmed, numbers parsed from IS/DS or binary).
 * Sequence items inherit the Specific Character Set of the data set that contains them.
 */
public final class Attributes {
  private final TreeMap<Integer, DicomElement> elements = new TreeMap<>(Integer::compareUnsigned);
  private Attributes parent;
  private SpecificCharacterSet charset;

  public Attributes() {}

  public Attributes(Attributes parent) {
    this.parent = parent;
  }

  public void put(DicomElement e) {
    elements.put(e.tag(), e);
    if (e.tag() == Tag.SPECIFIC_CHARACTER_SET) {
      charset = null;
    }
  }

  public void putString(int tag, VR vr, String... values) {
    String joined = String.join("\\", values);
    byte[] b =
        joined.getBytes(vr.usesCharacterSet() ? charset().charset() : StandardCharsets.US_ASCII);
    put(DicomElement.ofBytes(tag, vr, b));
  }

  public void putInt(int tag, VR vr, int... values) {
    int w = vr.binaryWidth();
    byte[] b = new byte[values.length * w];
    for (int i = 0; i < values.length; i++) {
      for (int k = 0; k < w; k++) {
        b[i * w + k] = (byte) (values[i] >>> (8 * k));
      }
    }
    put(DicomElement.ofBytes(tag, vr, b));
  }

  public void putSequence(int tag, List<Attributes> items) {
    put(DicomElement.ofSequence(tag, items));
  }

  public DicomElement remove(int tag) {
    return elements.remove(tag);
  }

  public DicomElement get(int tag) {
    return elements.get(tag);
  }

  /**
   * The element as its registered VR says to read it, where it came as UN: a router or archive that
   * lost the VR (an implicit VR hop) still sends Window Center as its DS characters, and PS3.5
   * 6.2.2 lets a reader that knows the tag read them so. The element itself stays UN, as dcmdump
   * shows it.
   */
  private DicomElement typed(int tag) {
    DicomElement e = elements.get(tag);
    if (e == null || e.vr() != VR.UN || e.isSequence() || e.isEncapsulated() || e.isEmpty()) {
      return e;
    }
    VR known = Dictionary.vrOf(tag);
    return known == VR.UN || known == VR.SQ
        ? e
        : DicomElement.ofBytes(tag, known, e.buffer(), e.offset(), e.length(), e.bigEndian());
  }

  public boolean contains(int tag) {
    return elements.containsKey(tag);
  }

  public int size() {
    return elements.size();
  }

  public Collection<DicomElement> elements() {
    return Collections.unmodifiableCollection(elements.values());
  }

  public Attributes parent() {
    return parent;
  }

  public SpecificCharacterSet charset() {
    if (charset == null) {
      DicomElement e = elements.get(Tag.SPECIFIC_CHARACTER_SET);
      if (e != null) {
        charset = SpecificCharacterSet.of(e.strings(StandardCharsets.US_ASCII));
      } else {
        charset = parent != null ? parent.charset() : SpecificCharacterSet.DEFAULT;
      }
    }
    return charset;
  }

  /** All values of a text or binary element as strings, names decoded with the character set. */
  public List<String> strings(int tag) {
    DicomElement e = typed(tag);
    if (e == null || e.isSequence() || e.isEncapsulated()) {
      return List.of();
    }
    if (e.vr().usesCharacterSet() && e.length() > 0) {
      String s = charset().decode(e.buffer(), e.offset(), e.length());
      return splitDecoded(s, e.vr());
    }
    return e.strings(StandardCharsets.ISO_8859_1);
  }

  private static List<String> splitDecoded(String s, VR vr) {
    List<String> out = new ArrayList<>();
    if (vr.isSingleValuedText()) {
      out.add(stripTrailing(s));
      return out;
    }
    for (String part : s.split("\\\\", -1)) {
      out.add(stripLeadingSpaces(stripTrailing(part)));
    }
    return out;
  }

  /**
   * Only the space character pads (PS3.5 6.2): an ideographic space (U+3000) is part of a Japanese
   * name, and {@code String.strip()} would take it.
   */
  private static String stripLeadingSpaces(String s) {
    int start = 0;
    while (start < s.length() && s.charAt(start) == ' ') {
      start++;
    }
    return s.substring(start);
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
      end--;
    }
    return s.substring(0, end);
  }

  /** First value, or {@code null} when absent or empty. */
  public String string(int tag) {
    List<String> v = strings(tag);
    return v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
  }

  public String string(int tag, String defaultValue) {
    String s = string(tag);
    return s == null ? defaultValue : s;
  }

  /**
   * All values as numbers, whether stored as text (IS, DS) or binary; unparsable values skipped.
   */
  public double[] doubles(int tag) {
    DicomElement e = typed(tag);
    if (e == null || e.isSequence() || e.isEncapsulated()) {
      return new double[0];
    }
    if (!e.vr().isText()) {
      if (e.vr() == VR.FL || e.vr() == VR.FD || e.vr() == VR.OF || e.vr() == VR.OD) {
        return e.doubles();
      }
      long[] l = e.longs();
      double[] d = new double[l.length];
      for (int i = 0; i < l.length; i++) {
        d[i] = l[i];
      }
      return d;
    }
    List<String> s = e.strings(StandardCharsets.ISO_8859_1);
    double[] out = new double[s.size()];
    int n = 0;
    for (String v : s) {
      try {
        out[n] = Double.parseDouble(v.trim());
        n++;
      } catch (NumberFormatException ignored) {
        // Non-numeric values (empty, vendor junk) are skipped, as the getter's contract says.
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  public OptionalDouble doubleValue(int tag) {
    double[] d = doubles(tag);
    return d.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(d[0]);
  }

  public OptionalInt intValue(int tag) {
    DicomElement e = typed(tag);
    if (e == null || e.isEmpty()) {
      return OptionalInt.empty();
    }
    if (!e.vr().isText() && e.vr().binaryWidth() > 0 && e.binaryCount() > 0) {
      return OptionalInt.of((int) e.longs()[0]);
    }
    double[] d = doubles(tag);
    return d.length == 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.round(d[0]));
  }

  public int intValue(int tag, int defaultValue) {
    return intValue(tag).orElse(defaultValue);
  }

  public long[] longs(int tag) {
    DicomElement e = typed(tag);
    return e == null ? new long[0] : e.longs();
  }

  /** Items of a sequence; empty when absent or not a sequence. */
  public List<Attributes> sequence(int tag) {
    DicomElement e = elements.get(tag);
    return e == null ? List.of() : e.items();
  }

  public Optional<Attributes> firstItem(int tag) {
    List<Attributes> items = sequence(tag);
    return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
  }

  public byte[] bytes(int tag) {
    DicomElement e = elements.get(tag);
    return e == null ? null : e.bytes();
  }
}
