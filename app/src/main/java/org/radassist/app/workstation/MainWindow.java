package org.radassist.app.workstation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.scene.control.Dialog;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.radassist.app.core.HangingRule;
import org.radassist.app.core.ImageAnalysis;
import org.radassist.app.core.ImageStack;
import org.radassist.app.core.ModelCardSummary;
import org.radassist.app.core.ModelChoice;
import org.radassist.app.core.NoModelForImageException;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.core.Settings;
import org.radassist.app.core.Workspace;
import org.radassist.app.i18n.Messages;
import org.radassist.app.pacs.PacsQueryPanel;
import org.radassist.app.pacs.PacsService;
import org.radassist.app.render.Colormap;
import org.radassist.app.render.FrameRenderer;
import org.radassist.app.render.HeatmapRenderer;
import org.radassist.app.render.Thumbnail;
import org.radassist.app.render.WindowPresets;
import org.radassist.app.session.Decision;
import org.radassist.app.session.DecisionKind;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.ReadingStoreException;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.model.Instance;
import org.radassist.dicom.model.LoadReport;
import org.radassist.dicom.model.LoadResult;
import org.radassist.dicom.model.Series;
import org.radassist.dicom.model.Study;
import org.radassist.dicom.model.StudyLoader;
import org.radassist.inference.analysis.AnalysisInput;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.Cancellation;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.ImageSource;
import org.radassist.inference.analysis.LabelResult;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.demo.BuiltInModels;
import org.radassist.inference.model.ModelPackageException;

/**
 * The workstation window: image browser on the left, the viewport in the middle taking most of the
 * screen, AI controls and findings on the right, status bar below. Every slow step (reading files,
 * decoding, inference) runs in {@link BackgroundTasks}; the handlers below only update the scene.
 */
public final class MainWindow extends BorderPane {
  private static final long FRAME_CACHE_BYTES = 512L << 20;
  private static final String ESCAPE_KEY = "Esc";

  private final Workspace workspace;
  private final Settings settings;
  private final BackgroundTasks tasks = new BackgroundTasks();
  private final AiDisplay aiDisplay;
  private final ViewerLayout layout;
  private final AiPanel aiPanel;
  private final FindingsPanel findingsPanel;
  private ReadingService readingRecord;
  private String openedStudy;
  private final StudyBrowser browser;
  private final StatusPanel status;
  private final SidePanels sides;
  private final SecondReadPanel secondRead;
  private final BooleanProperty blinded = new SimpleBooleanProperty();
  private Dialog<Void> modelCard;
  private List<Study> openStudies = List.of();
  private final Map<String, Kept> kept = new HashMap<>();

  /** When a recalled analysis was made, in the reader's time zone and language. */
  private static DateTimeFormatter recalledAt() {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(Messages.numbers())
        .withZone(ZoneId.systemDefault());
  }

  /**
   * The latest analysis of an image this window ran or recalled, as filed in the reading record, so
   * the image shows it again, with its decisions, whenever the reader comes back to it.
   */
  private record Kept(
      Prediction prediction, String modelReason, int frame, StoredAnalysis recorded) {}

  /** A warmed analyzer and why its model suits the image, in the reader's language. */
  private record Chosen(Analyzer analyzer, String reason) {}

  private final StudyLoader loader = StudyLoader.withDefaultThreads();

