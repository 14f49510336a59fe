package org.radassist.inference.dataset;

import java.util.Optional;
import java.util.SplittableRandom;
import org.radassist.dicom.pixel.Frame;
import org.radassist.inference.demo.CropTraining;
import org.radassist.inference.model.ModelCard;

/**
 * Everything that makes one demonstration model what it is: which films of the corpus it learns
 * from, the card it ships with, how its lesions are simulated and how long it trains. The training
 * and evaluation machinery is shared.
 */
public interface Recipe {
  /** Corpus category the films come from: {@code chest} or {@code bone}. */
  String category();

  /** The card before training: thresholds and metrics are filled in afterwards. */
  ModelCard card();

  /** Long side, in pixels, to which films are reduced before lesions are planted. */
  int filmLongSide();

  CropTraining.Plan plan();

  PlantedFilm plant(Frame film, SplittableRandom r);

  /**
   * Where on a clean film to centre a negative crop, if this model needs hard negatives there (a
   * fracture model must learn that an intact cortex is not a break); empty for anywhere.
   */
  Optional<double[]> negativeFocus(Frame film, SplittableRandom r);

  /** Share of training crops taken from rendered phantoms instead of real films. */
  double phantomShare();

  /** The corpus label of films with no finding at all ({@code no_finding}, {@code normal}). */
  String normalLabel();

  /**
   * The corpus label of films that hold the real finding this model's simulated lesion stands for,
   * if the corpus has one; the model's AUROC on those against normal films is reported, never
   * trained or tuned on.
   */
  default Optional<String> realFindingLabel() {
    return Optional.empty();
  }

  /** Hard negative mining for this model, if it uses it (see {@link HardNegatives}). */
  default Optional<Mining> mining() {
    return Optional.empty();
  }

  /**
   * From epoch {@code firstEpoch} on, every {@code everyEpochs} epochs, the {@code spotsPerFilm}
   * strongest heatmap peaks of each clean training film are found, and a {@code share} of negative
   * crops from real films is centred on one of them.
   */
  record Mining(int firstEpoch, int everyEpochs, double share, int spotsPerFilm) {}
}
