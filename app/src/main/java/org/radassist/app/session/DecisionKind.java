package org.radassist.app.session;

import java.util.Locale;

/** What a reader can say about an AI finding; the CLI and the database use {@link #key()}. */
public enum DecisionKind {
  ACCEPT,
  REJECT,
  EDIT_REGION,
  COMMENT;

  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static DecisionKind ofKey(String key) {
    for (DecisionKind k : values()) {
      if (k.key().equalsIgnoreCase(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown decision '" + key + "' (accept, reject, edit-region or comment)");
  }

  /** Accept and reject settle a finding; an edited region accepts it at the new place. */
  public boolean isVerdict() {
    return this != COMMENT;
  }
}
