package org.radassist.app.core;

import org.radassist.inference.model.ModelPackageException;

/**
 * Automatic choice found no built-in model made for this kind of image (a CT slice, an ultrasound):
 * the image is skipped with this reason rather than read by a radiograph model. A model the reader
 * picks still runs on any image. The modality or body part that decided it is kept beside the
 * English message so the workstation can say it in the reader's language.
 */
public final class NoModelForImageException extends ModelPackageException {
  private static final long serialVersionUID = 1L;

  private final String modality;
  private final transient BodyPart bodyPart;

  private NoModelForImageException(String message, String modality, BodyPart bodyPart) {
    super(message);
    this.modality = modality;
    this.bodyPart = bodyPart;
  }

  /** The image is of a modality (CT, US, MG...) that no built-in model reads. */
  public static NoModelForImageException forModality(String modality) {
    return new NoModelForImageException(
        "no built-in model reads "
            + modality
            + " images (they read radiographs: CR, DX); choose a model to analyse it anyway",
        modality,
        null);
  }

  /** The radiograph shows a body part (a spine, an abdomen) no built-in model is made for. */
  public static NoModelForImageException forBodyPart(BodyPart part) {
    return new NoModelForImageException(
        "no built-in model is made for "
            + part.term()
            + " radiographs ("
            + part.source()
            + "; they read chest films, and hands, wrists, forearms and elbows); choose a model"
            + " to analyse it anyway",
        null,
        part);
  }

  /** The modality no built-in model reads, or null when the body part decided. */
  public String modality() {
    return modality;
  }

  /** The body part no built-in model is made for, or null when the modality decided. */
  public BodyPart bodyPart() {
    return bodyPart;
  }
}
