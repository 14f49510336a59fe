package org.radassist.app.workstation;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.concurrent.Task;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.radassist.app.core.ImageAnalysis;
import org.radassist.app.core.ImageStack;
import org.radassist.app.i18n.Messages;
import org.radassist.app.render.FrameRenderer;
import org.radassist.app.render.WindowPresets;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;

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
  private long analysisRequests;
  private final Timeline cine;
  private ImageStack stack;
  private ImageStack.Slice slice;
  private int position;

  /**
   * The slice the reader last asked for while it still decodes, -1 when none: each key press moves
   * on from there, so presses made during a 4k decode add up instead of asking for the same slice.
   */
  private int wanted = -1;

  /** Steps asked for so far: only the latest one's slice is shown, whichever decode ends last. */
  private long steps;

  private Consumer<ImageStack.Slice> onSliceShown = s -> {};
  private ImageAnalysis analysis;
  private StoredAnalysis recorded;

  ViewerPane(BackgroundTasks tasks, AiDisplay display) {
    this.tasks = tasks;
    getStyleClass().add("viewer-pane");
    overlay = new AiOverlay(viewport.zoomProperty(), viewport.orientation(), display);
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

  /** The image of the slice on screen, or null when the pane is empty. */
  DicomImage image() {
    return slice == null ? null : slice.image();
  }

  /** The frame number, within its image, of the slice on screen. */
  int frameIndex() {
    return slice == null ? 0 : slice.frameIndex();
  }

  ImageStack stack() {
    return stack;
  }

  /**
   * Numbers an analysis of this pane's image, so that of two running at once (the reader picked
   * another model mid-run) only the one asked for last is shown, whichever finishes first.
   */
  long requestAnalysis() {
    return ++analysisRequests;
  }

  boolean isLatestRequest(long ticket) {
    return ticket == analysisRequests;
  }

  /** The analysis shown in this pane, or null. */
  ImageAnalysis analysis() {
    return analysis;
  }

  void setActive(boolean active) {
    pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("active"), active);
  }

  /** Called with each slice the reader steps to, once it is on screen. */
  void setOnSliceShown(Consumer<ImageStack.Slice> action) {
    onSliceShown = action;
  }

  /** Where in its stack the slice on screen is, from 0. */
  int position() {
    return position;
  }

  /** The slice on screen, or null when the pane is empty. */
  ImageStack.Slice slice() {
    return slice;
  }

  /** Shows a series, starting at its first slice (decoded already by the caller). */
  void display(ImageStack newStack, ImageStack.Slice first) {
    cine.stop();
    stack = newStack;
    position = 0;
    wanted = -1;
    slice = first;
    analysis = null;
    recorded = null;
    overlay.clear();
    DicomImage image = first.image();
    viewport.show(FrameRenderer.of(image, first.frame()));
    viewport.setStack(stack.size() > 1);
    updateFrameText();
    describe(image);
  }

  /** The corner text and calibration of the image on screen. */
  private void describe(DicomImage image) {
    viewport.setPixelSpacing(image.pixelSpacing());
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
            + "  "
            + image
                .pixelSpacing()
                .map(s -> Messages.format("viewport.pixelSpacing", s[0]))
                .orElse(Messages.text("viewport.uncalibrated")));
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
    if (slice == null
        || !result.image().sopInstanceUid().equals(slice.image().sopInstanceUid())
        || result.frameIndex() != slice.frameIndex()) {
      return false;
    }
    analysis = result;
    recorded = null;
    overlay.show(result.prediction());
    return true;
  }

  private void updateFrameText() {
    int n = stack == null ? 0 : stack.size();
    viewport.setFrameText(n > 1 ? Messages.format("viewport.position", position + 1, n) : "");
  }

  /** Moves through the stack, wrapping for cine; decodes off the UI thread if needed. */
  void stepFrame(int delta) {
    ImageStack current = stack;
    if (current == null || current.size() < 2) {
      return;
    }
    boolean playing = cine.getStatus() == Timeline.Status.RUNNING;
    if (playing && wanted >= 0) {
      // Cine waits for the slice it asked for: skipping on would supersede every decode slower
      // than a tick, and nothing would ever be shown.
      return;
    }
    int n = current.size();
    int from = wanted >= 0 ? wanted : position;
    int target =
        playing ? Math.floorMod(from + delta, n) : Math.max(0, Math.min(n - 1, from + delta));
    wanted = target;
    long ticket = ++steps;
    ImageStack.Slice cached = current.cached(target);
    if (cached != null) {
      showSlice(current, target, cached, ticket);
      return;
    }
    Task<ImageStack.Slice> task =
        new Task<>() {
          @Override
          protected ImageStack.Slice call() throws Exception {
            updateTitle("Decode");
            return current.get(target);
          }
        };
    task.setOnSucceeded(e -> showSlice(current, target, task.getValue(), ticket));
    tasks.submitQuietly(task);
  }

  /** Shows a decoded slice unless the reader has since asked for another one. */
  private void showSlice(ImageStack from, int target, ImageStack.Slice next, long ticket) {
    if (from != stack || ticket != steps) {
      return;
    }
    wanted = -1;
    position = target;
    boolean otherImage =
        slice == null
            || !java.util.Objects.equals(
                slice.image().sopInstanceUid(), next.image().sopInstanceUid());
    slice = next;
    analysis = null;
    recorded = null;
    overlay.clear();
    if (otherImage) {
      // Another film of the series: its own size, calibration and window, not the first one's.
      viewport.showImage(FrameRenderer.of(next.image(), next.frame()));
      describe(next.image());
    } else {
      viewport.showFrame(FrameRenderer.of(next.image(), next.frame()));
    }
    updateFrameText();
    onSliceShown.accept(next);
  }

  void toggleCine() {
    if (cine.getStatus() == Timeline.Status.RUNNING) {
      cine.stop();
    } else if (stack != null && stack.size() > 1) {
      cine.play();
    }
  }

  List<WindowPresets.Preset> presets() {
    if (slice == null) {
      return List.of();
    }
    DicomImage image = slice.image();
    FrameRenderer renderer = FrameRenderer.of(image, viewport.frame());
    return WindowPresets.forImage(image.modality(), renderer.fileVoi(), renderer.fullRangeWindow());
  }

  /** Empties the pane. */
  void clear() {
    cine.stop();
    stack = null;
    wanted = -1;
    slice = null;
    analysis = null;
    recorded = null;
    overlay.clear();
    viewport.clear();
  }

  void stop() {
    cine.stop();
  }
}
