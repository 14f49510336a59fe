package org.radassist.inference.analysis;

import java.util.List;
import java.util.Optional;

/**
 * Everything one analysis of one frame produced. {@code rows} and {@code columns} are the image's,
 * and every heatmap and finding is in that pixel grid. {@code labels} is the per-image summary: the
 * probability of each label against its operating threshold.
 */
public record Prediction(
    ModelInfo model,
    String device,
    int rows,
    int columns,
    List<LabelResult> labels,
    List<Heatmap> heatmaps,
    List<Finding> findings,
    Timings timings) {

  public Optional<Heatmap> heatmap(String label) {
    return heatmaps.stream().filter(h -> h.label().equals(label)).findFirst();
  }

  public Optional<LabelResult> label(String name) {
    return labels.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  public List<Finding> findings(String label) {
    return findings.stream().filter(f -> f.label().equals(label)).toList();
  }
}
