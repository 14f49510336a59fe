package org.radassist.inference.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a label stands for; the viewer styles findings by kind. */
public enum LabelKind {
  TUMOR,
  FRACTURE,
  OTHER;

  @JsonValue
  public String cardName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static LabelKind fromCard(String value) {
    for (LabelKind k : values()) {
      if (k.cardName().equals(value)) {
        return k;
      }
    }
    throw new IllegalArgumentException("label kind must be tumor, fracture or other, was " + value);
  }
}
