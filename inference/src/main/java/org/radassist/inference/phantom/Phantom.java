package org.radassist.inference.phantom;

import java.util.Optional;
import java.util.SplittableRandom;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;

/**
 * Renders a frontal chest-like radiograph from a seed: body outline, two lung fields with diaphragm
 * domes, mediastinum and heart, spine, posterior ribs and clavicles, lung markings, exposure
 * gradient and quantum noise, on 12-bit stored values where brighter means more attenuation
 * (MONOCHROME2). Everything is drawn in coordinates relative to the image size so one seed gives
 * the same anatomy at any resolution. The same seed always gives the same pixels.
 */
public final class Phantom {
  public static final int BITS_STORED = 12;
  private static final int MAX_VALUE = (1 << BITS_STORED) - 1;

  private final int width;
  private final int height;

  public Phantom(int width, int height) {
    if (width < 64 || height < 64) {
      throw new IllegalArgumentException("a phantom needs at least 64x64 pixels");
    }
    this.width = width;
    this.height = height;
  }

  /** A phantom without a lesion. */
  public PhantomImage render(long seed) {
    return render(seed, false);
  }

  /**
   * A phantom; with {@code withLesion} a soft-edged round nodule or mass (radius 2.5-7 % of the
   * image width) is planted at a random place well inside one lung field. The anatomy, texture and
   * noise depend on the seed only, so the same seed with and without a lesion differ by the lesion
   * alone.
   */
  public PhantomImage render(long seed, boolean withLesion) {
    Streams r = new Streams(seed);
    Anatomy a = new Anatomy(r.anatomy);
    Optional<Lesion> lesion = withLesion ? Optional.of(placeLesion(a, r.lesion)) : Optional.empty();
    return draw(a, lesion, r);
  }

  /** A phantom with the given lesion (image pixels, contrast in stored-value units). */
  public PhantomImage render(long seed, Lesion lesion) {
    Streams r = new Streams(seed);
    return draw(new Anatomy(r.anatomy), Optional.of(lesion), r);
  }

  /** Independent random streams, so drawing a lesion does not shift the anatomy or the noise. */
  private static final class Streams {
    final SplittableRandom anatomy;
    final SplittableRandom lesion;
    final SplittableRandom texture;
    final SplittableRandom noise;

    Streams(long seed) {
      SplittableRandom root = new SplittableRandom(seed);
      anatomy = root.split();
      lesion = root.split();
      texture = root.split();
      noise = root.split();
    }
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  private Lesion placeLesion(Anatomy a, SplittableRandom rnd) {
    double radius = width * (0.025 + 0.045 * rnd.nextDouble());
    for (int attempt = 0; attempt < 1000; attempt++) {
      double x = width * (0.15 + 0.7 * rnd.nextDouble());
      double y = height * (0.2 + 0.6 * rnd.nextDouble());
      if (a.lung(x / width, y / height) > 0.95
          && a.lung((x - radius) / width, y / height) > 0.5
          && a.lung((x + radius) / width, y / height) > 0.5
          && a.lung(x / width, (y - radius) / height) > 0.5
          && a.lung(x / width, (y + radius) / height) > 0.5) {
        return new Lesion(x, y, radius, lesionContrast(rnd, radius));
      }
    }
    throw new IllegalStateException("no room for a lesion in the lung fields");
  }

  private double lesionContrast(SplittableRandom rnd, double radius) {
    // Small nodules are denser per pixel than large masses are faint, like on real films.
    double relative = radius / width;
    return (550 + 300 * rnd.nextDouble()) * (1.0 + 0.5 * (0.05 - relative) / 0.05);
  }

