package org.radassist.inference.dataset;

import org.radassist.inference.analysis.Finding;

/**
 * Where a simulator put a lesion, in image pixels: a capsule, the set of points within {@code
 * radius} of the segment from {@code (x0, y0)} to {@code (x1, y1)}. A nodule or mass is a capsule
 * of zero length (a disc); a fracture line is the segment of the break grown by its half-width and
 * displacement. One shape serves both for scoring localisation and for the training map targets.
 */
public record PlantedLesion(
    String kind, double x0, double y0, double x1, double y1, double radius) {

  public static PlantedLesion round(String kind, double cx, double cy, double radius) {
    return new PlantedLesion(kind, cx, cy, cx, cy, radius);
  }

  public double centerX() {
    return (x0 + x1) / 2;
  }

  public double centerY() {
    return (y0 + y1) / 2;
  }

  /** Distance from a point to the lesion, 0 inside it. */
  public double distance(double x, double y) {
    double dx = x1 - x0;
    double dy = y1 - y0;
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : ((x - x0) * dx + (y - y0) * dy) / len2;
    t = Math.max(0, Math.min(1, t));
    double px = x0 + t * dx - x;
    double py = y0 + t * dy - y;
    return Math.max(0, Math.sqrt(px * px + py * py) - radius);
  }

  public PlantedLesion scaled(double factor) {
    return new PlantedLesion(
        kind, x0 * factor, y0 * factor, x1 * factor, y1 * factor, radius * factor);
  }

  /** The lesion's bounding box (inclusive pixel range as a finding box), the truth for box IoU. */
  public Finding.Box box() {
    int minX = (int) Math.floor(Math.min(x0, x1) - radius);
    int minY = (int) Math.floor(Math.min(y0, y1) - radius);
    int maxX = (int) Math.ceil(Math.max(x0, x1) + radius);
    int maxY = (int) Math.ceil(Math.max(y0, y1) + radius);
    return new Finding.Box(minX, minY, maxX - minX, maxY - minY);
  }

  /** Intersection over union of the lesion's box with a finding's box. */
  public double iou(Finding.Box b) {
    Finding.Box a = box();
    double ix =
        Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
    double iy =
        Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
    double inter = ix * iy;
    double union = (double) a.width() * a.height() + (double) b.width() * b.height() - inter;
    return union <= 0 ? 0 : inter / union;
  }
}
