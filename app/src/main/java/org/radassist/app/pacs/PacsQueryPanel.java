package org.radassist.app.pacs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.radassist.app.core.ImageAnalysis;
import org.radassist.app.i18n.Messages;
import org.radassist.dicom.web.DicomWebClient;
import org.radassist.dicom.web.RetrieveProgress;
import org.radassist.dicom.web.StoreResult;
import org.radassist.dicom.web.StudyQuery;
import org.radassist.dicom.web.StudySearch;
import org.radassist.dicom.web.StudySummary;

/**
 * The workstation's PACS window: pick a configured server (or add one), search studies, retrieve
 * the selected one into the cache and open it, or open it from the cache without the network; and
 * send the current AI result back as a Secondary Capture. Every request runs as a background task
 * with progress and cancel; the handlers here only update the scene.
 */
public final class PacsQueryPanel extends BorderPane {
  private final PacsService service;
  private final Consumer<Task<?>> submit;
  private final Consumer<List<Path>> open;
  private final Supplier<Optional<ImageAnalysis>> currentAnalysis;

  private final ChoiceBox<PacsServer> server = new ChoiceBox<>();
  private final PasswordField secret = new PasswordField();
  private final TextField patientId = new TextField();
  private final TextField patientName = new TextField();
  private final TextField accession = new TextField();
  private final DatePicker from = new DatePicker();
  private final DatePicker to = new DatePicker();
  private final TextField modality = new TextField();
  private final TableView<StudySummary> results = new TableView<>();
  private final ProgressBar progress = new ProgressBar(0);
  private final Label status = new Label();
  private final Button search = new Button(Messages.text("pacs.search"));
  private final Button cached = new Button(Messages.text("pacs.cached"));
  private final Button retrieve = new Button(Messages.text("pacs.retrieve"));
  private final Button send = new Button(Messages.text("pacs.send"));
  private final Button cancel = new Button(Messages.text("pacs.cancel"));
  private Task<?> running;

