package org.radassist.app.workstation;

import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.radassist.app.i18n.Messages;

/**
 * Length and angle measurements drawn in image pixel coordinates. Lengths are in millimetres when
 * the image has a pixel spacing and are labelled as uncalibrated pixels when it has none, so a
 * reader never mistakes pixels for millimetres.
 */
public final class MeasurementLayer extends Group {
  /** What a left-drag or click does in the viewport. */
  public enum Tool {
    NONE,
    LENGTH,
    ANGLE,
    /** The reader's own finding: a rectangle, kept in the reading record. */
    MARK
  }

  private final DoubleProperty zoom;
  private double[] spacing;
  private Point2D start;
  private Line draftLine;
  private Text draftText;
  private final Point2D[] anglePoints = new Point2D[3];
  private int angleClicks;
  private Polyline angleLine;

  MeasurementLayer(DoubleProperty zoom) {
    this.zoom = zoom;
    setId("measurements");
    setMouseTransparent(true);
  }

  /** Pixel spacing (row, column) in mm, or empty for an uncalibrated image. */
  void setPixelSpacing(Optional<double[]> rowColumnMm) {
    spacing = rowColumnMm.orElse(null);
  }

  void clear() {
    getChildren().clear();
    angleClicks = 0;
  }

  /** Length in mm, or in pixels when uncalibrated, between two image points. */
  public String lengthText(Point2D a, Point2D b) {
    double dx = b.getX() - a.getX();
    double dy = b.getY() - a.getY();
    if (spacing == null) {
      return Messages.format("measure.lengthPx", Math.hypot(dx, dy));
    }
    return Messages.format("measure.lengthMm", Math.hypot(dx * spacing[1], dy * spacing[0]));
  }

  void beginLength(Point2D p) {
    start = p;
    draftLine = line(p, p);
    draftText = text(p);
    getChildren().addAll(draftLine, draftText);
  }

  void dragLength(Point2D p) {
    if (draftLine == null) {
      return;
    }
    draftLine.setEndX(p.getX());
    draftLine.setEndY(p.getY());
    draftText.setX(p.getX() + 6 / zoom.get());
    draftText.setY(p.getY());
    draftText.setText(lengthText(start, p));
  }

  void endLength() {
    draftLine = null;
    draftText = null;
  }

  private Rectangle draftMark;
  private Point2D markStart;

  void beginMark(Point2D p) {
    markStart = p;
    draftMark = new Rectangle(p.getX(), p.getY(), 0, 0);
    draftMark.getStyleClass().add("reader-mark");
    draftMark.strokeWidthProperty().bind(zoom.map(z -> 1.5 / z.doubleValue()));
    getChildren().add(draftMark);
  }

  void dragMark(Point2D p) {
    if (draftMark == null) {
      return;
    }
    draftMark.setX(Math.min(markStart.getX(), p.getX()));
    draftMark.setY(Math.min(markStart.getY(), p.getY()));
    draftMark.setWidth(Math.abs(p.getX() - markStart.getX()));
    draftMark.setHeight(Math.abs(p.getY() - markStart.getY()));
  }

  /** Ends a mark drag; the rectangle in image pixels, or null when it is too small to mean one. */
  Rectangle2D endMark() {
    Rectangle r = draftMark;
    draftMark = null;
    if (r == null || r.getWidth() < 2 || r.getHeight() < 2) {
      if (r != null) {
        getChildren().remove(r);
      }
      return null;
    }
    return new Rectangle2D(r.getX(), r.getY(), r.getWidth(), r.getHeight());
  }

  /** Angle tool: first click, vertex, last click; the angle at the vertex is shown. */
  void angleClick(Point2D p) {
    if (angleClicks == 0) {
      angleLine = new Polyline();
      angleLine.getStyleClass().add("measurement");
      angleLine.strokeWidthProperty().bind(zoom.map(z -> 1.5 / z.doubleValue()));
      getChildren().add(angleLine);
    }
    anglePoints[angleClicks++] = p;
    angleLine.getPoints().addAll(p.getX(), p.getY());
    if (angleClicks == 3) {
      Text t = text(anglePoints[1]);
      t.setText(Messages.format("measure.angle", angleDegrees(anglePoints)));
      getChildren().add(t);
      angleClicks = 0;
    }
  }

  /** The angle at {@code p[1]} between the rays to {@code p[0]} and {@code p[2]}, in mm space. */
  double angleDegrees(Point2D[] p) {
    double sx = spacing == null ? 1 : spacing[1];
    double sy = spacing == null ? 1 : spacing[0];
    double ax = (p[0].getX() - p[1].getX()) * sx;
    double ay = (p[0].getY() - p[1].getY()) * sy;
    double bx = (p[2].getX() - p[1].getX()) * sx;
    double by = (p[2].getY() - p[1].getY()) * sy;
    double cos = (ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by));
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
  }

  private Line line(Point2D a, Point2D b) {
    Line l = new Line(a.getX(), a.getY(), b.getX(), b.getY());
    l.getStyleClass().add("measurement");
    l.strokeWidthProperty().bind(zoom.map(z -> 1.5 / z.doubleValue()));
    return l;
  }

  private Text text(Point2D at) {
    Text t = new Text(at.getX() + 6 / zoom.get(), at.getY(), "");
    t.getStyleClass().add("measurement-text");
    t.fontProperty().bind(zoom.map(z -> Font.font(12 / z.doubleValue())));
    return t;
  }
}
