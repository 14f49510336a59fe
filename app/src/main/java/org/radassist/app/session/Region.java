package org.radassist.app.session;

/** A rectangle of image pixels: columns {@code x..x+width-1}, rows {@code y..y+height-1}. */
public record Region(int x, int y, int width, int height) {
  public Region {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("a region needs a positive width and height");
    }
  }

  /** True when the two regions share at least one pixel. */
  public boolean overlaps(Region o) {
    return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
  }
}