  private PhantomImage draw(Anatomy a, Optional<Lesion> lesion, Streams r) {
    ValueNoise markings = new ValueNoise(r.texture, 24, 24);
    ValueNoise fine = new ValueNoise(r.texture, 64, 64);
    ValueNoise mottle = new ValueNoise(r.texture, 6, 6);
    double noiseSigma = 14 + 10 * r.texture.nextDouble();
    int[] samples = new int[width * height];
    SplittableRandom noise = r.noise;
    double[][] ribColumns = new double[width][];
    for (int x = 0; x < width; x++) {
      ribColumns[x] = a.ribColumn((x + 0.5) / width);
    }
    for (int y = 0; y < height; y++) {
      double v = (y + 0.5) / height;
      for (int x = 0; x < width; x++) {
        double u = (x + 0.5) / width;
        double lung = a.lung(u, v);
        double body = a.body(u, v);
        double value = a.attenuation(u, v, ribColumns[x], body, lung);
        if (lung > 0) {
          double hilum = Math.max(0, 1 - a.hilumDistance(u, v) / 0.35);
          value += lung * (markings.at(u, v) - 0.5) * 2 * (50 + 150 * hilum);
          value += lung * (fine.at(u, v) - 0.5) * 70;
        }
        value += (mottle.at(u, v) - 0.5) * 60 * body;
        if (lesion.isPresent()) {
          value += lesionAttenuation(lesion.get(), x + 0.5, y + 0.5);
        }
        value *= a.exposure(u, v);
        value += noise.nextGaussian() * noiseSigma * Math.sqrt(Math.max(value, 1) / 1500.0);
        samples[y * width + x] = (int) Math.max(0, Math.min(MAX_VALUE, Math.round(value)));
      }
    }
    Frame frame = new Frame(height, width, 1, Photometric.MONOCHROME2, BITS_STORED, false, samples);
    return new PhantomImage(frame, lesion, VoiLut.linear(a.windowCenter(), a.windowWidth()));
  }

  /** A soft-edged disc, slightly domed like a sphere seen in projection. */
  private static double lesionAttenuation(Lesion l, double x, double y) {
    double d = length(x - l.centerX(), y - l.centerY());
    if (d > 3 * l.radius()) {
      return 0;
    }
    double edge = Math.max(1.0, 0.18 * l.radius());
    double profile = 1.0 / (1.0 + Math.exp((d - l.radius()) / edge));
    double q = d / (1.25 * l.radius());
    double dome = Math.sqrt(Math.max(0, 1 - q * q));
    return l.contrast() * profile * (0.55 + 0.45 * dome);
  }

  // Math.hypot guards against overflow that cannot happen here and costs several times more.
  private static double length(double dx, double dy) {
    return Math.sqrt(dx * dx + dy * dy);
  }

  private static double smoothstep(double e0, double e1, double x) {
    double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
    return t * t * (3 - 2 * t);
  }

  /** The randomised anatomy of one patient, in coordinates relative to the image (0..1). */
  private static final class Anatomy {
    final double bodyCx;
    final double bodyRx;
    final double bodyRy;
    final double lungTop;
    final double lungBottomR;
    final double lungBottomL;
    final double lungRxR;
    final double lungRxL;
    final double lungCxR;
    final double lungCxL;
    final double heartCx;
    final double heartCy;
    final double heartRx;
    final double heartRy;
    final double mediastinumHalf;
    final double softTissue;
    final double lungDensity;
    final double boneGain;
    final double ribTop;
    final double ribSpacing;
    final double ribSlope;
    final double ribThickness;
    final int ribCount;
    final double heel;

    Anatomy(SplittableRandom r) {
      bodyCx = 0.5 + 0.02 * (r.nextDouble() - 0.5);
      bodyRx = 0.44 + 0.04 * r.nextDouble();
      bodyRy = 0.62 + 0.06 * r.nextDouble();
      lungTop = 0.10 + 0.04 * r.nextDouble();
      lungBottomR = 0.74 + 0.06 * r.nextDouble();
      lungBottomL = lungBottomR + 0.02 + 0.03 * r.nextDouble();
      lungRxR = 0.15 + 0.03 * r.nextDouble();
      lungRxL = 0.15 + 0.03 * r.nextDouble();
      lungCxR = bodyCx - 0.19 - 0.03 * r.nextDouble();
      lungCxL = bodyCx + 0.19 + 0.03 * r.nextDouble();
      heartCx = bodyCx + 0.05 + 0.03 * r.nextDouble();
      heartCy = lungBottomL - 0.12 - 0.03 * r.nextDouble();
      heartRx = 0.13 + 0.04 * r.nextDouble();
      heartRy = 0.11 + 0.03 * r.nextDouble();
      mediastinumHalf = 0.055 + 0.02 * r.nextDouble();
      softTissue = 2100 + 300 * r.nextDouble();
      lungDensity = 0.52 + 0.1 * r.nextDouble();
      boneGain = 0.8 + 0.4 * r.nextDouble();
      ribTop = lungTop + 0.02;
      ribCount = 9 + r.nextInt(2);
      ribSpacing = (lungBottomR - ribTop) / (ribCount + 0.5) * (0.95 + 0.1 * r.nextDouble());
      ribSlope = 0.9 + 0.5 * r.nextDouble();
      ribThickness = 0.016 + 0.006 * r.nextDouble();
      heel = 0.08 * (r.nextDouble() - 0.5);
    }

