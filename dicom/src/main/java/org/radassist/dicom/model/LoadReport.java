package org.radassist.dicom.model;

import java.util.List;

/**
 * What happened to each input while loading: how many instances loaded, and every file that did
 * not, with its location and the specific reason, for the status bar and the CLI's summary.
 */
public record LoadReport(int loaded, List<Failure> failures) {
  /** One input that could not be loaded. */
  public record Failure(String location, String reason) {}

  public LoadReport {
    failures = List.copyOf(failures);
  }
}
