package org.radassist.app.workstation;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.radassist.app.core.ImageAnalysis;
import org.radassist.app.core.InputFiles;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.core.Workspace;
import org.radassist.app.render.Colormap;
import org.radassist.app.render.HeatmapRenderer;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.Frame;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.model.ModelPackage;

/**
 * The workstation window: image browser on the left, the viewport in the middle taking most of the
 * screen, AI controls and findings on the right, status bar below. Every slow step (reading files,
 * decoding, inference) runs in {@link BackgroundTasks}; the handlers below only update the scene.
 */
public final class MainWindow extends BorderPane {
  private final Workspace workspace;
  private final BackgroundTasks tasks = new BackgroundTasks();
  private final Viewport viewport = new Viewport();
  private final AiOverlay overlay;
  private final AiPanel aiPanel;
  private final FindingsPanel findingsPanel;
  private final StudyBrowser browser;
  private final StatusPanel status;
  private DicomImage current;

  public MainWindow(Workspace workspace) {
    this.workspace = workspace;
    getStyleClass().add("main-window");
    overlay =
        new AiOverlay(
            viewport.zoomProperty(),
            new HeatmapRenderer(Colormap.named("inferno"), AiPanel.HEATMAP_FLOOR));
    viewport.overlays().getChildren().add(overlay);
    aiPanel = new AiPanel(overlay, this::analyzeCurrent);
    findingsPanel = new FindingsPanel(this::focus);
    browser = new StudyBrowser(this::select);
    status = new StatusPanel(tasks);

    TitledPane ai = new TitledPane("AI overlay", aiPanel);
    TitledPane findings = new TitledPane("Findings", findingsPanel);
    VBox side = new VBox(ai, findings);
    side.getStyleClass().add("side-panel");
    side.setId("side-panel");
    ScrollPane sideScroll = new ScrollPane(side);
    sideScroll.setFitToWidth(true);
    sideScroll.setMinWidth(240);
    sideScroll.setPrefWidth(300);
    browser.setMinWidth(160);
    browser.setPrefWidth(220);

    SplitPane split = new SplitPane(browser, viewport, sideScroll);
    split.setDividerPositions(0.15, 0.79);
    SplitPane.setResizableWithParent(browser, false);
    SplitPane.setResizableWithParent(sideScroll, false);
    setTop(menus());
    setCenter(split);
    setBottom(status.node());
    addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
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
        e -> status.message("Cannot create sample: " + task.getException().getMessage()));
    tasks.submit(task);
  }

  /**
   * Opens files and folders: metadata of every file, the first image on screen as soon as it is
   * decoded, the rest listed as they are read; unreadable files are listed with their reason.
   */
  public void open(List<Path> paths) {
    browser.clear();
    overlay.clear();
    findingsPanel.clear();
    Task<Integer> task =
        new Task<>() {
          @Override
          protected Integer call() {
            updateTitle("Open");
            List<Path> files = InputFiles.expand(paths);
            int opened = 0;
            for (int i = 0; i < files.size() && !isCancelled(); i++) {
              updateMessage("Reading " + (i + 1) + " of " + files.size() + "…");
              updateProgress(i, files.size());
              try {
                DicomImage image = DicomImage.read(files.get(i));
                if (image.frameCount() == 0) {
                  throw new DicomException(files.get(i), "has no pixel data to display");
                }
                boolean first = opened++ == 0;
                Frame frame = first ? image.frame(0) : null;
                Platform.runLater(
                    () -> {
                      browser.add(image);
                      if (first) {
                        browser.select(image);
                        display(image, frame);
                      }
                    });
              } catch (DicomException e) {
                Platform.runLater(() -> browser.addFailure(e));
              }
            }
            updateProgress(files.size(), files.size());
            return opened;
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
    if (image == current) {
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

  private void display(DicomImage image, Frame frame) {
    current = image;
    overlay.clear();
    findingsPanel.clear();
    viewport.show(frame, image.modalityLut(), image.windows());
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

  /** Runs the built-in model on the image on screen, in the background. */
  public void analyzeCurrent() {
    DicomImage image = current;
    if (image == null) {
      status.message("Open an image first");
      return;
    }
    aiPanel.analyzeButton().setDisable(true);
    Task<ImageAnalysis> task =
        new Task<>() {
          @Override
          protected ImageAnalysis call() throws Exception {
            updateTitle("Analyze");
            updateMessage("Loading model…");
            updateProgress(-1, 1);
            ModelPackage pkg = workspace.builtinModel();
            Analyzer analyzer = workspace.analyzer(pkg, DeviceChoice.AUTO);
            updateMessage("Analysing image…");
            return ImageAnalysis.run(analyzer, image, 0);
          }
        };
    task.setOnSucceeded(
        e -> {
          aiPanel.analyzeButton().setDisable(false);
          ImageAnalysis result = task.getValue();
          if (result.image() != current) {
            return;
          }
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

  private MenuBar menus() {
    MenuItem openFiles =
        item("Open files…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
    openFiles.setOnAction(e -> chooseFiles());
    MenuItem openFolder =
        item(
            "Open folder…",
            new KeyCodeCombination(
                KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
    openFolder.setOnAction(e -> chooseFolder());
    MenuItem sample = new MenuItem("Open sample study");
    sample.setOnAction(e -> openSample());
    MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
    quit.setOnAction(e -> Platform.exit());
    MenuItem analyze =
        item("Analyze image", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
    analyze.setOnAction(e -> analyzeCurrent());
    MenuItem shortcuts = item("Keyboard shortcuts", new KeyCodeCombination(KeyCode.F1));
    shortcuts.setOnAction(e -> ShortcutHelp.show(getScene().getWindow()));
    return new MenuBar(
        new Menu("File", null, openFiles, openFolder, sample, quit),
        new Menu("AI", null, analyze),
        new Menu("Help", null, shortcuts));
  }

  private static MenuItem item(String text, KeyCombination accelerator) {
    MenuItem item = new MenuItem(text);
    item.setAccelerator(accelerator);
    return item;
  }

  private void chooseFiles() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Open DICOM files");
    List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
    if (files != null && !files.isEmpty()) {
      open(files.stream().map(File::toPath).toList());
    }
  }

  private void chooseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Open a folder of DICOM files");
    File dir = chooser.showDialog(getScene().getWindow());
    if (dir != null) {
      open(List.of(dir.toPath()));
    }
  }

  /** Single-key shortcuts work wherever focus is, except while typing in a text field. */
  private void shortcut(KeyEvent e) {
    if (e.isShortcutDown()
        || e.isAltDown()
        || e.getTarget() instanceof javafx.scene.control.TextInputControl) {
      return;
    }
    switch (e.getCode()) {
      case H -> overlay.aiVisibleProperty().set(!overlay.aiVisibleProperty().get());
      case F -> viewport.fit();
      case DIGIT1 -> viewport.actualSize();
      case I -> viewport.setInverted(!viewport.isInverted());
      case R -> viewport.resetWindow();
      case PLUS, EQUALS, ADD -> viewport.zoomBy(1.25);
      case MINUS, SUBTRACT -> viewport.zoomBy(1 / 1.25);
      default -> {
        return;
      }
    }
    e.consume();
  }

  public void shutdown() {
    status.stop();
    tasks.close();
  }
}