  public MainWindow(Workspace workspace) {
    this.workspace = workspace;
    this.settings = Settings.load(workspace.paths());
    getStyleClass().add("main-window");
    aiDisplay =
        new AiDisplay(
            new HeatmapRenderer(Colormap.named(settings.colormap()), AiPanel.HEATMAP_FLOOR),
            settings.heatmapOpacity());
    aiDisplay.outlinesProperty().set(settings.heatmapOutlines());
    aiPanel =
        new AiPanel(
            aiDisplay,
            settings.colormap(),
            settings.model(),
            this::analyzeCurrent,
            this::chooseModel,
            this::showModelCard);
    aiPanel.offWhile(blinded);
    findingsPanel = new FindingsPanel(this::focus, this::decide);
    layout = new ViewerLayout(tasks, aiDisplay, this::paneActivated);
    browser = new StudyBrowser(this::select);
    status = new StatusPanel(tasks);

    TitledPane ai = new TitledPane(Messages.text("panel.ai"), aiPanel);
    TitledPane findings = new TitledPane(Messages.text("panel.findings"), findingsPanel);
    secondRead = new SecondReadPanel(new SecondReadHost());
    TitledPane read = new TitledPane(Messages.text("panel.secondRead"), secondRead);
    read.setExpanded(false);
    VBox side = new VBox(ai, findings);
    for (ViewerPane pane : layout.allPanes()) {
      // Stepping through a stack shows each image's analysis, as selecting it does: after
      // "analyze all" the results were seen only on the image a series opened at.
      pane.setOnSliceShown(
          slice -> {
            showKnownAnalysis(pane, slice);
            if (pane == layout.active()) {
              paneActivated(pane);
            }
          });
      pane.viewport()
          .setOnMark(
              region -> {
                if (!secondRead.mark(pane.image(), pane.frameIndex(), region)) {
                  status.message(Messages.text("status.marksNeedRead"));
                }
              });
    }
    side.getStyleClass().add("side-panel");
    side.setId("side-panel");
    ScrollPane sideScroll = new ScrollPane(side);
    sideScroll.setFitToWidth(true);
    // The findings list gives up rows before the panel scrolls, so that its Accept and Reject
    // stay in sight above the second read.
    sideScroll.setFitToHeight(true);
    VBox.setVgrow(findings, Priority.ALWAYS);
    findings.setMaxHeight(Double.MAX_VALUE);
    // Squeezed, the AI controls cut their legend and model line to one line: they keep their
    // height and the panel scrolls instead.
    ai.setMinHeight(Region.USE_PREF_SIZE);
    // The second read sits below the scrolling AI controls, never inside them: below a tall
    // findings list its Reveal and Finish buttons fell off the panel and the reader had to scroll
    // to end a read.
    VBox readArea = new VBox(read);
    readArea.getStyleClass().add("side-panel");
    readArea.setId("read-area");
    BorderPane aiSide = new BorderPane(sideScroll);
    aiSide.setBottom(readArea);
    aiSide.setId("ai-side");
    sides = new SidePanels(browser, layout, aiSide);
    setTop(WorkstationMenus.build(this));
    setCenter(sides.node());
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

  /** The pane the reader works in. */
  ViewerPane activePane() {
    return layout.active();
  }

  /** The viewport of the active pane. */
  public Viewport viewport() {
    return layout.active().viewport();
  }

  /** The AI layer of the active pane. */
  public AiOverlay overlay() {
    return layout.active().overlay();
  }

  /** True while the reader reads blinded: no AI may be run or shown. */
  ReadOnlyBooleanProperty blindedProperty() {
    return blinded;
  }

  SidePanels sidePanels() {
    return sides;
  }

  StudyBrowser studyBrowser() {
    return browser;
  }

  public AiDisplay aiDisplay() {
    return aiDisplay;
  }

  public ViewerLayout viewerLayout() {
    return layout;
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
            updateMessage(Messages.text("status.sample.preparing"));
            return SampleStudy.ensure(workspace.paths());
          }
        };
    task.setOnSucceeded(e -> open(List.of(task.getValue())));
    task.setOnFailed(
        e ->
            status.message(
                Messages.format("status.sample.failed", task.getException().getMessage())));
    tasks.submit(task);
  }

  /**
   * Opens files, folders, zips and DICOMDIRs: the metadata of every instance first, then the first
   * image of the first series on screen, then thumbnails; unreadable files are listed with their
   * reason and everything else opens.
   */
  public void open(List<Path> paths) {
    kept.clear();
    openStudies = List.of();
    browser.clear();
    layout.clear();
    findingsPanel.clear();
    aiPanel.clear();
    Task<LoadResult> task =
        new Task<>() {
          @Override
          protected LoadResult call() throws Exception {
            updateTitle("Open");
            updateMessage(Messages.text("status.open.reading"));
            updateProgress(-1, 1);
            LoadResult result = loader.load(paths);
            Platform.runLater(() -> listStudies(result));
            Optional<Series> current = HangingRule.first(result.studies());
            if (current.isPresent()) {
              ImageStack stack = new ImageStack(current.get(), FRAME_CACHE_BYTES);
              ImageStack.Slice first = firstSlice(stack);
              if (first != null) {
                Platform.runLater(() -> display(stack, first));
              }
            }
            List<Series> all =
                result.studies().stream()
                    .flatMap(s -> s.series().stream())
                    .filter(series -> series.frameCount() > 0)
                    .toList();
            for (int i = 0; i < all.size() && !isCancelled(); i++) {
              Series series = all.get(i);
              updateMessage(Messages.format("status.open.thumbnails", i + 1, all.size()));
              updateProgress(i + 1, all.size());
              thumbnail(series);
            }
            return result;
          }
        };
    task.setOnSucceeded(
        e -> {
          LoadReport report = task.getValue().report();
          status.message(
              Messages.format("status.open.done", report.loaded())
                  + (report.failures().isEmpty()
                      ? ""
                      : Messages.format("status.open.notOpened", report.failures().size()))
                  + (report.duplicates().isEmpty()
                      ? ""
                      : Messages.format("status.open.duplicates", report.duplicates().size())));
          hangPriorsOnOpening();
        });
    task.setOnFailed(
        e ->
            status.message(
                Messages.format("status.open.failed", task.getException().getMessage())));
    tasks.submit(task);
  }

  private void listStudies(LoadResult result) {
    openStudies = result.studies();
    browser.show(result.studies());
    for (LoadReport.Failure f : result.report().failures()) {
      browser.addFailure(f.reason(), f.location());
    }
  }

  private ImageStack.Slice firstSlice(ImageStack stack) {
    try {
      return stack.get(0);
    } catch (DicomException e) {
      Platform.runLater(() -> browser.addFailure(e.getMessage()));
      return null;
    }
  }

  private void thumbnail(Series series) {
    try {
      DicomImage image = series.instances().get(0).image();
      FrameRenderer renderer = FrameRenderer.of(image, image.frame(0));
      Thumbnail t = Thumbnail.of(renderer, StudyBrowser.THUMBNAIL_SIZE);
      Platform.runLater(() -> browser.setThumbnail(series, t));
    } catch (DicomException e) {
      Platform.runLater(() -> browser.addFailure(e.getMessage()));
    }
  }

  private void select(Series series) {
    ImageStack current = layout.active().stack();
    if (current != null && current.series() == series) {
      return;
    }
    ImageStack stack = new ImageStack(series, FRAME_CACHE_BYTES);
    if (stack.size() == 0) {
      status.message(Messages.text("status.series.noImages"));
      return;
    }
    Task<ImageStack.Slice> task =
        new Task<>() {
          @Override
          protected ImageStack.Slice call() throws Exception {
            updateTitle("Decode");
            updateMessage(Messages.text("status.decoding"));
            return stack.get(0);
          }
        };
    task.setOnSucceeded(e -> display(stack, task.getValue()));
    task.setOnFailed(e -> status.message(task.getException().getMessage()));
    tasks.submit(task);
  }

  private void display(ImageStack stack, ImageStack.Slice first) {
    ViewerPane pane = layout.active();
    pane.display(stack, first);
    browser.select(stack.series());
    DicomImage image = first.image();
    auditOpened(image.studyInstanceUid());
    showKnownAnalysis(pane, first);
    paneActivated(pane);
    status.message(
        Messages.format("status.showing", image.modality(), image.columns(), image.rows()));
  }

  /**
   * The image's latest analysis with its decisions, from this window or from the reading record, on
   * the pane that now shows it.
   */
  private void showKnownAnalysis(ViewerPane pane, ImageStack.Slice slice) {
    DicomImage image = slice.image();
    Kept earlier = kept.get(image.sopInstanceUid());
    if (earlier != null && earlier.frame() == slice.frameIndex()) {
      pane.showAnalysis(
          new ImageAnalysis(
              image,
              earlier.frame(),
              slice.frame(),
              earlier.prediction(),
              0,
              earlier.modelReason()));
      pane.setRecorded(earlier.recorded());
    } else {
      recall(pane, slice);
    }
  }

  /** Side by side as soon as the current study's patient has a prior open. */
  private void hangPriorsOnOpening() {
    ImageStack current = layout.pane(0).stack();
    if (current == null || layout.panes().size() > 1) {
      return;
    }
    Study study =
        openStudies.stream()
            .filter(s -> s.series().contains(current.series()))
            .findFirst()
            .orElse(null);
    if (study != null && !HangingRule.priors(openStudies, study).isEmpty()) {
      setLayout(2, 1);
      status.message(Messages.text("status.currentAndPrior"));
    }
  }

  /**
   * Ctrl+1/2/4: the left pane keeps the current study and the others take its patient's priors,
   * else the next open series; a pane already showing what it should keeps its view and result.
   */
  void setLayout(int columns, int rows) {
    layout.setGrid(columns, rows);
    List<ViewerPane> panes = layout.panes();
    ImageStack current = panes.get(0).stack();
    if (current == null) {
      return;
    }
    List<Series> beside = HangingRule.beside(openStudies, current.series(), panes.size() - 1);
    for (int i = 0; i < beside.size(); i++) {
      ViewerPane pane = panes.get(i + 1);
      Series series = beside.get(i);
      if (pane.stack() == null || pane.stack().series() != series) {
        hang(pane, series);
      }
    }
  }

  private void hang(ViewerPane pane, Series series) {
    ImageStack stack = new ImageStack(series, FRAME_CACHE_BYTES);
    Task<ImageStack.Slice> task =
        new Task<>() {
          @Override
          protected ImageStack.Slice call() throws Exception {
            return stack.get(0);
          }
        };
    // The reader may have opened other files or put another series in the pane meanwhile.
    ImageStack before = pane.stack();
    List<Study> hungFrom = openStudies;
    task.setOnSucceeded(
        e -> {
          if (pane.stack() == before && openStudies == hungFrom) {
            pane.display(stack, task.getValue());
            showKnownAnalysis(pane, task.getValue());
            if (pane == layout.active()) {
              paneActivated(pane);
            }
          }
        });
    task.setOnFailed(e -> status.message(task.getException().getMessage()));
    tasks.submitQuietly(task);
  }

  /** The findings panel and AI controls follow the pane the reader works in. */
  private void paneActivated(ViewerPane pane) {
    ImageAnalysis shown = pane.analysis();
    // A blinded reader must not read the findings of a recorded analysis off the panel either.
    if (shown == null || blinded.get()) {
      findingsPanel.clear();
      aiPanel.clear();
    } else {
      findingsPanel.show(shown.prediction());
      aiPanel.show(shown.prediction(), shown.modelReason(), pane.overlay());
      if (pane.recorded() != null) {
        showDecisions(pane, pane.recorded());
      }
    }
  }

  /** Shows the committed decisions of the pane's recorded analysis when the pane is activated. */
  private void showDecisions(ViewerPane pane, StoredAnalysis stored) {
    Task<List<Decision>> task =
        new Task<>() {
          @Override
          protected List<Decision> call() throws Exception {
            return readingRecord().decisionsOn(stored);
          }
        };
    task.setOnSucceeded(
        e -> {
          if (pane == layout.active() && pane.recorded() == stored) {
            findingsPanel.recorded();
            task.getValue().forEach(findingsPanel::confirmed);
          }
        });
    task.setOnFailed(e -> status.message(task.getException().getMessage()));
    tasks.submitQuietly(task);
  }

  void stepFrame(int delta) {
    layout.active().stepFrame(delta);
  }

  void toggleCine() {
    layout.active().toggleCine();
  }

  void applyPreset(int index) {
    List<WindowPresets.Preset> presets = presets();
    if (index < presets.size()) {
      viewport().windowProperty().set(presets.get(index).window());
      status.message(Messages.format("status.preset", presets.get(index).name()));
    }
  }

  List<WindowPresets.Preset> presets() {
    return layout.active().presets();
  }

  /**
   * Loads and warms the model for the image on screen (the chest model before any image is shown)
   * in the background while the reader looks at it, so the first analysis does not wait for the
   * engine to start.
   */
  public void warmUpModel() {
    DicomImage image = layout.active().image();
    Attributes shown = image == null ? null : image.attributes();
    Task<Chosen> task =
        new Task<>() {
          @Override
          protected Chosen call() throws Exception {
            return analyzerFor(shown);
          }
        };
    task.setOnSucceeded(e -> status.setDevice(task.getValue().analyzer().device()));
    tasks.submitQuietly(task);
  }

  private Chosen analyzerFor(Attributes image) throws ModelPackageException {
    Workspace.SelectedModel selected = workspace.modelFor(settings.model(), image);
    return new Chosen(
        workspace.analyzer(selected.pkg(), settings.device(), settings.threads()),
        AiPanel.reason(selected));
  }

  /**
   * Runs the chosen model on the first frame of every open image, in parallel workers, with
   * progress and cancel; each image shows its result when it is displayed.
   */
  public void analyzeAll() {
    if (blinded.get()) {
      status.message(Messages.text("status.blinded"));
      return;
    }
    List<Instance> images =
        browser.series().stream()
            .flatMap(series -> series.instances().stream())
            .filter(Instance::isImage)
            .toList();
    if (images.isEmpty()) {
      status.message(Messages.text("status.openImagesFirst"));
      return;
    }
    AtomicInteger skipped = new AtomicInteger();
    Task<Integer> task =
        new Task<>() {
          @Override
          protected Integer call() throws Exception {
            updateTitle("Analyze all");
            updateMessage(Messages.text("status.analyzeAll.loading"));
            Map<Analyzer, List<Integer>> byModel = new LinkedHashMap<>();
            Map<Analyzer, String> reasons = new HashMap<>();
            for (int i = 0; i < images.size(); i++) {
              try {
                Chosen chosen = analyzerFor(images.get(i).metadata());
                byModel.computeIfAbsent(chosen.analyzer(), a -> new ArrayList<>()).add(i);
                reasons.putIfAbsent(chosen.analyzer(), chosen.reason());
              } catch (NoModelForImageException e) {
                skipped.incrementAndGet();
              }
            }
            Cancellation cancellation = new Cancellation();
            int[] positives = {0};
            int[] finished = {0};
            for (Map.Entry<Analyzer, List<Integer>> group : byModel.entrySet()) {
              List<Integer> indices = group.getValue();
              String reason = reasons.get(group.getKey());
              group
                  .getKey()
                  .analyzeAll(
                      indices.stream().map(i -> source(images.get(i))).toList(),
                      (done, total, item) -> {
                        if (isCancelled()) {
                          cancellation.cancel();
                        }
                        item.prediction()
                            .ifPresent(
                                p -> {
                                  Instance image = images.get(indices.get(item.index()));
                                  positives[0] +=
                                      p.labels().stream().anyMatch(LabelResult::positive) ? 1 : 0;
                                  keepBatchResult(image, p, reason);
                                });
                        finished[0]++;
                        int toRead = images.size() - skipped.get();
                        updateProgress(finished[0], toRead);
                        updateMessage(
                            Messages.format("status.analyzeAll.progress", finished[0], toRead));
                      },
                      cancellation);
            }
            return positives[0];
          }
        };
    task.setOnSucceeded(
        e -> {
          int notRead = skipped.get();
          status.message(
              Messages.format("status.analyzeAll.done", images.size() - notRead, task.getValue())
                  + (notRead == 0 ? "" : Messages.format("status.analyzeAll.skipped", notRead)));
          // The reader stays on the image they were reading, which now shows its result.
          ViewerPane pane = layout.active();
          if (pane.slice() != null && pane.analysis() == null) {
            showKnownAnalysis(pane, pane.slice());
            paneActivated(pane);
          }
        });
    task.setOnFailed(
        e ->
            status.message(
                Messages.format("status.analysis.failed", task.getException().getMessage())));
    task.setOnCancelled(e -> status.message(Messages.text("status.analyzeAll.cancelled")));
    tasks.submit(task);
  }

  private static ImageSource source(Instance instance) {
    return new ImageSource() {
      @Override
      public String name() {
        return instance.source().describe();
      }

      @Override
      public AnalysisInput load() throws Exception {
        return AnalysisInput.of(instance.image(), 0);
      }
    };
  }

  /**
   * Makes {@code choice} the model for the next analyses and saves it; when the image on screen
   * already shows a result, analyses it again so the reader compares like with like at once.
   */
  void chooseModel(ModelChoice choice) {
    if (choice == null) {
      return;
    }
    boolean changed = !choice.equals(settings.model());
    settings.setModel(choice);
    aiPanel.showModel(choice);
    saveSettings();
    if (changed && !blinded.get() && layout.active().analysis() != null) {
      analyzeCurrent();
    }
  }

  /**
   * Shows the card of the chosen model; under automatic choice, of the model whose result is on
   * screen, or of both built-in models before there is one. Loading a package reads and hashes
   * files, so it runs in the background.
   */
  void showModelCard() {
    ModelChoice choice = settings.model();
    ImageAnalysis shown = layout.active().analysis();
    String analysed = shown == null ? null : shown.prediction().model().id();
    boolean automaticBeforeResult =
        choice instanceof ModelChoice.Automatic
            && (analysed == null || !Workspace.builtinIds().contains(analysed));
    Task<List<ModelCardSummary>> task =
        new Task<>() {
          @Override
          protected List<ModelCardSummary> call() throws Exception {
            if (automaticBeforeResult) {
              List<ModelCardSummary> cards = new ArrayList<>();
              for (String id : BuiltInModels.SELECTABLE) {
                cards.add(ModelCardSummary.of(workspace.builtinModel(id)));
              }
              return cards;
            }
            ModelChoice described =
                choice instanceof ModelChoice.Automatic
                    ? new ModelChoice.Builtin(analysed)
                    : choice;
            return List.of(ModelCardSummary.of(workspace.modelFor(described, null).pkg()));
          }
        };
    task.setOnSucceeded(
        e -> {
          // One card at a time: a second click after changing the model would otherwise leave
          // the old model's card open beside the new one, and the reader could read the wrong one.
          if (modelCard != null) {
            modelCard.close();
          }
          modelCard =
              ModelCardDialog.show(
                  getScene().getWindow(),
                  task.getValue(),
                  automaticBeforeResult ? Messages.text("modelCard.automaticBeforeResult") : null);
        });
    task.setOnFailed(
        e ->
            status.message(
                Messages.format("status.modelCard.failed", task.getException().getMessage())));
    tasks.submitQuietly(task);
  }

  /**
   * Runs the model for the frame on screen: the built-in model for its body part unless the reader
   * picked one.
   */
  public void analyzeCurrent() {
    if (blinded.get()) {
      status.message(Messages.text("status.blinded"));
      return;
    }
    ViewerPane pane = layout.active();
    DicomImage image = pane.image();
    if (image == null) {
      status.message(Messages.text("status.openImageFirst"));
      return;
    }
    int frame = pane.frameIndex();
    long ticket = pane.requestAnalysis();
    aiPanel.setAnalysing(true);
    Task<ImageAnalysis> task =
        new Task<>() {
          @Override
          protected ImageAnalysis call() throws Exception {
            updateTitle("Analyze");
            updateMessage(Messages.text("status.analysis.loading"));
            updateProgress(-1, 1);
            Chosen chosen = analyzerFor(image.attributes());
            updateMessage(Messages.text("status.analysis.running"));
            return ImageAnalysis.run(chosen.analyzer(), image, frame, chosen.reason());
          }
        };
    task.setOnSucceeded(
        e -> {
          aiPanel.setAnalysing(false);
          ImageAnalysis result = task.getValue();
          if (!pane.isLatestRequest(ticket)) {
            status.message(Messages.text("status.analysis.dropped"));
            return;
          }
          if (!pane.showAnalysis(result)) {
            status.message(Messages.text("status.analysis.offScreen"));
            return;
          }
          if (pane == layout.active()) {
            paneActivated(pane);
          }
          record(result, pane);
          status.setDevice(result.prediction().device());
          status.message(
              Messages.format(
                  "status.analysis.done", result.prediction().findings().size(), result.totalMs()));
        });
    task.setOnFailed(
        e -> {
          aiPanel.setAnalysing(false);
          Throwable why = task.getException();
          if (why instanceof NoModelForImageException none) {
            String reason = AiPanel.noModelReason(none);
            if (pane.isLatestRequest(ticket)) {
              aiPanel.notAnalysed(reason);
            }
            status.message(Messages.format("ai.notAnalysed", reason));
          } else {
            status.message(Messages.format("status.analysis.failed", why.getMessage()));
          }
        });
    task.setOnCancelled(
        e -> {
          aiPanel.setAnalysing(false);
          status.message(Messages.text("status.analysis.cancelled"));
        });
    tasks.submit(task);
  }

  /** Audits the opening of a study once per study shown, off the JavaFX thread. */
  private void auditOpened(String studyUid) {
    if (studyUid == null || studyUid.equals(openedStudy)) {
      return;
    }
    openedStudy = studyUid;
    Task<Void> task =
        new Task<>() {
          @Override
          protected Void call() throws Exception {
            readingRecord().studyOpened(studyUid, null);
            return null;
          }
        };
    task.setOnFailed(e -> status.message(task.getException().getMessage()));
    tasks.submitQuietly(task);
  }

  /**
   * Files one result of "analyze all" in the reading record at once, on the batch's worker (the
   * image may never be shown), and keeps it for when its image is displayed.
   */
  private void keepBatchResult(Instance image, Prediction p, String reason) {
    StoredAnalysis stored = null;
    try {
      stored = readingRecord().recordAnalysis(image.image(), 0, p, null);
    } catch (ReadingStoreException | DicomException e) {
      String why = e.getMessage();
      Platform.runLater(() -> status.message(why));
    }
    Kept k = new Kept(p, reason, 0, stored);
    String uid = image.sopInstanceUid();
    Platform.runLater(() -> kept.put(uid, k));
  }

  /**
   * Shows the image's latest recorded analysis of this frame, if the reading record holds one (from
   * an earlier visit or an earlier day), with the decisions on it: the reader sees what was found
   * and decided without running the model again.
   */
  private void recall(ViewerPane pane, ImageStack.Slice slice) {
    DicomImage image = slice.image();
    String studyUid = image.studyInstanceUid();
    if (studyUid == null) {
      return;
    }
    int frame = slice.frameIndex();
    Task<Optional<ReadingService.Recalled>> task =
        new Task<>() {
          @Override
          protected Optional<ReadingService.Recalled> call() throws Exception {
            return readingRecord().recall(studyUid, image.sopInstanceUid(), frame);
          }
        };
    task.setOnSucceeded(
        e -> {
          Optional<ReadingService.Recalled> found = task.getValue();
          if (found.isEmpty() || pane.analysis() != null) {
            return;
          }
          ReadingService.Recalled r = found.get();
          String reason =
              Messages.format("ai.reason.recalled", recalledAt().format(r.analysis().analysedAt()));
          if (pane.showAnalysis(
              new ImageAnalysis(image, frame, slice.frame(), r.prediction(), 0, reason))) {
            pane.setRecorded(r.analysis());
            kept.put(image.sopInstanceUid(), new Kept(r.prediction(), reason, frame, r.analysis()));
            if (pane == layout.active()) {
              paneActivated(pane);
            }
          }
        });
    task.setOnFailed(e -> status.message(task.getException().getMessage()));
    tasks.submitQuietly(task);
  }

  /** Files the analysis in the reading record, off the JavaFX thread, before decisions open. */
  private void record(ImageAnalysis result, ViewerPane pane) {
    Task<StoredAnalysis> task =
        new Task<>() {
          @Override
          protected StoredAnalysis call() throws Exception {
            return readingRecord()
                .recordAnalysis(result.image(), result.frameIndex(), result.prediction(), null);
          }
        };
    task.setOnSucceeded(
        e -> {
          kept.put(
              result.image().sopInstanceUid(),
              new Kept(
                  result.prediction(), result.modelReason(), result.frameIndex(), task.getValue()));
          if (pane.analysis() == result) {
            pane.setRecorded(task.getValue());
            if (pane == layout.active()) {
              findingsPanel.recorded();
            }
          }
        });
    task.setOnFailed(e -> status.message(task.getException().getMessage()));
    tasks.submitQuietly(task);
  }

  /** Records a decision; the panel shows it only after the record has committed it. */
  private void decide(int index, DecisionKind kind, String comment) {
    ViewerPane pane = layout.active();
    StoredAnalysis analysis = pane.recorded();
    if (analysis == null) {
      findingsPanel.notSaved();
      status.message(Messages.text("status.decision.notRecorded"));
      return;
    }
    Task<Decision> task =
        new Task<>() {
          @Override
          protected Decision call() throws Exception {
            return readingRecord().decide(analysis, index, kind, null, comment, null);
          }
        };
    task.setOnSucceeded(
        e -> {
          if (analysis == pane.recorded() && pane == layout.active()) {
            findingsPanel.confirmed(task.getValue());
            status.message(
                Messages.format(
                    "status.decision.saved", index + 1, FindingsPanel.decisionWords(kind)));
          }
        });
    task.setOnFailed(
        e -> {
          findingsPanel.notSaved();
          status.message(task.getException().getMessage());
        });
    tasks.submitQuietly(task);
  }

  private synchronized ReadingService readingRecord() throws ReadingStoreException {
    if (readingRecord == null) {
      readingRecord = ReadingService.open(workspace.paths().root());
    }
    return readingRecord;
  }

  private void focus(Finding finding) {
    Finding.Box b = finding.box();
    viewport().focusOn(b.x(), b.y(), b.width(), b.height());
  }

  /** The PACS window: studies retrieved there open here; the AI result on screen can go back. */
  void showPacs() {
    try {
      PacsQueryPanel.show(
          getScene().getWindow(),
          PacsService.open(workspace.paths()),
          tasks::submit,
          this::open,
          () -> Optional.ofNullable(layout.active().analysis()));
    } catch (IOException e) {
      status.message(Messages.format("status.pacs.unreadable", e.getMessage()));
    }
  }

  void chooseFiles() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text("chooser.openFiles"));
    List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
    if (files != null && !files.isEmpty()) {
      open(files.stream().map(File::toPath).toList());
    }
  }

  void chooseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.text("chooser.openFolder"));
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
    settings.setHeatmapOpacity(aiDisplay.opacityProperty().get());
    settings.setHeatmapOutlines(aiDisplay.outlinesProperty().get());
    try {
      settings.save();
    } catch (java.io.IOException e) {
      status.message(Messages.format("status.settingsNotSaved", e.getMessage()));
    }
  }

  void setTool(MeasurementLayer.Tool tool) {
    for (ViewerPane pane : layout.panes()) {
      pane.viewport().toolProperty().set(tool);
    }
    status.message(
        switch (tool) {
          case LENGTH -> Messages.format("status.tool.length", ESCAPE_KEY);
          case ANGLE -> Messages.format("status.tool.angle", ESCAPE_KEY);
          case MARK -> Messages.format("status.tool.mark", ESCAPE_KEY);
          case NONE -> Messages.text("status.tool.pan");
        });
  }

  /** Shows or hides all AI at once (H, or the AI menu); never while the reader reads blinded. */
  void toggleAi() {
    if (!blinded.get()) {
      aiDisplay.visibleProperty().set(!aiDisplay.visibleProperty().get());
    }
  }

  /** Single-key shortcuts work wherever focus is, except while typing in a text field. */
  private void shortcut(KeyEvent e) {
    if (blinded.get() && e.isShortcutDown() && e.getCode() == KeyCode.R) {
      // The AI menu's analyses are off during a blinded read, so their keys would do nothing at
      // all: say why instead.
      status.message(Messages.text("status.blinded"));
      e.consume();
      return;
    }
    if (e.isShortcutDown() || e.isAltDown() || e.getTarget() instanceof TextInputControl) {
      return;
    }
    switch (e.getCode()) {
      case F1 -> ShortcutHelp.show(getScene().getWindow());
      case H -> toggleAi();
      case F -> viewport().fit();
      case DIGIT1 -> viewport().actualSize();
      case DIGIT2, DIGIT3, DIGIT4, DIGIT5, DIGIT6, DIGIT7, DIGIT8, DIGIT9 ->
          applyPreset(e.getCode().ordinal() - KeyCode.DIGIT2.ordinal());
      case I -> viewport().setInverted(!viewport().isInverted());
      case R -> viewport().resetWindow();
      case T -> viewport().rotateClockwise();
      case M -> viewport().flipHorizontal();
      case L -> setTool(MeasurementLayer.Tool.LENGTH);
      case K -> setTool(MeasurementLayer.Tool.MARK);
      case A -> setTool(MeasurementLayer.Tool.ANGLE);
      case ESCAPE -> setTool(MeasurementLayer.Tool.NONE);
      case UP, PAGE_UP -> stepFrame(-1);
      case DOWN, PAGE_DOWN -> stepFrame(1);
      case SPACE -> toggleCine();
      case PLUS, EQUALS, ADD -> viewport().zoomBy(1.25);
      case MINUS, SUBTRACT -> viewport().zoomBy(1 / 1.25);
      default -> {
        return;
      }
    }
    e.consume();
  }

  /** The window side of the second-read panel. */
  private final class SecondReadHost implements SecondReadPanel.Host {
    @Override
    public ReadingService record() throws Exception {
      return readingRecord();
    }

    @Override
    public String currentStudy() {
      DicomImage image = layout.active().image();
      return image == null ? null : image.studyInstanceUid();
    }

    @Override
    public void setBlinded(boolean hidden) {
      boolean revealed = blinded.get() && !hidden;
      blinded.set(hidden);
      aiDisplay.visibleProperty().set(!hidden);
      aiPanel.setDisable(hidden);
      findingsPanel.setDisable(hidden);
      if (revealed && layout.active().analysis() == null) {
        analyzeCurrent();
      } else {
        paneActivated(layout.active());
      }
    }

    @Override
    public void submit(Task<?> task) {
      tasks.submit(task);
    }

    @Override
    public void message(String text) {
      status.message(text);
    }
  }

  void clearMeasurements() {
    viewport().measurements().clear();
  }

  void showSettings() {
    SettingsDialog.show(this, settings);
  }

  public void shutdown() {
    // The reader's way of showing the AI (colormap, opacity, outlines) is theirs the next day too.
    saveSettings();
    layout.stop();
    loader.close();
    status.stop();
    tasks.close();
    synchronized (this) {
      if (readingRecord != null) {
        readingRecord.close();
      }
    }
  }
}
