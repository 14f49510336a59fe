package org.radassist.dicom.sr;

import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.VR;

/** A coded concept (PS3.3 8.8): value, coding scheme designator and the meaning shown to people. */
public record Code(String value, String scheme, String meaning) {
  public Code {
    if (value == null || value.isEmpty() || value.length() > 16) {
      throw new IllegalArgumentException("Code Value must be 1..16 characters: " + value);
    }
    if (scheme == null || scheme.isEmpty() || scheme.length() > 16) {
      throw new IllegalArgumentException("Coding Scheme Designator must be 1..16: " + scheme);
    }
    if (meaning == null || meaning.isEmpty()) {
      throw new IllegalArgumentException("Code Meaning is required");
    }
  }

  public static Code dcm(String value, String meaning) {
    return new Code(value, "DCM", meaning);
  }

  public static Code sct(String value, String meaning) {
    return new Code(value, "SCT", meaning);
  }

  public static Code ucum(String value, String meaning) {
    return new Code(value, "UCUM", meaning);
  }

  /** The code as one item of a code sequence. */
  public Attributes toItem(Attributes parent) {
    Attributes item = new Attributes(parent);
    item.putString(SrTags.CODE_VALUE, VR.SH, value);
    item.putString(SrTags.CODING_SCHEME_DESIGNATOR, VR.SH, scheme);
    item.putString(
        SrTags.CODE_MEANING, VR.LO, meaning.length() > 64 ? meaning.substring(0, 64) : meaning);
    return item;
  }

  /** Reads a code back from a code sequence item. */
  public static Code of(Attributes item) {
    return new Code(
        item.string(SrTags.CODE_VALUE),
        item.string(SrTags.CODING_SCHEME_DESIGNATOR),
        item.string(SrTags.CODE_MEANING));
  }
}