  public PacsQueryPanel(
      PacsService service,
      Consumer<Task<?>> submit,
      Consumer<List<Path>> open,
      Supplier<Optional<ImageAnalysis>> currentAnalysis) {
    this.service = service;
    this.submit = submit;
    this.open = open;
    this.currentAnalysis = currentAnalysis;
    getStyleClass().add("pacs-panel");
    setPadding(new Insets(10));

    server.setId("pacs-server");
    server.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(PacsServer s) {
            return s == null ? "" : s.name() + "  (" + s.url() + ")";
          }

          @Override
          public PacsServer fromString(String s) {
            return null;
          }
        });
    server.getItems().setAll(service.settings().servers());
    if (!server.getItems().isEmpty()) {
      server.getSelectionModel().select(0);
    }
    secret.setId("pacs-secret");
    secret.setPromptText(Messages.text("pacs.secretPrompt"));
    secret.visibleProperty().bind(server.valueProperty().map(this::asksForSecret).orElse(false));
    secret.managedProperty().bind(secret.visibleProperty());
    Button addServer = new Button(Messages.text("pacs.addServer"));
    addServer.setOnAction(e -> AddServerDialog.show(getScene().getWindow(), this::addServer));
    HBox serverRow =
        new HBox(8, new Label(Messages.text("pacs.server")), server, secret, addServer);

    patientId.setId("pacs-patient-id");
    patientId.setPromptText(Messages.text("pacs.patientId"));
    patientName.setId("pacs-patient-name");
    patientName.setPromptText(Messages.text("pacs.patientName"));
    accession.setPromptText(Messages.text("pacs.accession"));
    from.setPromptText(Messages.text("pacs.dateFrom"));
    to.setPromptText(Messages.text("pacs.dateTo"));
    modality.setPromptText(Messages.text("pacs.modality"));
    modality.setPrefColumnCount(6);
    search.setId("pacs-search");
    search.setDefaultButton(true);
    search.setOnAction(e -> search());
    cached.setId("pacs-cached");
    cached.setOnAction(e -> listCached());
    FlowPane criteria =
        new FlowPane(8, 6, patientId, patientName, accession, from, to, modality, search, cached);

    results.setId("pacs-results");
    results.setPlaceholder(new Label(Messages.text("pacs.noResults")));
    results
        .getColumns()
        .setAll(
            List.of(
                column(Messages.text("pacs.column.date"), StudySummary::studyDate),
                column(Messages.text("pacs.column.patientId"), StudySummary::patientId),
                column(
                    Messages.text("pacs.column.name"),
                    s -> s.patientName() == null ? "" : s.patientName().replace('^', ' ')),
                column(
                    Messages.text("pacs.column.modality"), s -> String.join("/", s.modalities())),
                column(Messages.text("pacs.column.description"), StudySummary::description),
                column(
                    Messages.text("pacs.column.images"),
                    s -> s.instanceCount() < 0 ? "" : String.valueOf(s.instanceCount()))));
    results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    results.setRowFactory(
        tv -> {
          var row = new javafx.scene.control.TableRow<StudySummary>();
          row.setOnMouseClicked(
              e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                  retrieve();
                }
              });
          return row;
        });

    retrieve.setId("pacs-retrieve");
    retrieve.disableProperty().bind(results.getSelectionModel().selectedItemProperty().isNull());
    retrieve.setOnAction(e -> retrieve());
    send.setId("pacs-send");
    send.setOnAction(e -> sendResult());
    cancel.setId("pacs-cancel");
    cancel.setDisable(true);
    cancel.setOnAction(
        e -> {
          if (running != null) {
            running.cancel(true);
          }
        });
    status.setId("pacs-status");
    progress.setPrefWidth(160);
    HBox actions = new HBox(8, retrieve, send, progress, cancel, status);
    HBox.setHgrow(status, Priority.ALWAYS);

    VBox top = new VBox(8, serverRow, criteria);
    top.setPadding(new Insets(0, 0, 8, 0));
    setTop(top);
    setCenter(results);
    actions.setPadding(new Insets(8, 0, 0, 0));
    setBottom(actions);
  }

  /** Opens the panel in its own window beside the workstation. */
  public static Stage show(
      Window owner,
      PacsService service,
      Consumer<Task<?>> submit,
      Consumer<List<Path>> open,
      Supplier<Optional<ImageAnalysis>> currentAnalysis) {
    PacsQueryPanel panel = new PacsQueryPanel(service, submit, open, currentAnalysis);
    Stage stage = new Stage();
    stage.initOwner(owner);
    stage.setTitle(Messages.text("pacs.title"));
    Scene scene = new Scene(panel, 960, 560);
    if (owner != null && owner.getScene() != null) {
      scene.getStylesheets().setAll(owner.getScene().getStylesheets());
    }
    stage.setScene(scene);
    stage.show();
    return stage;
  }

  private static TableColumn<StudySummary, String> column(
      String title, java.util.function.Function<StudySummary, String> value) {
    TableColumn<StudySummary, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    return c;
  }

  private boolean asksForSecret(PacsServer s) {
    return s.needsSecret() && s.secretFromEnvironment(System.getenv()) == null;
  }

  private void addServer(PacsServer added) {
    service.settings().put(added);
    try {
      service.settings().save();
      status.setText(Messages.format("pacs.serverSaved", added.name()));
    } catch (IOException e) {
      status.setText(Messages.format("pacs.settingsNotSaved", e.getMessage()));
    }
    server.getItems().setAll(service.settings().servers());
    server.getSelectionModel().select(added);
  }

  private DicomWebClient client() throws IOException {
    PacsServer s = server.getValue();
    if (s == null) {
      throw new NoServerException();
    }
    String typed = secret.getText();
    return service.connect(s, typed == null || typed.isEmpty() ? null : typed);
  }

  private StudyQuery query() {
    StudyQuery q =
        StudyQuery.all()
            .withPatientId(patientId.getText())
            .withPatientName(patientName.getText())
            .withAccessionNumber(accession.getText())
            .withModality(modality.getText());
    LocalDate f = from.getValue();
    LocalDate t = to.getValue();
    return f == null && t == null ? q : q.withStudyDates(f, t);
  }

  /** Searches with the criteria as typed. */
  public void search() {
    Task<StudySearch> task;
    try {
      DicomWebClient client = client();
      StudyQuery q = query();
      task =
          new Task<>() {
            @Override
            protected StudySearch call() throws Exception {
              updateTitle("PACS search");
              updateMessage(Messages.format("pacs.searching", client.config().baseUrl().getHost()));
              updateProgress(-1, 1);
              return service.query(client, q);
            }
          };
    } catch (IOException | RuntimeException e) {
      status.setText(describe(e));
      return;
    }
    task.setOnSucceeded(
        e -> {
          StudySearch found = task.getValue();
          results.setItems(FXCollections.observableArrayList(found.studies()));
          status.setText(
              found.incomplete()
                  ? Messages.format("pacs.foundPart", found.studies().size())
                  : Messages.format("pacs.found", found.studies().size()));
        });
    run(task);
  }

  /** Lists the studies in the local cache, which open without the network. */
  public void listCached() {
    Task<List<StudySummary>> task =
        new Task<>() {
          @Override
          protected List<StudySummary> call() throws Exception {
            updateTitle("Cached studies");
            updateMessage(Messages.text("pacs.readingCache"));
            List<StudySummary> out = new java.util.ArrayList<>();
            for (StudyCache.CachedStudy c : service.cache().list()) {
              if (c.study() != null) {
                out.add(0, c.study());
              }
            }
            return out;
          }
        };
    task.setOnSucceeded(
        e -> {
          results.setItems(FXCollections.observableArrayList(task.getValue()));
          status.setText(Messages.format("pacs.cachedFound", task.getValue().size()));
        });
    run(task);
  }

  /** Opens the selected study, from the cache when it is there, else retrieved first. */
  public void retrieve() {
    StudySummary study = results.getSelectionModel().getSelectedItem();
    if (study == null) {
      return;
    }
    String uid = study.studyInstanceUid();
    DicomWebClient connected;
    Exception notConnected;
    try {
      connected = client();
      notConnected = null;
    } catch (IOException | RuntimeException e) {
      connected = null;
      notConnected = e;
    }
    DicomWebClient client = connected;
    Exception connectProblem = notConnected;
    Task<List<Path>> task =
        new Task<>() {
          @Override
          protected List<Path> call() throws Exception {
            updateTitle("PACS retrieve");
            Optional<StudyCache.CachedStudy> cached = service.cache().find(uid);
            if (cached.isPresent()) {
              updateMessage(Messages.text("pacs.openingCached"));
              return cached.get().files();
            }
            if (client == null) {
              throw connectProblem;
            }
            updateMessage(Messages.text("pacs.retrieving"));
            updateProgress(-1, 1);
            return service
                .pull(
                    client,
                    uid,
                    new RetrieveProgress() {
                      @Override
                      public void instanceReceived(int received, int expected, long bytes) {
                        updateProgress(received, expected > 0 ? expected : received + 1);
                        updateMessage(
                            expected > 0
                                ? Messages.format(
                                    "pacs.retrievedOf", received, expected, bytes / 1024)
                                : Messages.format("pacs.retrieved", received, bytes / 1024));
                      }

                      @Override
                      public boolean cancelled() {
                        return isCancelled();
                      }
                    })
                .files();
          }
        };
    task.setOnSucceeded(
        e -> {
          status.setText(Messages.format("pacs.ready", task.getValue().size()));
          open.accept(task.getValue());
        });
    run(task);
  }

  /** Stores the AI result on screen as a Secondary Capture in its study. */
  public void sendResult() {
    Optional<ImageAnalysis> analysis = currentAnalysis.get();
    if (analysis.isEmpty()) {
      status.setText(Messages.text("pacs.noResult"));
      return;
    }
    Task<StoreResult> task;
    try {
      DicomWebClient client = client();
      task =
          new Task<>() {
            @Override
            protected StoreResult call() throws Exception {
              updateTitle("Send to PACS");
              updateMessage(Messages.text("pacs.storing"));
              updateProgress(-1, 1);
              return service.sendOverlay(client, analysis.get());
            }
          };
    } catch (IOException | RuntimeException e) {
      status.setText(describe(e));
      return;
    }
    task.setOnSucceeded(
        e ->
            status.setText(
                task.getValue().allStored()
                    ? Messages.text("pacs.stored")
                    : Messages.format("pacs.refused", task.getValue().failed().get(0).describe())));
    run(task);
  }

  private void run(Task<?> task) {
    if (running != null && running.isRunning()) {
      running.cancel(true);
    }
    running = task;
    progress.progressProperty().bind(task.progressProperty());
    status.textProperty().bind(task.messageProperty());
    search.setDisable(true);
    send.setDisable(true);
    cancel.setDisable(false);
    task.runningProperty()
        .addListener(
            (obs, was, now) -> {
              if (!now) {
                progress.progressProperty().unbind();
                status.textProperty().unbind();
                progress.setProgress(0);
                search.setDisable(false);
                send.setDisable(false);
                cancel.setDisable(true);
              }
            });
    task.setOnFailed(e -> status.setText(describe(task.getException())));
    task.setOnCancelled(e -> status.setText(Messages.text("pacs.cancelled")));
    submit.accept(task);
  }

  private static String describe(Throwable t) {
    if (t instanceof NoServerException) {
      return Messages.text("pacs.addServerFirst");
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /**
   * No server is configured yet. Its message is English for the log; the panel tells the reader in
   * their language.
   */
  private static final class NoServerException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NoServerException() {
      super("no PACS server is configured");
    }
  }

  /** The results as listed, for tests and keyboard users. */
  public TableView<StudySummary> results() {
    return results;
  }

  /** The status line, for tests. */
  public String statusMessage() {
    return status.getText();
  }
}
