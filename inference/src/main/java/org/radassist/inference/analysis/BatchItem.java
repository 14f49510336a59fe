package org.radassist.inference.analysis;

import java.util.Optional;

/**
 * The outcome for one image of a batch: a prediction, or the reason it failed, or neither when the
 * batch was cancelled before the image was reached.
 */
public record BatchItem(
    int index, String name, Optional<Prediction> prediction, Optional<String> error) {

  public boolean cancelled() {
    return prediction.isEmpty() && error.isEmpty();
  }
}
