package org.radassist.dicom.io;

import java.nio.file.Path;

/**
 * The one checked error of this module: a file that cannot be read or decoded as DICOM. The message
 * always names the file and the specific problem (e.g. which element claims which length), so a
 * load report can show it to a user as is.
 */
public class DicomException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String problem;

  public DicomException(Path file, String problem) {
    this(file, problem, null);
  }

  public DicomException(Path file, String problem, Throwable cause) {
    super(describe(file) + ": " + problem, cause);
    this.file = describe(file);
    this.problem = problem;
  }

  private static String describe(Path file) {
    return file == null ? "<memory>" : file.toString();
  }

  /** The file as given by the caller. */
  public String file() {
    return file;
  }

  /** The problem without the file name, for reports that show the file in its own column. */
  public String problem() {
    return problem;
  }
}
