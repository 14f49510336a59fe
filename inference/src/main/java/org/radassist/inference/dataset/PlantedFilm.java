package org.radassist.inference.dataset;

import java.util.Map;
import org.radassist.dicom.pixel.Frame;

/**
 * A film after a simulator planted a lesion, where the lesion is, and the simulator's draws that
 * made it ({@code traits}: size, contrast, displacement...), so an evaluation can tell which kinds
 * of lesion a model misses.
 */
public record PlantedFilm(Frame frame, PlantedLesion lesion, Map<String, Double> traits) {
  public PlantedFilm {
    traits = Map.copyOf(traits);
  }
}
