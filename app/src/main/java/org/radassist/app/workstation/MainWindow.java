package org.radassist.app.workstation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.radassist.app.core.FrameCache;
import org.radassist.app.core.ImageAnalysis;
import org.radassist.app.core.InputFiles;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.core.Settings;
import org.radassist.app.core.Workspace;
import org.radassist.app.pacs.PacsQueryPanel;
import org.radassist.app.pacs.PacsService;
import org.radassist.app.render.Colormap;
import org.radassist.app.render.FrameRenderer;
import org.radassist.app.render.HeatmapRenderer;
import org.radassist.app.render.Thumbnail;
import org.radassist.app.render.WindowPresets;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.Frame;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.model.ModelPackage;

/**
 * The workstation window: image browser on the left, the viewport in the middle taking most of the
 * screen, AI controls and findings on the right, status bar below. Every slow step (reading files,
 * decoding, inference) runs in {@link BackgroundTasks}; the handlers below only update the scene.
 */
public final class MainWindow extends BorderPane {
  private static final long FRAME_CACHE_BYTES = 512L << 20;
  private static final double CINE_FPS = 10;

  private final Workspace workspace;
  private final Settings settings;
  private final BackgroundTasks tasks = new BackgroundTasks();
  private final Viewport viewport = new Viewport();
  private final AiOverlay overlay;
  private final AiPanel aiPanel;
  private final FindingsPanel findingsPanel;
  private final StudyBrowser browser;
  private final StatusPanel status;
  private final Timeline cine;
  private FrameCache frames;
  private ImageAnalysis lastAnalysis;
  private int frameIndex;

