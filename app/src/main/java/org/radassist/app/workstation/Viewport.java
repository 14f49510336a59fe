package org.radassist.app.workstation;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
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
import javafx.scene.transform.Transform;
import org.radassist.app.i18n.Messages;
import org.radassist.app.render.FrameRenderer;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.VoiLut;

/**
 * Shows one frame with window/level (right-drag), zoom (wheel, or Ctrl+wheel on stacks), pan
 * (left-drag), fit, rotation and flip, and hosts layers drawn in image pixel coordinates (AI
 * overlay, measurements) that follow every zoom, pan and rotation.
 */
public final class Viewport extends StackPane {
  private static final double MIN_ZOOM = 0.05;
  private static final double MAX_ZOOM = 40;

  private final Pane stage = new Pane();
  private final Group content = new Group();
  private final ImageView imageView = new ImageView();
  private final Group overlays = new Group();
  private final Affine view = new Affine();
  private final Affine orientation = new Affine();
  private final MeasurementLayer measurements;
  private final Label topLeft = corner(Pos.TOP_LEFT);
  private final Label topRight = corner(Pos.TOP_RIGHT);
  private final Label bottomLeft = corner(Pos.BOTTOM_LEFT);
  private final Label bottomRight = corner(Pos.BOTTOM_RIGHT);
  private final ObjectProperty<VoiLut> window = new SimpleObjectProperty<>(this, "window");
  private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
  private final ObjectProperty<MeasurementLayer.Tool> tool =
      new SimpleObjectProperty<>(this, "tool", MeasurementLayer.Tool.NONE);

  private FrameRenderer renderer;
  private VoiLut initialWindow;
  private WritableImage image;
  private int[] argb;
  private boolean inverted;
  private int quarterTurns;
  private boolean flipped;
  private String frameText = "";
  private IntConsumer onFrameStep = step -> {};
  private Consumer<Rectangle2D> onMark = region -> {};
  private boolean stack;
  private double dragX;
  private double dragY;

  public Viewport() {
    getStyleClass().add("viewport");
    setId("viewport");
    setFocusTraversable(true);
    stage.getStyleClass().add("viewport-stage");
    imageView.setSmooth(true);
    imageView.setId("image");
    measurements = new MeasurementLayer(zoom);
    content.getChildren().addAll(imageView, overlays, measurements);
    content.getTransforms().addAll(view, orientation);
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
    addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    addEventHandler(ScrollEvent.SCROLL, this::scrolled);
  }

  private static Label corner(Pos pos) {
    Label label = new Label();
    label.getStyleClass().add("corner-text");
    label.setMouseTransparent(true);
    // An empty corner would still show its dark backing as a small box over the film.
    label.visibleProperty().bind(label.textProperty().isNotEmpty());
    StackPane.setAlignment(label, pos);
    StackPane.setMargin(label, new Insets(3));
    return label;
  }

  /**
   * Shows a new image's frame with the file's first VOI transform, or the full range when the file
   * gives none; view, orientation and measurements start afresh.
   */
  public void show(FrameRenderer frame) {
    setFrame(frame);
    quarterTurns = 0;
    flipped = false;
    updateOrientation();
    measurements.clear();
    initialWindow = renderer.initialVoi();
    resetWindow();
    fit();
  }

  /**
   * Another image of the same stack: the view is kept, the window becomes the new image's own (each
   * film of a series has its own exposure) unless the reader has set one, and R then goes back to
   * the new image's. The first image's window stayed on every later film before, and a film whose
   * stored values lay outside it showed black.
   */
  public void showImage(FrameRenderer frame) {
    boolean readersWindow = initialWindow != null && !initialWindow.equals(window.get());
    setFrame(frame);
    initialWindow = renderer.initialVoi();
    if (readersWindow) {
      repaint();
    } else {
      resetWindow();
    }
  }

  /** Another frame of the same image (stack scrolling, cine): window and view are kept. */
  public void showFrame(FrameRenderer frame) {
    setFrame(frame);
    repaint();
  }

