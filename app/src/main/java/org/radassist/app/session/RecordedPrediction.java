package org.radassist.app.session;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.radassist.app.session.store.AnalysisRecords.StoredHeatmap;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.analysis.LabelResult;
import org.radassist.inference.analysis.ModelInfo;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.analysis.Timings;
import org.radassist.inference.model.LabelKind;

/**
 * A recorded analysis back as the prediction it was: label scores, findings in the model's order
 * (so finding numbers and the decisions on them still match) and the stored heatmaps. The viewer
 * shows it when the reader returns to an image, instead of running the model again and filing a new
 * analysis the earlier decisions are not on.
 */
public final class RecordedPrediction {
  private RecordedPrediction() {}

  public static Prediction of(StoredAnalysis a, List<StoredHeatmap> stored) throws IOException {
    List<LabelResult> labels = new ArrayList<>();
    for (StoredAnalysis.LabelScore l : a.labels()) {
      labels.add(
          new LabelResult(
              l.name(),
              LabelKind.fromCard(l.kind()),
              l.probability(),
              l.threshold(),
              l.positive()));
    }
    List<Heatmap> heatmaps = new ArrayList<>();
    for (StoredHeatmap h : stored) {
      heatmaps.add(heatmap(h));
    }
    List<Finding> findings = new ArrayList<>();
    for (StoredFinding f : a.findings()) {
      findings.add(
          new Finding(
              f.label(),
              LabelKind.fromCard(f.kind()),
              f.score(),
              new Finding.Box(f.box().x(), f.box().y(), f.box().width(), f.box().height()),
              new Finding.Point(f.peakX(), f.peakY())));
    }
    return new Prediction(
        new ModelInfo(a.modelId(), a.modelVersion(), a.modelSha256()),
        a.device(),
        a.image().rows(),
        a.image().columns(),
        labels,
        heatmaps,
        findings,
        new Timings(0, 0, 0, 0));
  }

  /** A heatmap as filed: an 8-bit PNG of the label's map at image size. */
  public static Heatmap heatmap(StoredHeatmap h) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(h.png()));
    if (img == null || img.getWidth() != h.width() || img.getHeight() != h.height()) {
      throw new IOException("stored heatmap of label " + h.label() + " is unreadable");
    }
    float[] values = new float[h.width() * h.height()];
    int[] row = new int[h.width()];
    for (int y = 0; y < h.height(); y++) {
      img.getRaster().getPixels(0, y, h.width(), 1, row);
      for (int x = 0; x < h.width(); x++) {
        values[y * h.width() + x] = row[x] / 255f;
      }
    }
    return new Heatmap(h.label(), Heatmap.Method.CAM, h.width(), h.height(), values);
  }
}
