package org.radassist.app.core;

import org.radassist.inference.model.ModelPackageException;

/**
 * A model named on the command line or in settings that is no package folder, no .zip and no known
 * id: the user's words name nothing, which the CLI answers as bad usage, not as a failure.
 */
public final class NoSuchModelException extends ModelPackageException {
  public NoSuchModelException(String message) {
    super(message);
  }
}
