package org.radassist.inference.model;

/** A model package that cannot be used, with a message that says which package and why. */
public class ModelPackageException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelPackageException(String message) {
    super(message);
  }

  public ModelPackageException(String message, Throwable cause) {
    super(message, cause);
  }
}
