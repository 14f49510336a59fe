package org.radassist.dicom.model;

import java.util.List;

/** Studies found in the inputs, and the report of what could not be loaded. */
public record LoadResult(List<Study> studies, LoadReport report) {
  public LoadResult {
    studies = List.copyOf(studies);
  }
}
