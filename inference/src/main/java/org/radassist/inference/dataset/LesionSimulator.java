package org.radassist.inference.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.radassist.dicom.pixel.Frame;
import org.radassist.inference.phantom.Lesion;

/**
 * Plants a soft-edged round nodule into a real frontal chest film at a place chosen where lung is
 * likely: inside the central part of the film and darker than the median there (aerated lung is the
 * darkest tissue on a chest radiograph). The lesion adds brightness in proportion to the headroom
 * above the local grey level, as extra attenuation would, so it is neither invisible on dark lung
 * nor clipped on bright tissue. Returns the new frame and where the lesion went.
 */
public final class LesionSimulator {
  private static final int BLOCKS = 32;

  /** A frame with its planted lesion. */
  public record Result(Frame frame, Lesion lesion) {}

  private LesionSimulator() {}

  public static Result plant(Frame frame, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int w = frame.columns();
    int h = frame.rows();
    double max = (1 << frame.bitsStored()) - 1;
    double[] blockMean = blockMeans(frame);
    List<int[]> candidates = new ArrayList<>();
    double[] central = new double[BLOCKS * BLOCKS];
    int n = 0;
    for (int by = 0; by < BLOCKS; by++) {
      for (int bx = 0; bx < BLOCKS; bx++) {
        if (inCentralChest(bx, by)) {
          central[n++] = blockMean[by * BLOCKS + bx];
        }
      }
    }
    double[] sorted = Arrays.copyOf(central, n);
    Arrays.sort(sorted);
    double darkLimit = sorted[n * 45 / 100];
    double airLimit = sorted[n * 3 / 100];
    for (int by = 0; by < BLOCKS; by++) {
      for (int bx = 0; bx < BLOCKS; bx++) {
        double m = blockMean[by * BLOCKS + bx];
        if (inCentralChest(bx, by) && m <= darkLimit && m > airLimit) {
          candidates.add(new int[] {bx, by});
        }
      }
    }
    int[] block = candidates.get(r.nextInt(candidates.size()));
    double cx = (block[0] + r.nextDouble()) * w / BLOCKS;
    double cy = (block[1] + r.nextDouble()) * h / BLOCKS;
    double radius = Math.min(w, h) * (0.025 + 0.035 * r.nextDouble());
    double strength = 0.22 + 0.2 * r.nextDouble();
    int[] src = frame.samples();
    int[] out = src.clone();
    double edge = Math.max(1.0, 0.18 * radius);
    int x0 = (int) Math.max(0, cx - 3 * radius);
    int x1 = (int) Math.min(w - 1, cx + 3 * radius);
    int y0 = (int) Math.max(0, cy - 3 * radius);
    int y1 = (int) Math.min(h - 1, cy + 3 * radius);
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        double d = Math.sqrt(dx * dx + dy * dy);
        double profile = 1.0 / (1.0 + Math.exp((d - radius) / edge));
        double q = d / (1.25 * radius);
        double dome = Math.sqrt(Math.max(0, 1 - q * q));
        int i = y * w + x;
        double headroom = max - src[i];
        double v = src[i] + strength * headroom * profile * (0.55 + 0.45 * dome);
        out[i] = (int) Math.round(Math.min(max, v));
      }
    }
    Frame planted =
        new Frame(h, w, 1, frame.photometric(), frame.bitsStored(), frame.signed(), out);
    return new Result(planted, new Lesion(cx, cy, radius, strength * max));
  }

  private static boolean inCentralChest(int bx, int by) {
    double u = (bx + 0.5) / BLOCKS;
    double v = (by + 0.5) / BLOCKS;
    boolean lateral = Math.abs(u - 0.5) > 0.08 && Math.abs(u - 0.5) < 0.36;
    return lateral && v > 0.18 && v < 0.75;
  }

  private static double[] blockMeans(Frame f) {
    int w = f.columns();
    int h = f.rows();
    double[] sum = new double[BLOCKS * BLOCKS];
    int[] count = new int[BLOCKS * BLOCKS];
    int[] px = f.samples();
    for (int y = 0; y < h; y++) {
      int by = y * BLOCKS / h;
      for (int x = 0; x < w; x++) {
        int b = by * BLOCKS + x * BLOCKS / w;
        sum[b] += px[y * w + x];
        count[b]++;
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] = count[i] == 0 ? 0 : sum[i] / count[i];
    }
    return sum;
  }
}
