package org.radassist.app.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import org.radassist.app.render.FrameRenderer;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.inference.phantom.Phantom;

/**
 * Window/level drag speed on a 2048x2048 radiograph: renders per second of the workstation's
 * table-driven renderer, beside the per-pixel evaluation of the same modality LUT and window (the
 * peer). A drag needs at least 30 renders per second to feel attached to the mouse.
 */
public final class ViewerBench {
  private static final int SIZE = 2048;

  private ViewerBench() {}

  public static void run(PrintWriter out, double seconds) {
    Frame frame = new Phantom(SIZE, SIZE).render(7L, true).frame();
    ModalityLut lut = ModalityLut.linear(1.0, -1024);
    FrameRenderer renderer = new FrameRenderer(frame, lut);
    int[] argb = new int[SIZE * SIZE];
    double ours = rate(seconds, i -> renderer.renderInto(window(i), false, argb));
    double peer = rate(seconds, i -> perPixel(frame, lut, window(i), argb));
    out.printf(
        Locale.ROOT,
        "viewer  W/L drag %dx%d: %.1f renders/s (table LUT)  vs  %.1f renders/s (per-pixel peer)"
            + "  ratio %.2fx  target >= 30/s%n",
        SIZE,
        SIZE,
        ours,
        peer,
        ours / peer);
    out.flush();
  }

  private static VoiLut window(int i) {
    return VoiLut.linear(600 + (i % 50) * 10, 1500 + (i % 30) * 20);
  }

  private interface Step {
    void run(int i);
  }

  /** Median renders per second over one-second slices, after a warm-up slice. */
  private static double rate(double seconds, Step step) {
    int slices = Math.max(3, (int) Math.round(seconds));
    double[] rates = new double[slices];
    int i = 0;
    for (int s = -1; s < slices; s++) {
      long start = System.nanoTime();
      int n = 0;
      while (System.nanoTime() - start < 1_000_000_000L) {
        step.run(i++);
        n++;
      }
      if (s >= 0) {
        rates[s] = n / ((System.nanoTime() - start) / 1e9);
      }
    }
    Arrays.sort(rates);
    return rates[slices / 2];
  }

  private static void perPixel(Frame frame, ModalityLut lut, VoiLut window, int[] out) {
    int[] s = frame.samples();
    for (int p = 0; p < s.length; p++) {
      int grey = (int) Math.round(window.apply(lut.apply(s[p])) * 255.0);
      out[p] = 0xFF000000 | grey << 16 | grey << 8 | grey;
    }
  }
}
