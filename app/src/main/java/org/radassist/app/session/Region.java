package org.radassist.app.session;

/** A rectangle of image pixels: columns {@code x..x+width-1}, rows {@code y..y+height-1}. */
public record Region(int x, int y, int width, int height) {
  public Region {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("a region needs a positive width and height");
    }
  }

  /**
   * The part of this region inside an image of {@code columns × rows} pixels.
   *
   * @throws IllegalArgumentException when no pixel of it is in the image
   */
  public Region clippedTo(int columns, int rows) {
    long x0 = Math.max(x, 0L);
    long y0 = Math.max(y, 0L);
    long x1 = Math.min((long) x + width, columns);
    long y1 = Math.min((long) y + height, rows);
    if (x1 <= x0 || y1 <= y0) {
      throw new IllegalArgumentException(
          "region "
              + this.text()
              + " lies outside the image, which is "
              + columns
              + "x"
              + rows
              + " pixels (x 0.."
              + (columns - 1)
              + ", y 0.."
              + (rows - 1)
              + ")");
    }
    return new Region((int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0));
  }

  /** {@code X,Y,W,H}, as the command line takes it. */
  public String text() {
    return x + "," + y + "," + width + "," + height;
  }

  /** True when the two regions share at least one pixel. */
  public boolean overlaps(Region o) {
    return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
  }
}
