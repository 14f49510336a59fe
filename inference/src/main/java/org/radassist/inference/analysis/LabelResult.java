package org.radassist.inference.analysis;

import org.radassist.inference.model.LabelKind;

/** The image-level answer for one label: probability against the label's operating threshold. */
public record LabelResult(
    String name, LabelKind kind, double probability, double threshold, boolean positive) {}
