package org.radassist.app.session.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.radassist.app.render.Colormap;
import org.radassist.app.render.FrameRenderer;
import org.radassist.app.render.HeatmapRenderer;
import org.radassist.app.render.OverlayComposer;
import org.radassist.app.session.RecordedPrediction;
import org.radassist.app.session.Region;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.app.session.StoredFinding;
import org.radassist.app.session.StudyReview;
import org.radassist.app.session.store.AnalysisRecords.StoredHeatmap;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.model.LabelKind;

/**
 * The image as the reader saw it at the end of the read: the frame in its first window, the stored
 * heatmaps, each finding's box where the reader settled it with label and score, and the reader's
 * verdict under it. Made for the Secondary Capture and the PDF, at image size.
 */
final class OverlayImage {
  private static final Color VERDICT = new Color(0xE0, 0xE0, 0xE0);

  private OverlayImage() {}

  static BufferedImage render(StudyReview review, DicomImage image, List<StoredHeatmap> stored)
      throws IOException {
    StoredAnalysis a = review.analysis();
    FrameRenderer grey;
    try {
      grey = FrameRenderer.of(image, image.frame(a.frame()));
    } catch (DicomException e) {
      throw new IOException(e.getMessage(), e);
    }
    VoiLut window = grey.initialVoi();
    List<Heatmap> heatmaps = new ArrayList<>();
    for (StoredHeatmap h : stored) {
      heatmaps.add(RecordedPrediction.heatmap(h));
    }
    List<Finding> findings = new ArrayList<>();
    for (StoredFinding f : a.findings()) {
      Region r = review.region(f.index());
      findings.add(
          new Finding(
              f.label(),
              LabelKind.fromCard(f.kind()),
              f.score(),
              new Finding.Box(r.x(), r.y(), r.width(), r.height()),
              new Finding.Point(f.peakX(), f.peakY())));
    }
    BufferedImage out =
        new OverlayComposer(new HeatmapRenderer(Colormap.named("inferno"), 0.2), 0.6)
            .compose(grey, window, heatmaps, findings);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      float stroke = Math.max(1.5f, Math.max(out.getWidth(), out.getHeight()) / 700f);
      g.setStroke(new BasicStroke(stroke));
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(12, Math.round(stroke * 9))));
      g.setColor(VERDICT);
      for (StoredFinding f : a.findings()) {
        Region r = review.region(f.index());
        int below = r.y() + r.height() + g.getFontMetrics().getAscent() + Math.round(stroke * 2);
        g.drawString(
            "#" + f.index() + " " + ReviewCodes.words(review.verdict(f.index())),
            r.x(),
            Math.min(out.getHeight() - 2, below));
      }
    } finally {
      g.dispose();
    }
    return out;
  }
}
