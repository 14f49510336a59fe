package org.radassist.dicom.data;

/** Value Representation (PS3.5 6.2): how a value is encoded and how long its length field is. */
public enum VR {
  AE,
  AS,
  AT,
  CS,
  DA,
  DS,
  DT,
  FL,
  FD,
  IS,
  LO,
  LT,
  OB,
  OD,
  OF,
  OL,
  OV,
  OW,
  PN,
  SH,
  SL,
  SQ,
  SS,
  ST,
  SV,
  TM,
  UC,
  UI,
  UL,
  UN,
  UR,
  US,
  UT,
  UV;

  /** The VR for two ASCII bytes, or {@code null} when they are not a VR this standard defines. */
  public static VR of(int b0, int b1) {
    if (b0 < 'A' || b0 > 'Z' || b1 < 'A' || b1 > 'Z') {
      return null;
    }
    try {
      return valueOf(new String(new char[] {(char) b0, (char) b1}));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Explicit VR encodings of these VRs carry a 2-byte reserved field and a 4-byte length. */
  public boolean hasLongLength() {
    return switch (this) {
      case OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV -> true;
      default -> false;
    };
  }

  /** Values of these VRs are text, possibly several values separated by a backslash. */
  public boolean isText() {
    return switch (this) {
      case AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT -> true;
      default -> false;
    };
  }

  /** Text VRs whose bytes follow the Specific Character Set rather than plain ASCII. */
  public boolean usesCharacterSet() {
    return switch (this) {
      case LO, LT, PN, SH, ST, UC, UT -> true;
      default -> false;
    };
  }

  /** Text VRs whose values are never split at a backslash. */
  public boolean isSingleValuedText() {
    return this == LT || this == ST || this == UT || this == UR;
  }

  /** Size in bytes of one binary value, or 0 for text, sequences and byte streams. */
  public int binaryWidth() {
    return switch (this) {
      case US, SS -> 2;
      case UL, SL, FL, AT, OL, OF -> 4;
      case FD, OD, SV, UV, OV -> 8;
      case OW -> 2;
      default -> 0;
    };
  }
}
