package org.radassist.app.workstation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.Affine;
import javafx.scene.transform.Transform;
import javafx.scene.transform.TransformChangedEvent;
import javafx.scene.transform.Translate;
import org.radassist.app.i18n.Messages;
import org.radassist.app.render.IsoContour;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.analysis.Prediction;

/**
 * The AI layer over the image: one heatmap image per label, optionally each heatmap's outline where
 * it reaches the level it is painted from (with the wash turned down, the outline shows where the
 * model looked and leaves the film inside unpainted), and thin boxes with label and score around
 * each finding, all in image pixel coordinates so they stay on the anatomy at every zoom. Line
 * widths and text sizes are divided by the zoom so they look the same on screen.
 */
public final class AiOverlay extends Group {
  private final Map<String, ImageView> heatmaps = new LinkedHashMap<>();
  private final Map<String, Path> outlines = new LinkedHashMap<>();
  private final Group heatmapLayer = new Group();
  private final Group outlineLayer = new Group();
  private final Group boxLayer = new Group();
  private final DoubleProperty zoom;
  private final AiDisplay display;
  private final Transform orientation;

  /** The rotation and flip the reader applied, undone, so captions stay readable. */
  private final Affine upright = new Affine();

  /** Each caption's anchor, moved to its box's top-left corner as seen on screen. */
  private final Map<Translate, Finding.Box> anchors = new LinkedHashMap<>();

  private Prediction prediction;

  /**
   * An overlay on a viewport whose zoom and orientation (the reader's rotation and flip of the
   * image) it follows.
   */
  public AiOverlay(DoubleProperty zoom, Transform orientation, AiDisplay display) {
    this.zoom = zoom;
    this.orientation = orientation;
    this.display = display;
    orientation.addEventHandler(TransformChangedEvent.TRANSFORM_CHANGED, e -> keepUpright());
    setId("ai-overlay");
    setMouseTransparent(true);
    heatmapLayer.opacityProperty().bind(display.opacityProperty());
    boxLayer.visibleProperty().bind(display.boxesProperty());
    outlineLayer.visibleProperty().bind(display.outlinesProperty());
    visibleProperty().bind(display.visibleProperty());
    display.rendererProperty().addListener((obs, old, r) -> redrawHeatmaps());
    getChildren().addAll(heatmapLayer, outlineLayer, boxLayer);
  }

  public void clear() {
    prediction = null;
    heatmaps.clear();
    outlines.clear();
    heatmapLayer.getChildren().clear();
    outlineLayer.getChildren().clear();
    boxLayer.getChildren().clear();
    anchors.clear();
  }

  public void show(Prediction result) {
    clear();
    prediction = result;
    for (Heatmap heatmap : result.heatmaps()) {
      ImageView view = new ImageView(toImage(heatmap));
      view.setId("heatmap-" + heatmap.label());
      view.setSmooth(true);
      heatmaps.put(heatmap.label(), view);
      heatmapLayer.getChildren().add(view);
      Path outline = new Path();
      outline.setId("outline-" + heatmap.label());
      outline.getStyleClass().add("heatmap-outline");
      outline.strokeWidthProperty().bind(zoom.map(z -> 1.5 / z.doubleValue()));
      outlines.put(heatmap.label(), outline);
      outlineLayer.getChildren().add(outline);
      trace(outline, heatmap);
    }
    for (Finding finding : result.findings()) {
      boxLayer.getChildren().addAll(box(finding), caption(finding));
    }
  }

  private void redrawHeatmaps() {
    if (prediction != null) {
      for (Heatmap heatmap : prediction.heatmaps()) {
        heatmaps.get(heatmap.label()).setImage(toImage(heatmap));
        trace(outlines.get(heatmap.label()), heatmap);
      }
    }
  }

  /** Draws the heatmap's outline at the level it is painted from, in {@code path}. */
  private void trace(Path path, Heatmap heatmap) {
    float[] s = IsoContour.of(heatmap, display.rendererProperty().get().floor());
    List<PathElement> elements = new ArrayList<>(s.length / 2);
    for (int k = 0; k + 3 < s.length; k += 4) {
      elements.add(new MoveTo(s[k], s[k + 1]));
      elements.add(new LineTo(s[k + 2], s[k + 3]));
    }
    path.getElements().setAll(elements);
  }

  public void setLabelVisible(String label, boolean visible) {
    ImageView view = heatmaps.get(label);
    if (view != null) {
      view.setVisible(visible);
    }
    Path outline = outlines.get(label);
    if (outline != null) {
      outline.setVisible(visible);
    }
  }

  public boolean isLabelVisible(String label) {
    ImageView view = heatmaps.get(label);
    return view != null && view.isVisible();
  }

  private WritableImage toImage(Heatmap heatmap) {
    WritableImage image = new WritableImage(heatmap.width(), heatmap.height());
    image
        .getPixelWriter()
        .setPixels(
            0,
            0,
            heatmap.width(),
            heatmap.height(),
            PixelFormat.getIntArgbInstance(),
            display.rendererProperty().get().render(heatmap.values()),
            0,
            heatmap.width());
    return image;
  }

  private Rectangle box(Finding finding) {
    Finding.Box b = finding.box();
    Rectangle r = new Rectangle(b.x(), b.y(), b.width(), b.height());
    r.getStyleClass().add("finding-box");
    r.strokeWidthProperty().bind(zoom.map(z -> 1.5 / z.doubleValue()));
    return r;
  }

  /**
   * The label and score above the box's corner, drawn upright on screen: it would turn and mirror
   * with the image when the reader rotates or flips it, as a mirrored caption on a flipped film
   * did.
   */
  private Text caption(Finding finding) {
    Finding.Box b = finding.box();
    Text t = new Text(Messages.format("overlay.caption", finding.label(), finding.score()));
    t.getStyleClass().add("finding-box-label");
    Translate anchor = new Translate();
    anchors.put(anchor, b);
    place(anchor, b);
    Translate above = new Translate();
    above.yProperty().bind(zoom.map(z -> -4 / z.doubleValue()));
    t.getTransforms().addAll(anchor, upright, above);
    t.fontProperty().bind(zoom.map(z -> Font.font(12 / z.doubleValue())));
    return t;
  }

  /** The inverse of the orientation's rotation or flip, which is its transpose. */
  private void keepUpright() {
    upright.setToTransform(
        orientation.getMxx(),
        orientation.getMyx(),
        0,
        orientation.getMxy(),
        orientation.getMyy(),
        0);
    anchors.forEach(this::place);
  }

  /** The box corner that the orientation puts at the top left of the screen. */
  private void place(Translate anchor, Finding.Box b) {
    double bestX = b.x();
    double bestY = b.y();
    double best = Double.MAX_VALUE;
    for (double x : new double[] {b.x(), b.x() + b.width()}) {
      for (double y : new double[] {b.y(), b.y() + b.height()}) {
        double onScreen =
            orientation.getMxx() * x
                + orientation.getMxy() * y
                + orientation.getMyx() * x
                + orientation.getMyy() * y;
        if (onScreen < best) {
          best = onScreen;
          bestX = x;
          bestY = y;
        }
      }
    }
    anchor.setX(bestX);
    anchor.setY(bestY);
  }
}
