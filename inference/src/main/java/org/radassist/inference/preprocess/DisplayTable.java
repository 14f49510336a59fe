package org.radassist.inference.preprocess;

import java.util.Arrays;
import java.util.List;
import org.radassist.dicom.image.DisplayShutter;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;

/**
 * Stored value to display intensity in [0, 1] for one monochrome frame: modality LUT, the card's
 * windowing policy and MONOCHROME1 inversion folded into one function, and, when the frame's stored
 * values span at most {@link #MAX_TABLE} values (any radiograph up to 16 bits), into one lookup
 * table, so that a pixel costs one array read instead of two LUT evaluations and no full-size
 * intermediate image is ever made.
 */
final class DisplayTable {
  static final int MAX_TABLE = 1 << 22;
  private static final double LOW_PERCENTILE = 0.005;
  private static final double HIGH_PERCENTILE = 0.995;

  /**
   * Percentiles are ranked over at most about this many pixels, a regular lattice over the image:
   * the 0.5 % points of a 2k radiograph move by less than one grey level, and counting all of its
   * four million pixels would cost more than the whole resampling.
   */
  static final int PERCENTILE_SAMPLES = 1 << 18;

  private final ModalityLut lut;
  private final VoiLut voi;
  private final double lo;
  private final double hi;
  private final boolean invert;
  private final int first;
  private final float[] table;

  private DisplayTable(
      ModalityLut lut, VoiLut voi, double lo, double hi, boolean invert, int first, int last) {
    this.lut = lut;
    this.voi = voi;
    this.lo = lo;
    this.hi = hi;
    this.invert = invert;
    this.first = first;
    if ((long) last - first < MAX_TABLE) {
      float[] t = new float[last - first + 1];
      for (int i = 0; i < t.length; i++) {
        t[i] = display(first + i);
      }
      this.table = t;
    } else {
      this.table = null;
    }
  }

  /**
   * The table for {@code frame}; a window made from its pixels is made from those {@code shutter}
   * shows (null: all of them), as the viewer makes one: a collimated border is one extreme value
   * over a large share of the film, and a window spanning it leaves the anatomy a fraction of the
   * grey scale.
   */
  static DisplayTable of(
      Frame frame,
      ModalityLut lut,
      List<VoiLut> voiLuts,
      String windowing,
      boolean invertMonochrome1,
      DisplayShutter shutter) {
    int[] range = frame.storedRange();
    boolean invert = frame.photometric() == Photometric.MONOCHROME1 && invertMonochrome1;
    return switch (windowing) {
      case "dicom-voi" -> {
        VoiLut voi =
            voiLuts == null || voiLuts.isEmpty()
                ? minMaxWindow(shown(frame, shutter), range, lut)
                : voiLuts.get(0);
        yield new DisplayTable(lut, voi, 0, 0, invert, range[0], range[1]);
      }
      case "percentile" -> {
        double[] p = percentiles(lattice(frame, shutter), range, lut);
        yield new DisplayTable(lut, null, p[0], p[1], invert, range[0], range[1]);
      }
      case "none" -> {
        double[] p = nominalRange(frame, lut);
        yield new DisplayTable(lut, null, p[0], p[1], invert, range[0], range[1]);
      }
      default -> throw new IllegalArgumentException("unknown windowing " + windowing);
    };
  }

  /** Display intensity of one stored value. */
  float display(int stored) {
    if (table != null) {
      return table[stored - first];
    }
    double m = lut.apply(stored);
    double v;
    if (voi != null) {
      v = voi.apply(m);
    } else {
      double span = hi - lo;
      v = span > 0 ? Math.max(0, Math.min(1, (m - lo) / span)) : 0.0;
    }
    return (float) (invert ? 1 - v : v);
  }

  /** Display intensities of {@code count} consecutive samples starting at {@code from}. */
  void displayRow(int[] stored, int from, int count, float[] out) {
    if (table != null) {
      float[] t = table;
      int f = first;
      for (int i = 0; i < count; i++) {
        out[i] = t[stored[from + i] - f];
      }
    } else {
      for (int i = 0; i < count; i++) {
        out[i] = display(stored[from + i]);
      }
    }
  }

