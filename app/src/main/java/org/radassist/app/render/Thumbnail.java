package org.radassist.app.render;

import org.radassist.dicom.pixel.Frame;

/**
 * A small preview of a frame for the study browser: the windowed image averaged over blocks, so a
 * thumbnail of a noisy radiograph looks like the radiograph, not like its noise.
 */
public record Thumbnail(int width, int height, int[] argb) {

  /** The frame as it opens in the viewport (see {@link FrameRenderer#initialVoi}). */
  public static Thumbnail of(FrameRenderer renderer, int maxSize) {
    Frame frame = renderer.frame();
    int[] full = renderer.render(renderer.initialVoi(), false);
    int w = frame.columns();
    int h = frame.rows();
    double scale = Math.min(1.0, maxSize / (double) Math.max(w, h));
    int tw = Math.max(1, (int) Math.round(w * scale));
    int th = Math.max(1, (int) Math.round(h * scale));
    int[] out = new int[tw * th];
    for (int ty = 0; ty < th; ty++) {
      int y0 = ty * h / th;
      int y1 = Math.max(y0 + 1, (ty + 1) * h / th);
      for (int tx = 0; tx < tw; tx++) {
        int x0 = tx * w / tw;
        int x1 = Math.max(x0 + 1, (tx + 1) * w / tw);
        long r = 0;
        long g = 0;
        long b = 0;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            int p = full[y * w + x];
            r += (p >> 16) & 0xFF;
            g += (p >> 8) & 0xFF;
            b += p & 0xFF;
          }
        }
        long n = (long) (y1 - y0) * (x1 - x0);
        out[ty * tw + tx] = 0xFF000000 | (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
      }
    }
    return new Thumbnail(tw, th, out);
  }
}