  private void setFrame(FrameRenderer next) {
    renderer = next;
    Frame frame = next.frame();
    if (image == null || image.getWidth() != frame.columns() || image.getHeight() != frame.rows()) {
      image = new WritableImage(frame.columns(), frame.rows());
      argb = new int[frame.columns() * frame.rows()];
      imageView.setImage(image);
    }
  }

  /** Shows nothing, as an empty layout cell. */
  public void clear() {
    renderer = null;
    image = null;
    initialWindow = null;
    imageView.setImage(null);
    measurements.clear();
    setCornerText("", "");
    frameText = "";
    bottomLeft.setText("");
    bottomRight.setText("");
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

  /** Layers drawn in image pixel coordinates above the image, e.g. the AI overlay. */
  public Group overlays() {
    return overlays;
  }

  public MeasurementLayer measurements() {
    return measurements;
  }

  public ObjectProperty<MeasurementLayer.Tool> toolProperty() {
    return tool;
  }

  public ObjectProperty<VoiLut> windowProperty() {
    return window;
  }

  /**
   * The reader's rotation and flip of the image, from image pixels to the oriented frame; it fires
   * its transform-changed event when they change. Read it, do not change it.
   */
  public Transform orientation() {
    return orientation;
  }

  public DoubleProperty zoomProperty() {
    return zoom;
  }

  public Frame frame() {
    return renderer == null ? null : renderer.frame();
  }

  /** Called with each region (image pixels) the reader marks with the mark tool. */
  public void setOnMark(Consumer<Rectangle2D> handler) {
    onMark = handler;
  }

  private void released(MouseEvent e) {
    measurements.endLength();
    if (tool.get() == MeasurementLayer.Tool.MARK) {
      Rectangle2D region = measurements.endMark();
      if (region != null) {
        onMark.accept(region);
      }
    }
  }

  /** Called with -1 / +1 when the reader scrolls to the previous / next frame. */
  public void setOnFrameStep(IntConsumer handler) {
    onFrameStep = handler;
  }

  public void setPixelSpacing(Optional<double[]> rowColumnMm) {
    measurements.setPixelSpacing(rowColumnMm);
  }

  public void setInverted(boolean inverted) {
    this.inverted = inverted;
    repaint();
  }

  public boolean isInverted() {
    return inverted;
  }

  /** Rotates the image a quarter turn clockwise. */
  public void rotateClockwise() {
    quarterTurns = (quarterTurns + 1) % 4;
    updateOrientation();
    fit();
    updateCornerStatus();
  }

  /** Mirrors the image left-right (as displayed). */
  public void flipHorizontal() {
    flipped = !flipped;
    updateOrientation();
    fit();
    updateCornerStatus();
  }

  public int quarterTurns() {
    return quarterTurns;
  }

  public boolean isFlipped() {
    return flipped;
  }

  public void setCornerText(String topLeftText, String topRightText) {
    topLeft.setText(topLeftText);
    topRight.setText(topRightText);
  }

  /** Position in the stack for the corner, e.g. "Image 3/120". */
  public void setFrameText(String text) {
    frameText = text;
    updateCornerStatus();
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
        (frameText.isEmpty() ? "" : frameText + "\n")
            + (w == null
                ? ""
                : (w.isTable()
                        ? Messages.format("viewport.voiTable", w.explanation())
                        : Messages.format("viewport.windowLevel", w.width(), w.center()))
                    + displayChanges()));
    bottomRight.setText(Messages.format("viewport.zoom", zoom.get() * 100));
  }

  /**
   * What the reader changed in how the film is shown, on a line of its own: a mirrored or turned
   * film whose only clue is its burned-in R/L marker, mirrored too, invites a laterality error.
   */
  private String displayChanges() {
    StringBuilder line = new StringBuilder();
    if (inverted) {
      line.append("  ").append(Messages.text("viewport.inverted"));
    }
    if (quarterTurns != 0) {
      line.append("  ").append(Messages.format("viewport.rotated", quarterTurns * 90));
    }
    if (flipped) {
      line.append("  ").append(Messages.text("viewport.flipped"));
    }
    return line.isEmpty() ? "" : "\n" + line.substring(2);
  }