    /** Inside the patient: a neck widening into shoulders, then the chest wall. */
    double body(double u, double v) {
      double shoulders = smoothstep(0.02, 0.16, v);
      double halfWidth = 0.11 + (bodyRx - 0.11) * shoulders - 0.03 * Math.max(0, v - 0.6);
      double side = 1 - smoothstep(halfWidth - 0.025, halfWidth, Math.abs(u - bodyCx));
      return side;
    }

    /** Lung field membership in [0, 1], zero under the heart and below the diaphragm. */
    double lung(double u, double v) {
      double right = lungLobe(u, v, lungCxR, lungRxR, lungBottomR);
      double left = lungLobe(u, v, lungCxL, lungRxL, lungBottomL);
      double lung = Math.max(right, left);
      double hx = (u - heartCx) / heartRx;
      double hy = (v - heartCy) / heartRy;
      double heart = 1 - smoothstep(0.85, 1.05, length(hx, hy));
      double mediastinum =
          1 - smoothstep(mediastinumHalf, mediastinumHalf + 0.02, Math.abs(u - bodyCx));
      return lung * (1 - heart) * (1 - mediastinum);
    }

    private double lungLobe(double u, double v, double cx, double rx, double bottom) {
      double top = lungTop;
      if (v < top - 0.02 || v > bottom + 0.02) {
        return 0;
      }
      double t = (v - top) / (bottom - top);
      // Lungs are narrow at the apex, widest low down, and the costophrenic angle is sharp.
      double halfWidth =
          rx * (0.3 + 0.7 * Math.sin(Math.PI / 2 * Math.max(0, Math.min(1, t * 1.5))));
      double dx = (u - cx) / halfWidth;
      double dome = bottom - 0.06 * (1 - dx * dx);
      double apex = top + 0.05 * dx * dx;
      double inside =
          (1 - smoothstep(0.85, 1.05, Math.abs(dx)))
              * smoothstep(apex - 0.01, apex + 0.015, v)
              * (1 - smoothstep(dome - 0.015, dome + 0.005, v));
      return Math.max(0, inside);
    }

    double hilumDistance(double u, double v) {
      double hv = lungTop + 0.35 * (lungBottomR - lungTop);
      return Math.min(length(u - (bodyCx - 0.09), v - hv), length(u - (bodyCx + 0.09), v - hv));
    }

    double attenuation(double u, double v, double[] ribColumn, double body, double lung) {
      double value = 180 + body * softTissue * (0.9 + 0.2 * v);
      value -= lung * softTissue * lungDensity;
      value += spine(u, v) * 450 * boneGain * body;
      value += ribs(ribColumn, v) * 300 * boneGain * body;
      value += clavicles(u, v) * 380 * boneGain * body;
      return value;
    }

    private double spine(double u, double v) {
      double band = 1 - smoothstep(0.025, 0.04, Math.abs(u - bodyCx));
      double vertebrae = 0.8 + 0.2 * Math.cos(2 * Math.PI * v / 0.045);
      return band * vertebrae * smoothstep(0.0, 0.05, v);
    }

