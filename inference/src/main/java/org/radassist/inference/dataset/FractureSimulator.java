package org.radassist.inference.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.radassist.dicom.pixel.Frame;

/**
 * Plants a fracture into a bone radiograph: a thin lucent line (1-3 px at the film's resolution)
 * that starts just outside a cortex and runs into the bone, at an angle within 45 degrees of the
 * cortex normal, either across the whole bone (it ends where the grey level falls back to soft
 * tissue) or part way. The cortex is found where the image is both bright and steep. Half of the
 * fractures are displaced: the bone on one side of the line shifts along it by a few pixels and
 * angulates slightly, fading out with distance so the rest of the film stays put. The line itself
 * pulls bone towards the local soft-tissue grey, with a slightly irregular course, as a real break
 * filled with blood and soft tissue does, and fades where its course leaves the bone. A break that
 * would darken its bone by less than 5 % of the film's grey span is drawn again elsewhere: a
 * radiologist could not see it, so it would only teach the model that intact bone is broken.
 */
public final class FractureSimulator {
  private static final int BLUR_RADIUS = 2;
  private static final int ATTEMPTS = 40;
  // A break whose core darkens the bone by less than this share of the film's grey span is not
  // seen on the film at all; it would teach the model that an intact bone is a fracture.
  private static final double MIN_DARKENING = 0.05;
  // A complete break crosses one bone; on a 1024 px film a forearm bone is some 40-120 px wide.
  private static final double MAX_LENGTH = 0.12;
  // Around a cortex the blur removes some 3-17 grey levels (RMS, 8-bit films, 7x7); around a
  // marker letter's edge 29-48. Judged on the film's grey span, so 16-bit films are alike.
  private static final double SHARP_EDGE = 0.12;
  private static final int EDGE_WINDOW = 3;

  /** What the simulator needs to know about a film's bone, worth computing once per film. */
  public record Survey(float[] blurred, List<int[]> cortex, double span) {}

  private FractureSimulator() {}

  public static Survey survey(Frame frame) {
    int[] px = frame.samples();
    float[] b = blur(px, frame.columns(), frame.rows());
    return new Survey(b, cortexPoints(px, b, frame.columns(), frame.rows()), span(b));
  }

  public static PlantedFilm plant(Frame frame, SplittableRandom r) {
    return plant(frame, survey(frame), r);
  }

