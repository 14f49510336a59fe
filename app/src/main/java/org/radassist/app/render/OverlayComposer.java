package org.radassist.app.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Heatmap;

/**
 * Draws what the workstation shows into one image for exports: the windowed frame, the heatmaps
 * through the same colormap and floor, and thin boxes with label and score, all at image size.
 */
public final class OverlayComposer {
  private static final Color BOX = new Color(0xFF, 0xD2, 0x3F);
  private static final DirectColorModel RGB = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
  private static final int BAND_ROWS = 64;
  private static final long PARALLEL_PIXELS = 1 << 20;

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
    int[] pixels = image.render(window, false);
    for (Heatmap heatmap : heatmaps) {
      blend(pixels, imageSized(heatmap, w, h), w, h);
    }
    // The pixels become the image's own buffer: no copy, and no per-pixel setRGB, which with
    // Java2D's alpha compositing took longer than the network on a 2k film.
    BufferedImage out =
        new BufferedImage(
            RGB,
            Raster.createPackedRaster(
                new DataBufferInt(pixels, pixels.length), w, h, w, RGB.getMasks(), null),
            false,
            null);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
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

  /**
   * Source-over of the coloured heatmap, its alpha scaled by the opacity, onto the 0xRRGGBB pixels
   * in place; bands of rows in parallel on a large image.
   */
  private void blend(int[] pixels, float[] values, int w, int h) {
    IntStream bands = IntStream.range(0, (h + BAND_ROWS - 1) / BAND_ROWS);
    if ((long) w * h >= PARALLEL_PIXELS) {
      bands = bands.parallel();
    }
    bands.forEach(
        b -> {
          int end = Math.min(h, (b + 1) * BAND_ROWS) * w;
          for (int i = b * BAND_ROWS * w; i < end; i++) {
            int argb = heatmapRenderer.argb(values[i]);
            int a = Math.round((argb >>> 24) * opacity);
            if (a == 0) {
              continue;
            }
            int p = pixels[i];
            pixels[i] =
                mix(p >> 16 & 0xFF, argb >> 16 & 0xFF, a) << 16
                    | mix(p >> 8 & 0xFF, argb >> 8 & 0xFF, a) << 8
                    | mix(p & 0xFF, argb & 0xFF, a);
          }
        });
  }

  /** The heatmap's values at image size (a map recorded for another size is stretched). */
  private static float[] imageSized(Heatmap heatmap, int w, int h) {
    if (heatmap.width() == w && heatmap.height() == h) {
      return heatmap.values();
    }
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      int sy = (int) ((long) y * heatmap.height() / h);
      for (int x = 0; x < w; x++) {
        out[y * w + x] = heatmap.value((int) ((long) x * heatmap.width() / w), sy);
      }
    }
    return out;
  }

  private static int mix(int under, int over, int alpha) {
    return (under * (255 - alpha) + over * alpha + 127) / 255;
  }
}
