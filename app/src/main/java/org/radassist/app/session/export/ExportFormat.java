package org.radassist.app.session.export;

import java.util.Locale;

/** The formats a study's read can be exported in; {@link #key()} is the CLI's name. */
public enum ExportFormat {
  SR,
  SC,
  PDF,
  JSON;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