  public static PlantedFilm plant(Frame frame, Survey survey, SplittableRandom r) {
    Break best = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Break b = attempt(frame, survey, r);
      if (b.darkening() >= MIN_DARKENING * survey.span()) {
        return b.film();
      }
      if (best == null || b.darkening() > best.darkening()) {
        best = b;
      }
    }
    return best.film();
  }

  /** One try at a break, and how much it darkens the bone along its core. */
  private record Break(PlantedFilm film, double darkening) {}

  private static Break attempt(Frame frame, Survey survey, SplittableRandom r) {
    int w = frame.columns();
    int h = frame.rows();
    float[] b = survey.blurred();
    List<int[]> cortex = survey.cortex();
    int[] c = cortex.get(r.nextInt(cortex.size()));
    double gx = at(b, w, h, c[0] + 1, c[1]) - at(b, w, h, c[0] - 1, c[1]);
    double gy = at(b, w, h, c[0], c[1] + 1) - at(b, w, h, c[0], c[1] - 1);
    double norm = Math.max(1e-6, Math.hypot(gx, gy));
    double angle = Math.atan2(gy / norm, gx / norm) + Math.toRadians(90 * (r.nextDouble() - 0.5));
    double dx = Math.cos(angle);
    double dy = Math.sin(angle);
    double sx = c[0] - 4 * dx;
    double sy = c[1] - 4 * dy;
    double soft = at(b, w, h, (int) Math.round(sx), (int) Math.round(sy));
    double cortical = at(b, w, h, (int) Math.round(c[0] + 3 * dx), (int) Math.round(c[1] + 3 * dy));
    double level = (soft + cortical) / 2;
    double maxLength = MAX_LENGTH * Math.min(w, h);
    double walked = 4;
    int outside = 0;
    while (walked < maxLength && outside < 4) {
      int x = (int) Math.round(sx + walked * dx);
      int y = (int) Math.round(sy + walked * dy);
      if (x < 1 || y < 1 || x >= w - 1 || y >= h - 1) {
        break;
      }
      outside = b[y * w + x] < level ? outside + 1 : 0;
      walked++;
    }
    boolean complete = r.nextDouble() < 0.7;
    double length = Math.max(10, complete ? walked : walked * (0.3 + 0.4 * r.nextDouble()));
    double ex = sx + length * dx;
    double ey = sy + length * dy;
    double width = 1 + 2 * r.nextDouble();
    double depth = 0.4 + 0.4 * r.nextDouble();
    boolean displaced = r.nextBoolean();
    double shift = displaced ? (1 + 3 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1) : 0;
    double tilt = displaced ? Math.toRadians(4 * (r.nextDouble() - 0.5) * 2) : 0;
    int[] out = frame.samples().clone();
    if (displaced) {
      displace(frame.samples(), out, w, h, sx, sy, ex, ey, shift, tilt, length);
    }
    double darkening =
        drawLine(out, b, w, h, new double[] {sx, sy, ex, ey}, width, depth, soft, level, r);
    Frame planted =
        new Frame(h, w, 1, frame.photometric(), frame.bitsStored(), frame.signed(), out);
    double radius = Math.max(2, width / 2 + 1 + Math.abs(shift) / 2);
    Map<String, Double> traits =
        Map.of(
            "lengthShare",
            length / Math.min(w, h),
            "widthPx",
            width * 1024.0 / Math.max(w, h),
            "depth",
            depth,
            "shiftPx",
            Math.abs(shift) * 1024.0 / Math.max(w, h),
            "complete",
            complete ? 1.0 : 0.0,
            "darkeningShare",
            darkening / survey.span(),
            "boneContrast",
            (cortical - soft) / survey.span());
    return new Break(
        new PlantedFilm(planted, new PlantedLesion("fracture", sx, sy, ex, ey, radius), traits),
        darkening);
  }

  /**
   * Where bright (bone) meets a steep edge: pixels in the upper 40 % of grey and the top 8 % of
   * gradient magnitude, away from the film's border (where labels and collimator edges are), and
   * not on a step edge: side markers, lead letters, splints and metal are as bright and as steep as
   * a cortex once blurred, but their edges are far sharper than anatomy's, and a break drawn into
   * them is no fracture.
   */
  static List<int[]> cortexPoints(int[] px, float[] b, int w, int h) {
    int mx = w / 12;
    int my = h / 12;
    int n = 0;
    float[] grey = new float[(w / 2) * (h / 2) + w + h];
    float[] grad = new float[grey.length];
    for (int y = my; y < h - my; y += 2) {
      for (int x = mx; x < w - mx; x += 2) {
        grey[n] = b[y * w + x];
        grad[n] = gradient(b, w, x, y);
        n++;
      }
    }
    float greyCut = percentile(grey, n, 0.6);
    float gradCut = percentile(grad, n, 0.92);
    double sharpest = SHARP_EDGE * span(b);
    List<int[]> points = new ArrayList<>();
    for (int y = my; y < h - my; y += 2) {
      for (int x = mx; x < w - mx; x += 2) {
        if (b[y * w + x] >= greyCut
            && gradient(b, w, x, y) >= gradCut
            && sharpness(px, b, w, x, y) < sharpest) {
          points.add(new int[] {x, y});
        }
      }
    }
    if (points.isEmpty()) {
      points.add(new int[] {w / 2, h / 2});
    }
    return points;
  }

  /** Root mean square of what the blur took away around a point: how sharp the edge there is. */
  private static double sharpness(int[] px, float[] b, int w, int x, int y) {
    double sum = 0;
    for (int yy = y - EDGE_WINDOW; yy <= y + EDGE_WINDOW; yy++) {
      for (int xx = x - EDGE_WINDOW; xx <= x + EDGE_WINDOW; xx++) {
        double d = px[yy * w + xx] - b[yy * w + xx];
        sum += d * d;
      }
    }
    return Math.sqrt(sum / ((2 * EDGE_WINDOW + 1) * (2 * EDGE_WINDOW + 1)));
  }

  /** The film's grey span (1st to 99th percentile), the scale a break's contrast is judged on. */
  private static double span(float[] b) {
    int n = (b.length + 3) / 4;
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = b[i * 4 < b.length ? i * 4 : b.length - 1];
    }
    return Math.max(1, percentile(s, n, 0.99) - percentile(s, n, 0.01));
  }

  private static void displace(
      int[] src,
      int[] out,
      int w,
      int h,
      double sx,
      double sy,
      double ex,
      double ey,
      double shift,
      double tilt,
      double length) {
    double dx = (ex - sx) / length;
    double dy = (ey - sy) / length;
    double mx = (sx + ex) / 2;
    double my = (sy + ey) / 2;
    double reach = 1.5 * length + 10;
    double cos = Math.cos(tilt);
    double sin = Math.sin(tilt);
    int x0 = (int) Math.max(0, mx - reach);
    int x1 = (int) Math.min(w - 1, mx + reach);
    int y0 = (int) Math.max(0, my - reach);
    int y1 = (int) Math.min(h - 1, my + reach);
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double px = x - mx;
        double py = y - my;
        // Only the fragment on one side of the line moves.
        if (dx * py - dy * px <= 0) {
          continue;
        }
        double fade = 1 - Math.hypot(px, py) / reach;
        if (fade <= 0) {
          continue;
        }
        fade = fade * fade * (3 - 2 * fade);
        double rx = cos * px - sin * py;
        double ry = sin * px + cos * py;
        double ux = fade * (rx - px + shift * dx);
        double uy = fade * (ry - py + shift * dy);
        out[y * w + x] = (int) Math.round(bilinear(src, w, h, x - ux, y - uy));
      }
    }
  }

  /**
   * Draws the lucent line and returns its mean darkening over the line's core. The line fades with
   * the bone under it, so where its course leaves the bone it leaves the soft tissue alone.
   */
  private static double drawLine(
      int[] out,
      float[] b,
      int w,
      int h,
      double[] segment,
      double width,
      double depth,
      double soft,
      double level,
      SplittableRandom r) {
    double sx = segment[0];
    double sy = segment[1];
    double ex = segment[2];
    double ey = segment[3];
    double length = Math.hypot(ex - sx, ey - sy);
    double dx = (ex - sx) / length;
    double dy = (ey - sy) / length;
    double f1 = 2 * Math.PI * (1 + 2 * r.nextDouble()) / length;
    double f2 = 2 * Math.PI * (3 + 4 * r.nextDouble()) / length;
    double p1 = 2 * Math.PI * r.nextDouble();
    double p2 = 2 * Math.PI * r.nextDouble();
    double a1 = 0.8 * r.nextDouble();
    double a2 = 0.5 * r.nextDouble();
    double reach = width / 2 + 3;
    int x0 = (int) Math.max(0, Math.min(sx, ex) - reach);
    int x1 = (int) Math.min(w - 1, Math.max(sx, ex) + reach);
    int y0 = (int) Math.max(0, Math.min(sy, ey) - reach);
    int y1 = (int) Math.min(h - 1, Math.max(sy, ey) + reach);
    double boneSpan = Math.max(1e-6, level - soft);
    double darkened = 0;
    int core = 0;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double px = x + 0.5 - sx;
        double py = y + 0.5 - sy;
        double along = px * dx + py * dy;
        if (along < 0 || along > length) {
          continue;
        }
        double jag = a1 * Math.sin(f1 * along + p1) + a2 * Math.sin(f2 * along + p2);
        double across = Math.abs(dx * py - dy * px - jag);
        double profile = Math.max(0, Math.min(1, width / 2 + 0.5 - across));
        // The break fades in and out at its ends instead of stopping square.
        double ends = Math.min(1, Math.min(along, length - along) / 3);
        int i = y * w + x;
        double bone = Math.max(0, Math.min(1, 2 * (b[i] - soft) / boneSpan - 1));
        double v = out[i];
        int before = out[i];
        if (v > soft) {
          out[i] = (int) Math.round(v - depth * (v - soft) * profile * ends * bone);
        }
        if (profile >= 0.5 && ends >= 1) {
          darkened += before - out[i];
          core++;
        }
      }
    }
    return core == 0 ? 0 : darkened / core;
  }

  private static double bilinear(int[] src, int w, int h, double x, double y) {
    double cx = Math.max(0, Math.min(w - 1.001, x));
    double cy = Math.max(0, Math.min(h - 1.001, y));
    int ix = (int) cx;
    int iy = (int) cy;
    double fx = cx - ix;
    double fy = cy - iy;
    double top = src[iy * w + ix] * (1 - fx) + src[iy * w + ix + 1] * fx;
    double bottom = src[(iy + 1) * w + ix] * (1 - fx) + src[(iy + 1) * w + ix + 1] * fx;
    return top * (1 - fy) + bottom * fy;
  }

  private static float gradient(float[] b, int w, int x, int y) {
    float gx = b[y * w + x + 1] - b[y * w + x - 1];
    float gy = b[(y + 1) * w + x] - b[(y - 1) * w + x];
    return (float) Math.hypot(gx, gy);
  }

  private static float percentile(float[] v, int n, double q) {
    float[] s = Arrays.copyOf(v, n);
    Arrays.sort(s);
    return s[(int) Math.min(n - 1, q * n)];
  }

  private static float at(float[] b, int w, int h, int x, int y) {
    return b[Math.max(0, Math.min(h - 1, y)) * w + Math.max(0, Math.min(w - 1, x))];
  }

  /** Two passes of a separable box blur, so edges are found on anatomy rather than on noise. */
  private static float[] blur(int[] px, int w, int h) {
    float[] a = new float[w * h];
    for (int i = 0; i < a.length; i++) {
      a[i] = px[i];
    }
    for (int pass = 0; pass < 2; pass++) {
      a = boxRows(a, w, h);
      a = transpose(boxRows(transpose(a, w, h), h, w), h, w);
    }
    return a;
  }

  private static float[] boxRows(float[] a, int w, int h) {
    float[] out = new float[a.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float sum = 0;
        int count = 0;
        for (int k = -BLUR_RADIUS; k <= BLUR_RADIUS; k++) {
          int xx = x + k;
          if (xx >= 0 && xx < w) {
            sum += a[y * w + xx];
            count++;
          }
        }
        out[y * w + x] = sum / count;
      }
    }
    return out;
  }

  private static float[] transpose(float[] a, int w, int h) {
    float[] out = new float[a.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out[x * h + y] = a[y * w + x];
      }
    }
    return out;
  }
}