  /**
   * {@code dicom-voi} without a window in the file: min to max of the modality values present,
   * counted per distinct stored value so that a non-monotonic LUT table is spanned correctly.
   */
  private static VoiLut minMaxWindow(int[] stored, int[] range, ModalityLut lut) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    if ((long) range[1] - range[0] < MAX_TABLE) {
      boolean[] present = new boolean[range[1] - range[0] + 1];
      for (int v : stored) {
        present[v - range[0]] = true;
      }
      for (int i = 0; i < present.length; i++) {
        if (present[i]) {
          double m = lut.apply(range[0] + i);
          min = Math.min(min, m);
          max = Math.max(max, m);
        }
      }
    } else {
      for (int v : stored) {
        double m = lut.apply(v);
        min = Math.min(min, m);
        max = Math.max(max, m);
      }
    }
    return VoiLut.spanning(min, max);
  }

  /**
   * The 0.5 % and 99.5 % points of the modality values over a lattice of at most about {@link
   * #PERCENTILE_SAMPLES} pixels (every pixel of a small image). Counted per distinct stored value,
   * each put through the LUT once, so any LUT, even a non-monotonic table, is ranked correctly.
   */
  private static double[] percentiles(int[] sample, int[] range, ModalityLut lut) {
    long last = sample.length - 1L;
    long loRank = (long) Math.floor(LOW_PERCENTILE * last);
    long hiRank = (long) Math.ceil(HIGH_PERCENTILE * last);
    if ((long) range[1] - range[0] >= MAX_TABLE) {
      double[] sorted = new double[sample.length];
      for (int i = 0; i < sample.length; i++) {
        sorted[i] = lut.apply(sample[i]);
      }
      Arrays.sort(sorted);
      return new double[] {sorted[(int) loRank], sorted[(int) hiRank]};
    }
    int[] counts = new int[range[1] - range[0] + 1];
    for (int v : sample) {
      counts[v - range[0]]++;
    }
    int distinct = 0;
    for (int c : counts) {
      distinct += c > 0 ? 1 : 0;
    }
    double[] values = new double[distinct];
    int[] countOf = new int[distinct];
    Integer[] byValue = new Integer[distinct];
    int k = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        values[k] = lut.apply(range[0] + i);
        countOf[k] = counts[i];
        byValue[k] = k;
        k++;
      }
    }
    Arrays.sort(byValue, (a, b) -> Double.compare(values[a], values[b]));
    return new double[] {
      valueAtRank(byValue, values, countOf, loRank), valueAtRank(byValue, values, countOf, hiRank)
    };
  }

  private static double valueAtRank(Integer[] byValue, double[] values, int[] counts, long rank) {
    long seen = 0;
    for (int i : byValue) {
      seen += counts[i];
      if (rank < seen) {
        return values[i];
      }
    }
    return values[byValue[byValue.length - 1]];
  }

  /**
   * Stored values on a regular lattice (every pixel of a small frame, every s-th of a large) that
   * {@code shutter} shows; all of them when it shows none, as the viewer treats such a damaged
   * shutter.
   */
  private static int[] lattice(Frame frame, DisplayShutter shutter) {
    int w = frame.columns();
    int h = frame.rows();
    int[] s = frame.samples();
    int step = 1;
    while ((long) ((w + step - 1) / step) * ((h + step - 1) / step) > PERCENTILE_SAMPLES) {
      step++;
    }
    if (step == 1 && shutter == null) {
      return s;
    }
    int[] out = new int[((w + step - 1) / step) * ((h + step - 1) / step)];
    int[] all = shutter == null ? null : out.clone();
    int k = 0;
    int j = 0;
    for (int y = 0; y < h; y += step) {
      for (int x = 0; x < w; x += step) {
        int v = s[y * w + x];
        if (shutter == null || shutter.shows(x, y)) {
          out[k++] = v;
        }
        if (all != null) {
          all[j++] = v;
        }
      }
    }
    return k > 0 ? Arrays.copyOf(out, k) : all;
  }

  /** The stored values {@code shutter} shows (null: every one). */
  private static int[] shown(Frame frame, DisplayShutter shutter) {
    int[] s = frame.samples();
    if (shutter == null) {
      return s;
    }
    boolean[] visible = shutter.visibleMask(frame.columns(), frame.rows());
    int[] out = new int[s.length];
    int k = 0;
    for (int i = 0; i < s.length; i++) {
      if (visible[i]) {
        out[k++] = s[i];
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** {@code none}: the full range the stored bits can hold, through the modality LUT. */
  private static double[] nominalRange(Frame frame, ModalityLut lut) {
    int bits = frame.bitsStored();
    long lo = frame.signed() ? -(1L << (bits - 1)) : 0;
    long hi = frame.signed() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    double a = lut.apply((int) lo);
    double b = lut.apply((int) hi);
    return new double[] {Math.min(a, b), Math.max(a, b)};
  }
}