  private double orientedWidth() {
    return quarterTurns % 2 == 0 ? image.getWidth() : image.getHeight();
  }

  private double orientedHeight() {
    return quarterTurns % 2 == 0 ? image.getHeight() : image.getWidth();
  }

  /** Maps image coordinates into the oriented frame whose top-left is (0, 0). */
  private void updateOrientation() {
    if (image == null) {
      return;
    }
    double w = image.getWidth();
    double h = image.getHeight();
    Affine a = new Affine();
    switch (quarterTurns) {
      case 1 -> a.setToTransform(0, -1, h, 1, 0, 0);
      case 2 -> a.setToTransform(-1, 0, w, 0, -1, h);
      case 3 -> a.setToTransform(0, 1, 0, -1, 0, w);
      default -> a.setToIdentity();
    }
    if (flipped) {
      a.prepend(new Affine(-1, 0, orientedWidth(), 0, 1, 0));
    }
    orientation.setToTransform(a);
  }

  /** Scales the image to fill the viewport, centred, keeping its aspect ratio. */
  public void fit() {
    if (image == null || getWidth() <= 0 || getHeight() <= 0) {
      return;
    }
    double ow = orientedWidth();
    double oh = orientedHeight();
    double scale = Math.min(getWidth() / ow, getHeight() / oh);
    setView(scale, (getWidth() - ow * scale) / 2, (getHeight() - oh * scale) / 2);
  }

  /** One image pixel per screen pixel, centred on what is in the middle now. */
  public void actualSize() {
    zoomAbout(1.0 / zoom.get(), getWidth() / 2, getHeight() / 2);
  }

  /** Centres and zooms on a region given in image pixels, e.g. a finding's box. */
  public void focusOn(double x, double y, double width, double height) {
    double margin = 3.0;
    // A small finding alone filled the screen at 600-960 %, its anatomy lost: the view keeps at
    // least a quarter of the film's shorter side around it.
    double context = 0.25 * Math.min(image.getWidth(), image.getHeight());
    double scale =
        Math.min(
            getWidth() / Math.max(width * margin, context),
            getHeight() / Math.max(height * margin, context));
    scale = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, scale));
    Point2D centre = orientation.transform(x + width / 2, y + height / 2);
    setView(scale, getWidth() / 2 - centre.getX() * scale, getHeight() / 2 - centre.getY() * scale);
  }

  /** Scene point to image pixel coordinates (x = column, y = row). */
  public Point2D toImage(double sceneX, double sceneY) {
    return content.sceneToLocal(sceneX, sceneY);
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
    if (e.getButton() != MouseButton.PRIMARY || renderer == null) {
      return;
    }
    Point2D p = toImage(e.getSceneX(), e.getSceneY());
    switch (tool.get()) {
      case LENGTH -> measurements.beginLength(p);
      case ANGLE -> measurements.angleClick(p);
      case MARK -> measurements.beginMark(p);
      default -> {}
    }
  }

  private void dragged(MouseEvent e) {
    double dx = e.getX() - dragX;
    double dy = e.getY() - dragY;
    dragX = e.getX();
    dragY = e.getY();
    if (e.getButton() == MouseButton.SECONDARY) {
      adjustWindow(dx, dy);
    } else if (e.getButton() == MouseButton.PRIMARY && tool.get() == MeasurementLayer.Tool.LENGTH) {
      measurements.dragLength(toImage(e.getSceneX(), e.getSceneY()));
    } else if (e.getButton() == MouseButton.PRIMARY && tool.get() == MeasurementLayer.Tool.MARK) {
      measurements.dragMark(toImage(e.getSceneX(), e.getSceneY()));
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
    if (stack && !e.isShortcutDown()) {
      onFrameStep.accept(e.getDeltaY() > 0 ? -1 : 1);
    } else {
      zoomAbout(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY());
    }
    e.consume();
  }

  /** On a stack the wheel scrolls frames and Ctrl+wheel zooms; on a single image it zooms. */
  public void setStack(boolean stack) {
    this.stack = stack;
  }
}
