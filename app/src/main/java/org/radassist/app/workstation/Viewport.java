package org.radassist.app.workstation;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;
import org.radassist.app.render.GrayscaleRenderer;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.VoiLut;

/**
 * Shows one frame with window/level (right-drag), zoom (wheel), pan (left-drag) and fit, and hosts
 * layers drawn in image pixel coordinates (heatmap, finding boxes) that follow every zoom and pan.
 */
public final class Viewport extends StackPane {
  private static final double MIN_ZOOM = 0.05;
  private static final double MAX_ZOOM = 40;

  private final Pane stage = new Pane();
  private final Group content = new Group();
  private final ImageView imageView = new ImageView();
  private final Group overlays = new Group();
  private final Affine view = new Affine();
  private final Label topLeft = corner(Pos.TOP_LEFT);
  private final Label topRight = corner(Pos.TOP_RIGHT);
  private final Label bottomLeft = corner(Pos.BOTTOM_LEFT);
  private final Label bottomRight = corner(Pos.BOTTOM_RIGHT);
  private final ObjectProperty<VoiLut> window = new SimpleObjectProperty<>(this, "window");
  private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);

  private GrayscaleRenderer renderer;
  private VoiLut initialWindow;
  private WritableImage image;
  private int[] argb;
  private boolean inverted;
  private double dragX;
  private double dragY;

  public Viewport() {
    getStyleClass().add("viewport");
    setId("viewport");
    stage.getStyleClass().add("viewport-stage");
    imageView.setSmooth(true);
    imageView.setId("image");
    content.getChildren().addAll(imageView, overlays);
    content.getTransforms().add(view);
    stage.getChildren().add(content);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(stage.widthProperty());
    clip.heightProperty().bind(stage.heightProperty());
    stage.setClip(clip);
    stage.setMinSize(0, 0);
    getChildren().addAll(stage, topLeft, topRight, bottomLeft, bottomRight);
    window.addListener((obs, old, w) -> repaint());
    widthProperty().addListener((obs, old, w) -> fit());
    heightProperty().addListener((obs, old, h) -> fit());
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    addEventHandler(ScrollEvent.SCROLL, this::scrolled);
  }

  private static Label corner(Pos pos) {
    Label label = new Label();
    label.getStyleClass().add("corner-text");
    label.setMouseTransparent(true);
    StackPane.setAlignment(label, pos);
    return label;
  }

  /** Shows a frame with the file's first window, or the full range when the file gives none. */
  public void show(Frame frame, ModalityLut modalityLut, List<VoiLut> windows) {
    renderer = new GrayscaleRenderer(frame, modalityLut);
    image = new WritableImage(frame.columns(), frame.rows());
    argb = new int[frame.columns() * frame.rows()];
    imageView.setImage(image);
    initialWindow = windows.isEmpty() ? renderer.fullRangeWindow() : windows.get(0);
    resetWindow();
    fit();
  }

  /** Back to the window the image opened with (the file's first, else its full range). */
  public void resetWindow() {
    if (initialWindow == null) {
      return;
    }
    if (initialWindow.equals(window.get())) {
      repaint();
    } else {
      window.set(initialWindow);
    }
  }

  public boolean hasImage() {
    return renderer != null;
  }

  /** Layers drawn in image pixel coordinates above the image, e.g. heatmap and boxes. */
  public Group overlays() {
    return overlays;
  }

  public ObjectProperty<VoiLut> windowProperty() {
    return window;
  }

  public DoubleProperty zoomProperty() {
    return zoom;
  }

  public Frame frame() {
    return renderer == null ? null : renderer.frame();
  }

  public void setInverted(boolean inverted) {
    this.inverted = inverted;
    repaint();
  }

  public boolean isInverted() {
    return inverted;
  }

  public void setCornerText(String topLeftText, String topRightText) {
    topLeft.setText(topLeftText);
    topRight.setText(topRightText);
  }

  private void repaint() {
    if (renderer == null || window.get() == null) {
      return;
    }
    renderer.renderInto(window.get(), inverted, argb);
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), argb, 0, w);
    updateCornerStatus();
  }

  private void updateCornerStatus() {
    VoiLut w = window.get();
    bottomLeft.setText(
        w == null
            ? ""
            : String.format(
                Locale.ROOT, "W %.0f  L %.0f%s", w.width(), w.center(), invertedMark()));
    bottomRight.setText(String.format(Locale.ROOT, "Zoom %.0f%%", zoom.get() * 100));
  }

  private String invertedMark() {
    return inverted ? "  inverted" : "";
  }

  /** Scales the image to fill the viewport, centred, keeping its aspect ratio. */
  public void fit() {
    if (image == null || getWidth() <= 0 || getHeight() <= 0) {
      return;
    }
    double scale = Math.min(getWidth() / image.getWidth(), getHeight() / image.getHeight());
    setView(
        scale,
        (getWidth() - image.getWidth() * scale) / 2,
        (getHeight() - image.getHeight() * scale) / 2);
  }

  /** One image pixel per screen pixel, centred on what is in the middle now. */
  public void actualSize() {
    zoomAbout(1.0 / zoom.get(), getWidth() / 2, getHeight() / 2);
  }

  /** Centres and zooms on a region given in image pixels, e.g. a finding's box. */
  public void focusOn(double x, double y, double width, double height) {
    double margin = 3.0;
    double scale = Math.min(getWidth() / (width * margin), getHeight() / (height * margin));
    scale = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, scale));
    setView(
        scale,
        getWidth() / 2 - (x + width / 2) * scale,
        getHeight() / 2 - (y + height / 2) * scale);
  }

  /** Screen point (in this node) to image pixel coordinates. */
  public Point2D toImage(double sceneX, double sceneY) {
    Point2D local = stage.sceneToLocal(sceneX, sceneY);
    return new Point2D(
        (local.getX() - view.getTx()) / view.getMxx(),
        (local.getY() - view.getTy()) / view.getMyy());
  }

  /** Bounds of an image-space rectangle on screen, for tests and for hit checks. */
  public Bounds imageToScreen(double x, double y, double width, double height) {
    return content.localToScreen(new javafx.geometry.BoundingBox(x, y, width, height));
  }

  private void setView(double scale, double tx, double ty) {
    view.setToTransform(scale, 0, tx, 0, scale, ty);
    zoom.set(scale);
    updateCornerStatus();
  }

  private void zoomAbout(double factor, double px, double py) {
    double scale = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.get() * factor));
    double f = scale / zoom.get();
    setView(scale, px - (px - view.getTx()) * f, py - (py - view.getTy()) * f);
  }

  public void zoomBy(double factor) {
    zoomAbout(factor, getWidth() / 2, getHeight() / 2);
  }

  private void pressed(MouseEvent e) {
    dragX = e.getX();
    dragY = e.getY();
    requestFocus();
  }

  private void dragged(MouseEvent e) {
    double dx = e.getX() - dragX;
    double dy = e.getY() - dragY;
    dragX = e.getX();
    dragY = e.getY();
    if (e.getButton() == MouseButton.SECONDARY) {
      adjustWindow(dx, dy);
    } else if (e.getButton() == MouseButton.PRIMARY || e.getButton() == MouseButton.MIDDLE) {
      setView(zoom.get(), view.getTx() + dx, view.getTy() + dy);
    }
  }

  /**
   * Horizontal drag changes width, vertical drag changes level, scaled to the frame's range so a
   * drag across the viewport sweeps the whole dynamic range whatever the bit depth.
   */
  public void adjustWindow(double dx, double dy) {
    VoiLut w = window.get();
    if (w == null || renderer == null) {
      return;
    }
    double[] range = renderer.modalityRange();
    double perPixel = Math.max(range[1] - range[0], 1) / Math.max(getWidth(), 400);
    double width = Math.max(1, w.width() + dx * perPixel * 2);
    double center = w.center() - dy * perPixel;
    window.set(new VoiLut(center, width, VoiLut.Function.LINEAR, "manual"));
  }

  private void scrolled(ScrollEvent e) {
    if (e.getDeltaY() == 0) {
      return;
    }
    zoomAbout(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY());
    e.consume();
  }
}
