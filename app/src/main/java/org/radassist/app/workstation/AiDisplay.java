package org.radassist.app.workstation;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.radassist.app.render.HeatmapRenderer;

/**
 * How AI is drawn, shared by every viewer pane: one switch hides all AI at once in every pane, and
 * opacity, colormap, boxes and outlines look the same side by side so current and prior compare
 * fairly.
 */
public final class AiDisplay {
  private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
  private final BooleanProperty boxes = new SimpleBooleanProperty(this, "boxes", true);
  private final BooleanProperty outlines = new SimpleBooleanProperty(this, "outlines", false);
  private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.6);
  private final ObjectProperty<HeatmapRenderer> renderer;

  public AiDisplay(HeatmapRenderer renderer, double opacity) {
    this.renderer = new SimpleObjectProperty<>(this, "renderer", renderer);
    this.opacity.set(opacity);
  }

  public BooleanProperty visibleProperty() {
    return visible;
  }

  public BooleanProperty boxesProperty() {
    return boxes;
  }

  /** Whether each label's region above its threshold is outlined (see IsoContour). */
  public BooleanProperty outlinesProperty() {
    return outlines;
  }

  public DoubleProperty opacityProperty() {
    return opacity;
  }

  public ObjectProperty<HeatmapRenderer> rendererProperty() {
    return renderer;
  }
}