    /**
     * Rib geometry depends on the column only: per rib, the row of its posterior and anterior
     * centre lines and its thickness, so the per-pixel work is a few subtractions.
     */
    double[] ribColumn(double u) {
      double[] col = new double[ribCount * 3];
      double lateral = Math.abs(u - bodyCx);
      if (lateral < 0.02 || lateral > bodyRx * 0.95) {
        return null;
      }
      for (int k = 0; k < ribCount; k++) {
        // Posterior ribs leave the spine, arch up a little, then slope down laterally.
        double start = ribTop + k * ribSpacing;
        col[3 * k] =
            start
                - 0.03 * Math.sin(Math.PI * Math.min(lateral / 0.12, 1.0))
                + ribSlope * 0.9 * Math.pow(Math.max(0, lateral - 0.04), 1.5);
        // Anterior ribs are fainter and run down towards the sternum.
        col[3 * k + 1] = lateral > 0.08 ? start + 0.05 + 0.35 * (bodyRx * 0.9 - lateral) : -1;
        col[3 * k + 2] = ribThickness * (1 + 0.4 * lateral);
      }
      return col;
    }

    double ribs(double[] col, double v) {
      if (col == null) {
        return 0;
      }
      double sum = 0;
      for (int k = 0; k < ribCount; k++) {
        double thickness = col[3 * k + 2];
        double d = Math.abs(v - col[3 * k]);
        if (d < thickness * 1.5) {
          double bone = 1 - smoothstep(thickness * 0.6, thickness, d);
          double e = (d - thickness * 0.75) / (thickness * 0.15);
          sum += 0.7 * bone + 0.5 * Math.exp(-e * e);
        }
        if (col[3 * k + 1] >= 0) {
          double da = Math.abs(v - col[3 * k + 1]);
          if (da < thickness * 1.5) {
            sum += 0.3 * (1 - smoothstep(thickness * 0.5, thickness * 1.2, da));
          }
        }
      }
      return Math.min(sum, 1.6) * (1 - smoothstep(lungBottomR - 0.02, lungBottomR + 0.08, v));
    }

    private double clavicles(double u, double v) {
      double sum = 0;
      for (int side = -1; side <= 1; side += 2) {
        double lateral = side * (u - bodyCx);
        if (lateral < 0.03 || lateral > 0.3) {
          continue;
        }
        double curve = lungTop + 0.03 - 0.25 * (lateral - 0.03) + 0.8 * Math.pow(lateral - 0.12, 2);
        double d = Math.abs(v - curve);
        sum += 1 - smoothstep(0.008, 0.016, d);
      }
      return sum;
    }

    /** Heel effect and field falloff: the exposure is not uniform across a real detector. */
    double exposure(double u, double v) {
      double r = length(u - 0.5, v - 0.5);
      return (1 + heel * (v - 0.5)) * (1 + 0.08 * r * r);
    }

    double windowCenter() {
      return 180 + softTissue * (1 - 0.5 * lungDensity);
    }

    double windowWidth() {
      return softTissue * 1.3;
    }
  }

  /** Smooth random texture: a random grid interpolated with smoothstep weights. */
  private static final class ValueNoise {
    private final int gw;
    private final int gh;
    private final double[] grid;

    ValueNoise(SplittableRandom r, int gw, int gh) {
      this.gw = gw;
      this.gh = gh;
      this.grid = new double[(gw + 1) * (gh + 1)];
      for (int i = 0; i < grid.length; i++) {
        grid[i] = r.nextDouble();
      }
    }

    double at(double u, double v) {
      double gx = Math.max(0, Math.min(gw - 1e-9, u * gw));
      double gy = Math.max(0, Math.min(gh - 1e-9, v * gh));
      int ix = (int) gx;
      int iy = (int) gy;
      double fx = smoothstep(0, 1, gx - ix);
      double fy = smoothstep(0, 1, gy - iy);
      double a = grid[iy * (gw + 1) + ix];
      double b = grid[iy * (gw + 1) + ix + 1];
      double c = grid[(iy + 1) * (gw + 1) + ix];
      double d = grid[(iy + 1) * (gw + 1) + ix + 1];
      return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
    }
  }
}
