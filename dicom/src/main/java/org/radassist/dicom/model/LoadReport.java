package org.radassist.dicom.model;

import java.util.List;

/**
 * What happened to each input while loading: how many instances loaded, every file that did not,
 * with its location and the specific reason, and every file that was a second copy of an instance
 * already loaded, and every DICOMDIR met among the files ({@code directories}), for the status bar
 * and the CLI's summary: no input goes unaccounted for.
 */
public record LoadReport(
    int loaded, List<Failure> failures, List<Duplicate> duplicates, List<String> directories) {
  /** One input that could not be loaded. */
  public record Failure(String location, String reason) {}

  /**
   * An input with the SOP Instance UID of one loaded from {@code keptLocation}: the same instance
   * (a copy in another folder, a file sent twice), shown once.
   */
  public record Duplicate(String location, String keptLocation) {
    public String reason() {
      return "same SOP Instance UID as " + keptLocation + ": the same image, shown once";
    }
  }

  /**
   * Why a DICOMDIR met in a folder is no image: it is the medium's index, and the images it lists
   * are read as files of the same folder.
   */
  public static final String DIRECTORY_REASON =
      "a DICOMDIR (the index of a DICOM medium, no image); the images it lists are read as files";

  public LoadReport {
    failures = List.copyOf(failures);
    duplicates = List.copyOf(duplicates);
    directories = List.copyOf(directories);
  }

  public LoadReport(int loaded, List<Failure> failures) {
    this(loaded, failures, List.of(), List.of());
  }
}
