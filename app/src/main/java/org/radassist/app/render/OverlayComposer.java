package org.radassist.app.render;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Heatmap;

/**
 * Draws what the workstation shows into one image for exports: the windowed frame, the heatmaps
 * through the same colormap and floor, and thin boxes with label and score, all at image size.
 */
public final class OverlayComposer {
  private static final Color BOX = new Color(0xFF, 0xD2, 0x3F);

  private final HeatmapRenderer heatmapRenderer;
  private final float opacity;

  public OverlayComposer(HeatmapRenderer heatmapRenderer, double opacity) {
    this.heatmapRenderer = heatmapRenderer;
    this.opacity = (float) opacity;
  }

  public BufferedImage compose(
      FrameRenderer image, VoiLut window, List<Heatmap> heatmaps, List<Finding> findings) {
    int w = image.frame().columns();
    int h = image.frame().rows();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, image.render(window, false), 0, w);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, opacity));
      for (Heatmap heatmap : heatmaps) {
        BufferedImage layer =
            new BufferedImage(heatmap.width(), heatmap.height(), BufferedImage.TYPE_INT_ARGB);
        layer.setRGB(
            0,
            0,
            heatmap.width(),
            heatmap.height(),
            heatmapRenderer.render(heatmap.values()),
            0,
            heatmap.width());
        g.drawImage(layer, 0, 0, w, h, null);
      }
      g.setComposite(AlphaComposite.SrcOver);
      float stroke = Math.max(1.5f, Math.max(w, h) / 700f);
      g.setStroke(new BasicStroke(stroke));
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(12, Math.round(stroke * 9))));
      g.setColor(BOX);
      for (Finding f : findings) {
        Finding.Box b = f.box();
        g.drawRect(b.x(), b.y(), b.width(), b.height());
        g.drawString(
            String.format(Locale.ROOT, "%s %.2f", f.label(), f.score()),
            b.x(),
            Math.max(g.getFontMetrics().getAscent(), b.y() - stroke * 2));
      }
    } finally {
      g.dispose();
    }
    return out;
  }
}
