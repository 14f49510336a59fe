package org.radassist.app.workstation;

import java.util.List;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.concurrent.Task;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.radassist.app.core.FrameCache;
import org.radassist.app.core.ImageAnalysis;
import org.radassist.app.render.FrameRenderer;
import org.radassist.app.render.WindowPresets;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.pixel.Frame;

/**
 * One cell of the viewing layout: an image (all its frames) in a viewport with its own AI result.
 * Panes share the background executor and the {@link AiDisplay}; the window says which pane is
 * active and sends keys, analysis and browser selections there.
 */
final class ViewerPane extends StackPane {
  private static final long FRAME_CACHE_BYTES = 512L << 20;
  private static final double CINE_FPS = 10;

  private final BackgroundTasks tasks;
  private final Viewport viewport = new Viewport();
  private final AiOverlay overlay;
  private final Timeline cine;
  private FrameCache frames;
  private int frameIndex;
  private ImageAnalysis analysis;
  private StoredAnalysis recorded;

  ViewerPane(BackgroundTasks tasks, AiDisplay display) {
    this.tasks = tasks;
    getStyleClass().add("viewer-pane");
    overlay = new AiOverlay(viewport.zoomProperty(), display);
    viewport.overlays().getChildren().add(overlay);
    viewport.setOnFrameStep(this::stepFrame);
    cine = new Timeline(new KeyFrame(Duration.seconds(1 / CINE_FPS), e -> stepFrame(1)));
    cine.setCycleCount(Timeline.INDEFINITE);
    getChildren().add(viewport);
  }

  Viewport viewport() {
    return viewport;
  }

  AiOverlay overlay() {
    return overlay;
  }

  DicomImage image() {
    return frames == null ? null : frames.image();
  }

  int frameIndex() {
    return frameIndex;
  }

  /** The analysis shown in this pane, or null. */
  ImageAnalysis analysis() {
    return analysis;
  }

  void setActive(boolean active) {
    pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("active"), active);
  }

  /** Shows a new image, starting at {@code first} (its decoded first frame). */
  void display(DicomImage image, Frame first) {
    cine.stop();
    frames = new FrameCache(image, FRAME_CACHE_BYTES);
    frameIndex = 0;
    analysis = null;
    recorded = null;
    overlay.clear();
    viewport.show(FrameRenderer.of(image, first), image.windows());
    viewport.setStack(image.frameCount() > 1);
    viewport.setPixelSpacing(image.pixelSpacing());
    updateFrameText();
    var a = image.attributes();
    viewport.setCornerText(
        a.string(Tag.PATIENT_NAME, "").replace('^', ' ').trim()
            + "\n"
            + a.string(Tag.PATIENT_ID, "")
            + "\n"
            + a.string(Tag.STUDY_DATE, ""),
        image.modality()
            + "  "
            + a.string(Tag.SERIES_DESCRIPTION, "")
            + "\n"
            + String.format(Locale.ROOT, "%d × %d", image.columns(), image.rows())
            + image
                .pixelSpacing()
                .map(s -> String.format(Locale.ROOT, "  %.3f mm/px", s[0]))
                .orElse("  uncalibrated"));
  }

  /** The shown analysis as filed in the reading record, or null until it is committed. */
  StoredAnalysis recorded() {
    return recorded;
  }

  void setRecorded(StoredAnalysis stored) {
    recorded = stored;
  }

  /** Shows an analysis result if it belongs to the image and frame on screen. */
  boolean showAnalysis(ImageAnalysis result) {
    if (frames == null || result.image() != frames.image() || result.frameIndex() != frameIndex) {
      return false;
    }
    analysis = result;
    recorded = null;
    overlay.show(result.prediction());
    return true;
  }

  private void updateFrameText() {
    int n = frames == null ? 0 : frames.frameCount();
    viewport.setFrameText(n > 1 ? "Frame " + (frameIndex + 1) + "/" + n : "");
  }

  /** Moves through a multi-frame image, wrapping for cine; decodes off the UI thread if needed. */
  void stepFrame(int delta) {
    FrameCache cache = frames;
    if (cache == null || cache.frameCount() < 2) {
      return;
    }
    int n = cache.frameCount();
    int target =
        cine.getStatus() == Timeline.Status.RUNNING
            ? Math.floorMod(frameIndex + delta, n)
            : Math.max(0, Math.min(n - 1, frameIndex + delta));
    Frame cached = cache.cached(target);
    if (cached != null) {
      showFrame(cache, target, cached);
      return;
    }
    Task<Frame> task =
        new Task<>() {
          @Override
          protected Frame call() throws Exception {
            updateTitle("Decode");
            return cache.get(target);
          }
        };
    task.setOnSucceeded(e -> showFrame(cache, target, task.getValue()));
    tasks.submitQuietly(task);
  }

  private void showFrame(FrameCache cache, int target, Frame frame) {
    if (cache != frames) {
      return;
    }
    frameIndex = target;
    analysis = null;
    recorded = null;
    overlay.clear();
    viewport.showFrame(FrameRenderer.of(cache.image(), frame));
    updateFrameText();
  }

  void toggleCine() {
    if (cine.getStatus() == Timeline.Status.RUNNING) {
      cine.stop();
    } else if (frames != null && frames.frameCount() > 1) {
      cine.play();
    }
  }

  List<WindowPresets.Preset> presets() {
    if (frames == null || viewport.frame() == null) {
      return List.of();
    }
    DicomImage image = frames.image();
    return WindowPresets.forImage(
        image.modality(),
        image.windows(),
        FrameRenderer.of(image, viewport.frame()).fullRangeWindow());
  }

  /** Empties the pane. */
  void clear() {
    cine.stop();
    frames = null;
    analysis = null;
    recorded = null;
    overlay.clear();
    viewport.clear();
  }

  void stop() {
    cine.stop();
  }
}
