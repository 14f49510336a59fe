package org.radassist.inference.analysis;

import org.radassist.inference.model.LabelKind;

/**
 * One suspicious region: a connected region of a label's heatmap at or above the label's threshold
 * (regions less than one heatmap cell apart count as one). Coordinates are image pixels, x = column
 * and y = row from the top-left; {@code score} is the heatmap's value at the peak.
 */
public record Finding(String label, LabelKind kind, double score, Box box, Point peak) {

  /** An axis-aligned box; pixels {@code x .. x+width-1} and {@code y .. y+height-1} are inside. */
  public record Box(int x, int y, int width, int height) {
    public boolean contains(double px, double py) {
      return px >= x && px < x + width && py >= y && py < y + height;
    }
  }

  /** A pixel position. */
  public record Point(int x, int y) {}
}
