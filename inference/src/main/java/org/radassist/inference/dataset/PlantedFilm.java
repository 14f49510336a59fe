package org.radassist.inference.dataset;

import org.radassist.dicom.pixel.Frame;

/** A film after a simulator planted a lesion, and where the lesion is. */
public record PlantedFilm(Frame frame, PlantedLesion lesion) {}
