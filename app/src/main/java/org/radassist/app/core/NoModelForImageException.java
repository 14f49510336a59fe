package org.radassist.app.core;

import org.radassist.inference.model.ModelPackageException;

/**
 * Automatic choice found no built-in model made for this kind of image (a CT slice, an ultrasound):
 * the image is skipped with this reason rather than read by a radiograph model. A model the reader
 * picks still runs on any image.
 */
public final class NoModelForImageException extends ModelPackageException {
  private static final long serialVersionUID = 1L;

  public NoModelForImageException(String message) {
    super(message);
  }
}