  public MainWindow(Workspace workspace) {
    this.workspace = workspace;
    this.settings = Settings.load(workspace.paths());
    getStyleClass().add("main-window");
    overlay =
        new AiOverlay(
            viewport.zoomProperty(),
            new HeatmapRenderer(Colormap.named(settings.colormap()), AiPanel.HEATMAP_FLOOR));
    overlay.heatmapOpacityProperty().set(settings.heatmapOpacity());
    viewport.overlays().getChildren().add(overlay);
    viewport.setOnFrameStep(this::stepFrame);
    aiPanel = new AiPanel(overlay, settings.colormap(), this::analyzeCurrent);
    findingsPanel = new FindingsPanel(this::focus);
    browser = new StudyBrowser(this::select);
    status = new StatusPanel(tasks);
    cine = new Timeline(new KeyFrame(Duration.seconds(1 / CINE_FPS), e -> stepFrame(1)));
    cine.setCycleCount(Timeline.INDEFINITE);

    TitledPane ai = new TitledPane("AI overlay", aiPanel);
    TitledPane findings = new TitledPane("Findings", findingsPanel);
    VBox side = new VBox(ai, findings);
    side.getStyleClass().add("side-panel");
    side.setId("side-panel");
    ScrollPane sideScroll = new ScrollPane(side);
    sideScroll.setFitToWidth(true);
    sideScroll.setMinWidth(240);
    sideScroll.setPrefWidth(300);
    browser.setMinWidth(150);
    browser.setPrefWidth(210);

    SplitPane split = new SplitPane(browser, viewport, sideScroll);
    split.setDividerPositions(0.15, 0.79);
    SplitPane.setResizableWithParent(browser, false);
    SplitPane.setResizableWithParent(sideScroll, false);
    setTop(WorkstationMenus.build(this));
    setCenter(split);
    setBottom(status.node());
    addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
    sceneProperty()
        .addListener(
            (obs, old, scene) -> {
              if (scene != null) {
                Themes.apply(scene, settings.theme());
              }
            });
    setOnDragOver(
        e -> {
          if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
          }
          e.consume();
        });
    setOnDragDropped(
        e -> {
          boolean ok = e.getDragboard().hasFiles();
          if (ok) {
            open(e.getDragboard().getFiles().stream().map(File::toPath).toList());
          }
          e.setDropCompleted(ok);
          e.consume();
        });
  }

  public Viewport viewport() {
    return viewport;
  }

  public AiOverlay overlay() {
    return overlay;
  }

  public BackgroundTasks tasks() {
    return tasks;
  }

  /** Opens the built-in sample study, creating it on first use. */
  public void openSample() {
    Task<Path> task =
        new Task<>() {
          @Override
          protected Path call() throws Exception {
            updateTitle("Sample study");
            updateMessage("Preparing the sample study…");
            return SampleStudy.ensure(workspace.paths());
          }
        };
    task.setOnSucceeded(e -> open(List.of(task.getValue())));
    task.setOnFailed(
        e -> status.message("Cannot create the sample study: " + task.getException().getMessage()));
    tasks.submit(task);
  }

  /**
   * Opens files and folders: metadata of every file, the first image on screen as soon as it is
   * decoded, the rest listed as they are read; unreadable files are listed with their reason.
   */
  public void open(List<Path> paths) {
    cine.stop();
    browser.clear();
    overlay.clear();
    findingsPanel.clear();
    Task<Integer> task =
        new Task<>() {
          @Override
          protected Integer call() {
            updateTitle("Open");
            List<Path> files = InputFiles.expand(paths);
            List<DicomImage> opened = new ArrayList<>();
            for (int i = 0; i < files.size() && !isCancelled(); i++) {
              updateMessage("Reading " + (i + 1) + " of " + files.size() + "…");
              updateProgress(i, 2L * files.size());
              try {
                DicomImage image = DicomImage.read(files.get(i));
                if (image.frameCount() == 0) {
                  throw new DicomException(files.get(i), "has no pixel data to display");
                }
                boolean first = opened.isEmpty();
                opened.add(image);
                Frame frame = first ? image.frame(0) : null;
                Platform.runLater(
                    () -> {
                      browser.add(image);
                      if (first) {
                        display(image, frame);
                        browser.select(image);
                      }
                    });
              } catch (DicomException e) {
                Platform.runLater(() -> browser.addFailure(e));
              }
            }
            for (int i = 0; i < opened.size() && !isCancelled(); i++) {
              updateMessage("Thumbnails " + (i + 1) + " of " + opened.size() + "…");
              updateProgress(files.size() + i, 2L * files.size());
              DicomImage image = opened.get(i);
              try {
                Thumbnail t =
                    Thumbnail.of(
                        FrameRenderer.of(image, image.frame(0)),
                        image.windows().isEmpty() ? null : image.windows().get(0),
                        StudyBrowser.THUMBNAIL_SIZE);
                Platform.runLater(() -> browser.setThumbnail(image, t));
              } catch (DicomException e) {
                Platform.runLater(() -> browser.addFailure(e));
              }
            }
            updateProgress(1, 1);
            return opened.size();
          }
        };
    task.setOnSucceeded(
        e ->
            status.message(
                task.getValue()
                    + " image(s) opened"
                    + (browser.failures().getItems().isEmpty()
                        ? ""
                        : ", " + browser.failures().getItems().size() + " file(s) not opened")));
    tasks.submit(task);
  }

  private void select(DicomImage image) {
    if (frames != null && image == frames.image()) {
      return;
    }
    Task<Frame> task =
        new Task<>() {
          @Override
          protected Frame call() throws Exception {
            updateTitle("Decode");
            updateMessage("Decoding image…");
            return image.frame(0);
          }
        };
    task.setOnSucceeded(e -> display(image, task.getValue()));
    task.setOnFailed(e -> status.message(task.getException().getMessage()));
    tasks.submit(task);
  }

  private void display(DicomImage image, Frame first) {
    cine.stop();
    frames = new FrameCache(image, FRAME_CACHE_BYTES);
    frameIndex = 0;
    overlay.clear();
    findingsPanel.clear();
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
    status.message(
        "Showing " + image.modality() + " image " + image.columns() + "×" + image.rows());
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
    showFrame(cache, target);
  }

  void showFrame(FrameCache cache, int target) {
    Frame cached = cache.cached(target);
    if (cached != null) {
      frameIndex = target;
      viewport.showFrame(FrameRenderer.of(cache.image(), cached));
      updateFrameText();
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
    task.setOnSucceeded(
        e -> {
          if (cache == frames) {
            frameIndex = target;
            viewport.showFrame(FrameRenderer.of(cache.image(), task.getValue()));
            updateFrameText();
          }
        });
    tasks.submitQuietly(task);
  }

  void toggleCine() {
    if (cine.getStatus() == Timeline.Status.RUNNING) {
      cine.stop();
    } else if (frames != null && frames.frameCount() > 1) {
      cine.play();
    }
  }

  void applyPreset(int index) {
    List<WindowPresets.Preset> presets = presets();
    if (index < presets.size()) {
      viewport.windowProperty().set(presets.get(index).window());
      status.message("Window preset: " + presets.get(index).name());
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

  /** Runs the chosen model (built-in unless set in Settings) on the frame on screen. */
  public void analyzeCurrent() {
    if (frames == null) {
      status.message("Open an image first");
      return;
    }
    DicomImage image = frames.image();
    int frame = frameIndex;
    aiPanel.analyzeButton().setDisable(true);
    Task<ImageAnalysis> task =
        new Task<>() {
          @Override
          protected ImageAnalysis call() throws Exception {
            updateTitle("Analyze");
            updateMessage("Loading model…");
            updateProgress(-1, 1);
            ModelPackage pkg =
                settings.model().isPresent()
                    ? ModelPackage.load(settings.model().get())
                    : workspace.builtinModel();
            Analyzer analyzer = workspace.analyzer(pkg, settings.device(), settings.threads());
            updateMessage("Analysing image…");
            return ImageAnalysis.run(analyzer, image, frame);
          }
        };
    task.setOnSucceeded(
        e -> {
          aiPanel.analyzeButton().setDisable(false);
          ImageAnalysis result = task.getValue();
          if (frames == null || result.image() != frames.image()) {
            return;
          }
          lastAnalysis = result;
          overlay.show(result.prediction());
          aiPanel.show(result.prediction(), result.prediction().model().id());
          findingsPanel.show(result.prediction());
          status.setDevice(result.prediction().device());
          status.message(
              String.format(
                  Locale.ROOT,
                  "Analysis done: %d finding(s) in %.0f ms",
                  result.prediction().findings().size(),
                  result.totalMs()));
        });
    task.setOnFailed(
        e -> {
          aiPanel.analyzeButton().setDisable(false);
          status.message("Analysis failed: " + task.getException().getMessage());
        });
    task.setOnCancelled(
        e -> {
          aiPanel.analyzeButton().setDisable(false);
          status.message("Analysis cancelled");
        });
    tasks.submit(task);
  }

  private void focus(Finding finding) {
    Finding.Box b = finding.box();
    viewport.focusOn(b.x(), b.y(), b.width(), b.height());
  }

  /** The PACS window: studies retrieved there open here; the AI result on screen can go back. */
  void showPacs() {
    try {
      PacsQueryPanel.show(
          getScene().getWindow(),
          PacsService.open(workspace.paths()),
          tasks::submit,
          this::open,
          () ->
              Optional.ofNullable(lastAnalysis)
                  .filter(a -> frames != null && a.image() == frames.image()));
    } catch (IOException e) {
      status.message("Cannot read the PACS settings: " + e.getMessage());
    }
  }

  void chooseFiles() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Open DICOM files");
    List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
    if (files != null && !files.isEmpty()) {
      open(files.stream().map(File::toPath).toList());
    }
  }

  void chooseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Open a folder of DICOM files");
    File dir = chooser.showDialog(getScene().getWindow());
    if (dir != null) {
      open(List.of(dir.toPath()));
    }
  }

  void setTheme(String theme) {
    Themes.apply(getScene(), theme);
    settings.setTheme(theme);
    saveSettings();
  }

  void saveSettings() {
    settings.setColormap(aiPanel.colormap());
    settings.setHeatmapOpacity(overlay.heatmapOpacityProperty().get());
    try {
      settings.save();
    } catch (java.io.IOException e) {
      status.message("Settings not saved: " + e.getMessage());
    }
  }

  void setTool(MeasurementLayer.Tool tool) {
    viewport.toolProperty().set(tool);
    status.message(
        switch (tool) {
          case LENGTH -> "Length: drag on the image (Esc to stop)";
          case ANGLE -> "Angle: click first point, vertex, last point (Esc to stop)";
          case NONE -> "Pan with left-drag";
        });
  }

  /** Single-key shortcuts work wherever focus is, except while typing in a text field. */
  private void shortcut(KeyEvent e) {
    if (e.isShortcutDown() || e.isAltDown() || e.getTarget() instanceof TextInputControl) {
      return;
    }
    switch (e.getCode()) {
      case F1 -> ShortcutHelp.show(getScene().getWindow());
      case H -> overlay.aiVisibleProperty().set(!overlay.aiVisibleProperty().get());
      case F -> viewport.fit();
      case DIGIT1 -> viewport.actualSize();
      case DIGIT2, DIGIT3, DIGIT4, DIGIT5, DIGIT6, DIGIT7, DIGIT8, DIGIT9 ->
          applyPreset(e.getCode().ordinal() - KeyCode.DIGIT2.ordinal());
      case I -> viewport.setInverted(!viewport.isInverted());
      case R -> viewport.resetWindow();
      case T -> viewport.rotateClockwise();
      case M -> viewport.flipHorizontal();
      case L -> setTool(MeasurementLayer.Tool.LENGTH);
      case A -> setTool(MeasurementLayer.Tool.ANGLE);
      case ESCAPE -> setTool(MeasurementLayer.Tool.NONE);
      case UP, PAGE_UP -> stepFrame(-1);
      case DOWN, PAGE_DOWN -> stepFrame(1);
      case SPACE -> toggleCine();
      case PLUS, EQUALS, ADD -> viewport.zoomBy(1.25);
      case MINUS, SUBTRACT -> viewport.zoomBy(1 / 1.25);
      default -> {
        return;
      }
    }
    e.consume();
  }

  void clearMeasurements() {
    viewport.measurements().clear();
  }

  void showSettings() {
    SettingsDialog.show(this, settings);
  }

  public void shutdown() {
    cine.stop();
    status.stop();
    tasks.close();
  }
}
