package org.radassist.inference.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.radassist.dicom.pixel.Frame;

/**
 * Plants a nodule (8-30 mm) or a mass (30-55 mm) into a frontal chest film. Most go where aerated
 * lung is likely (the darker blocks of the lateral chest, so they often lie over ribs); one in five
 * goes on brighter tissue low and medial, partly behind the heart or the diaphragm, where real ones
 * are hidden. The opacity has a soft, slightly lobulated edge, a mottled interior and a contrast
 * drawn per lesion; it adds brightness in proportion to the headroom above the local grey level, as
 * extra attenuation would, so it fades on bright tissue instead of clipping.
 */
public final class NoduleSimulator {
  /** Width of a frontal chest film in millimetres, for sizing lesions when no spacing is known. */
  public static final double FILM_WIDTH_MM = 380;

  private static final int BLOCKS = 32;
  private static final int BUMPS = 7;

  private NoduleSimulator() {}

  public static PlantedFilm plant(Frame frame, SplittableRandom r) {
    int w = frame.columns();
    int h = frame.rows();
    double mmPerPixel = FILM_WIDTH_MM / w;
    boolean mass = r.nextDouble() < 0.25;
    double diameterMm = mass ? 30 + 25 * r.nextDouble() : 8 * Math.pow(30 / 8.0, r.nextDouble());
    double radius = diameterMm / 2 / mmPerPixel;
    double[] site = site(frame, r);
    double cx = site[0];
    double cy = site[1];
    double strength = (mass ? 0.18 : 0.22) + 0.22 * r.nextDouble();
    double edge = radius * (0.08 + 0.2 * r.nextDouble());
    double lobulation = 0.12 * r.nextDouble();
    int lobes = 3 + r.nextInt(3);
    double phase = 2 * Math.PI * r.nextDouble();
    double[][] bumps = new double[BUMPS][];
    for (int i = 0; i < BUMPS; i++) {
      double a = 2 * Math.PI * r.nextDouble();
      double d = radius * 0.7 * Math.sqrt(r.nextDouble());
      bumps[i] =
          new double[] {
            cx + d * Math.cos(a),
            cy + d * Math.sin(a),
            radius * (0.2 + 0.3 * r.nextDouble()),
            (r.nextDouble() - 0.5) * 0.5
          };
    }
    double max = (1 << frame.bitsStored()) - 1;
    int[] src = frame.samples();
    int[] out = src.clone();
    double reach = radius * (1 + lobulation) + 4 * edge + 1;
    int x0 = (int) Math.max(0, cx - reach);
    int x1 = (int) Math.min(w - 1, cx + reach);
    int y0 = (int) Math.max(0, cy - reach);
    int y1 = (int) Math.min(h - 1, cy + reach);
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        double d = Math.sqrt(dx * dx + dy * dy);
        double rim = radius * (1 + lobulation * Math.sin(lobes * Math.atan2(dy, dx) + phase));
        double profile = 1.0 / (1.0 + Math.exp((d - rim) / Math.max(0.5, edge)));
        if (profile < 1e-3) {
          continue;
        }
        double q = d / (1.2 * radius);
        double dome = Math.sqrt(Math.max(0, 1 - q * q));
        double texture = 1;
        for (double[] b : bumps) {
          double bx = x + 0.5 - b[0];
          double by = y + 0.5 - b[1];
          texture += b[3] * Math.exp(-(bx * bx + by * by) / (2 * b[2] * b[2]));
        }
        int i = y * w + x;
        double v = src[i] + strength * (max - src[i]) * profile * (0.6 + 0.4 * dome) * texture;
        out[i] = (int) Math.round(Math.max(0, Math.min(max, v)));
      }
    }
    Frame planted =
        new Frame(h, w, 1, frame.photometric(), frame.bitsStored(), frame.signed(), out);
    return new PlantedFilm(
        planted,
        PlantedLesion.round(mass ? "mass" : "nodule", cx, cy, radius),
        Map.of(
            "diameterMm",
            diameterMm,
            "strength",
            strength,
            "edgeShare",
            edge / radius,
            "mass",
            mass ? 1.0 : 0.0));
  }

  /**
   * A place where this simulator would put a lesion, in image pixels. Training also centres clean
   * crops here, so the model cannot tell a planted film from a clean one by where the crop lies
   * (lung rather than shoulder or abdomen), only by the lesion.
   */
  public static double[] site(Frame frame, SplittableRandom r) {
    int[] block = place(frame, r);
    return new double[] {
      (block[0] + r.nextDouble()) * frame.columns() / BLOCKS,
      (block[1] + r.nextDouble()) * frame.rows() / BLOCKS
    };
  }

  /** A block of a 32x32 grid over the film: lung most of the time, else low medial tissue. */
  private static int[] place(Frame frame, SplittableRandom r) {
    double[] blockMean = blockMeans(frame);
    double[] central = new double[BLOCKS * BLOCKS];
    int n = 0;
    for (int by = 0; by < BLOCKS; by++) {
      for (int bx = 0; bx < BLOCKS; bx++) {
        if (inChest(bx, by)) {
          central[n++] = blockMean[by * BLOCKS + bx];
        }
      }
    }
    double[] sorted = Arrays.copyOf(central, n);
    Arrays.sort(sorted);
    boolean hidden = r.nextDouble() < 0.2;
    double low = hidden ? sorted[n * 45 / 100] : sorted[n * 3 / 100];
    double high = hidden ? sorted[n * 80 / 100] : sorted[n * 45 / 100];
    List<int[]> candidates = new ArrayList<>();
    for (int by = 0; by < BLOCKS; by++) {
      for (int bx = 0; bx < BLOCKS; bx++) {
        double m = blockMean[by * BLOCKS + bx];
        boolean region = hidden ? lowMedial(bx, by) : inChest(bx, by);
        if (region && m > low && m <= high) {
          candidates.add(new int[] {bx, by});
        }
      }
    }
    if (candidates.isEmpty()) {
      return new int[] {BLOCKS / 4, BLOCKS / 2};
    }
    return candidates.get(r.nextInt(candidates.size()));
  }

  private static boolean inChest(int bx, int by) {
    double u = (bx + 0.5) / BLOCKS;
    double v = (by + 0.5) / BLOCKS;
    return Math.abs(u - 0.5) > 0.08 && Math.abs(u - 0.5) < 0.36 && v > 0.15 && v < 0.75;
  }

  private static boolean lowMedial(int bx, int by) {
    double u = (bx + 0.5) / BLOCKS;
    double v = (by + 0.5) / BLOCKS;
    return Math.abs(u - 0.5) < 0.3 && v > 0.5 && v < 0.82;
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
