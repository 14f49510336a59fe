package org.radassist.dicom.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.radassist.dicom.data.Attributes;

/**
 * The image's Display Shutter (PS3.3 C.7.6.11): the collimated part of a film that is not to be
 * read, shown in the Shutter Presentation Value (black when absent) instead of its pixels, which a
 * MONOCHROME1 film would otherwise show glaring white around the anatomy. Rectangular, circular and
 * polygonal shapes are honoured; with several, only what lies inside all of them shows. A bitmap
 * shutter (an overlay plane) and a shape whose attributes are missing are left out: the pixels they
 * would hide stay visible, never the other way round.
 */
public final class DisplayShutter {
  static final int SHUTTER_SHAPE = 0x00181600;
  static final int LEFT_VERTICAL_EDGE = 0x00181602;
  static final int RIGHT_VERTICAL_EDGE = 0x00181604;
  static final int UPPER_HORIZONTAL_EDGE = 0x00181606;
  static final int LOWER_HORIZONTAL_EDGE = 0x00181608;
  static final int CENTER_OF_CIRCULAR_SHUTTER = 0x00181610;
  static final int RADIUS_OF_CIRCULAR_SHUTTER = 0x00181612;
  static final int VERTICES_OF_THE_POLYGONAL_SHUTTER = 0x00181620;
  static final int SHUTTER_PRESENTATION_VALUE = 0x00181622;

  /** A shape in 1-based pixel coordinates, as the attributes give them. */
  private interface Shape {
    boolean contains(double column, double row);
  }

  private final List<Shape> shapes;
  private final int grey;

  private DisplayShutter(List<Shape> shapes, int grey) {
    this.shapes = shapes;
    this.grey = grey;
  }

  /** The shutter {@code ds} describes, or empty when it has none that can be drawn. */
  public static Optional<DisplayShutter> of(Attributes ds) {
    List<Shape> shapes = new ArrayList<>();
    for (String kind : ds.strings(SHUTTER_SHAPE)) {
      switch (kind.trim().toUpperCase(Locale.ROOT)) {
        case "RECTANGULAR" -> rectangle(ds).ifPresent(shapes::add);
        case "CIRCULAR" -> circle(ds).ifPresent(shapes::add);
        case "POLYGONAL" -> polygon(ds).ifPresent(shapes::add);
        default -> {
          // BITMAP shutters live in overlay planes, which the viewer does not draw.
        }
      }
    }
    if (shapes.isEmpty()) {
      return Optional.empty();
    }
    int value = ds.intValue(SHUTTER_PRESENTATION_VALUE, 0);
    int p = Math.max(0, Math.min(0xFFFF, value));
    return Optional.of(
        new DisplayShutter(List.copyOf(shapes), (int) Math.round(p * 255.0 / 0xFFFF)));
  }

  /** The grey, 0 (black) to 255, that shuttered pixels are shown in. */
  public int presentationGrey() {
    return grey;
  }

  /** Whether pixel ({@code x}, {@code y}), 0-based column and row, is inside the shutter. */
  public boolean shows(int x, int y) {
    double column = x + 1;
    double row = y + 1;
    for (Shape s : shapes) {
      if (!s.contains(column, row)) {
        return false;
      }
    }
    return true;
  }

  /**
   * For each pixel of a {@code columns} x {@code rows} image, row-major, whether it shows. A
   * shutter that would leave nothing of the image shows all of it: no modality collimates a whole
   * film away, so such a shutter (edges outside the image, a zero radius) is a damaged one, and a
   * blank screen would hide the film with no word why.
   */
  public boolean[] visibleMask(int columns, int rows) {
    boolean[] mask = new boolean[columns * rows];
    boolean any = false;
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        boolean shown = shows(x, y);
        mask[y * columns + x] = shown;
        any |= shown;
      }
    }
    if (!any) {
      Arrays.fill(mask, true);
    }
    return mask;
  }

  private static Optional<Shape> rectangle(Attributes ds) {
    double[] left = ds.doubles(LEFT_VERTICAL_EDGE);
    double[] right = ds.doubles(RIGHT_VERTICAL_EDGE);
    double[] upper = ds.doubles(UPPER_HORIZONTAL_EDGE);
    double[] lower = ds.doubles(LOWER_HORIZONTAL_EDGE);
    if (left.length == 0 || right.length == 0 || upper.length == 0 || lower.length == 0) {
      return Optional.empty();
    }
    double l = left[0];
    double r = right[0];
    double u = upper[0];
    double b = lower[0];
    if (l > r || u > b) {
      return Optional.empty();
    }
    return Optional.of((column, row) -> column >= l && column <= r && row >= u && row <= b);
  }

  private static Optional<Shape> circle(Attributes ds) {
    double[] centre = ds.doubles(CENTER_OF_CIRCULAR_SHUTTER);
    double[] radius = ds.doubles(RADIUS_OF_CIRCULAR_SHUTTER);
    if (centre.length < 2 || radius.length == 0 || radius[0] <= 0) {
      return Optional.empty();
    }
    double cr = centre[0];
    double cc = centre[1];
    double r2 = radius[0] * radius[0];
    return Optional.of(
        (column, row) -> (column - cc) * (column - cc) + (row - cr) * (row - cr) <= r2);
  }

  /** Vertices as row\column pairs (PS3.3 C.7.6.11.1.3); a point on an edge is inside. */
  private static Optional<Shape> polygon(Attributes ds) {
    double[] v = ds.doubles(VERTICES_OF_THE_POLYGONAL_SHUTTER);
    int n = v.length / 2;
    if (n < 3) {
      return Optional.empty();
    }
    double[] rows = new double[n];
    double[] columns = new double[n];
    for (int k = 0; k < n; k++) {
      rows[k] = v[2 * k];
      columns[k] = v[2 * k + 1];
    }
    return Optional.of((column, row) -> inside(columns, rows, column, row));
  }

  private static boolean inside(double[] xs, double[] ys, double x, double y) {
    boolean in = false;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      if (onSegment(xs[i], ys[i], xs[j], ys[j], x, y)) {
        return true;
      }
      if ((ys[i] > y) != (ys[j] > y)
          && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
        in = !in;
      }
    }
    return in;
  }

  private static boolean onSegment(double x0, double y0, double x1, double y1, double x, double y) {
    double cross = (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0);
    if (Math.abs(cross) > 1e-9) {
      return false;
    }
    return x >= Math.min(x0, x1)
        && x <= Math.max(x0, x1)
        && y >= Math.min(y0, y1)
        && y <= Math.max(y0, y1);
  }
}
