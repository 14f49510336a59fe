package org.radassist.app.workstation;

import javafx.concurrent.Task;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.radassist.app.i18n.Messages;
import org.radassist.app.session.ReadPhase;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.ReadingSession;
import org.radassist.app.session.Region;
import org.radassist.app.session.SessionMode;
import org.radassist.app.session.StudyImage;
import org.radassist.app.session.StudyRead;
import org.radassist.dicom.image.DicomImage;

/**
 * Second-reader workflow in the window: read the study blinded (AI hidden, the reader's own marks
 * and impression recorded), then reveal the AI and decide on its findings, then finish. Every step
 * is committed to the reading record in the background before the panel moves on.
 */
final class SecondReadPanel extends VBox {
  /** What the panel needs from the window. */
  interface Host {
    ReadingService record() throws Exception;

    /** The study in the active pane, or null. */
    String currentStudy();

    void setBlinded(boolean blinded);

    void submit(Task<?> task);

    void message(String text);
  }

  /**
   * What a region marked with K is recorded as: the window asks for no label, and the record, the
   * PDF ("Marked region at ...") and the SR's finding code carry this one.
   */
  static final String MARK_LABEL = "region";

  private final Host host;
  private final Label phase = new Label();
  private final Button start = new Button(Messages.text("read.start"));
  private final Button reveal = new Button(Messages.text("read.reveal"));
  private final Button finish = new Button(Messages.text("read.finish"));
  private final TextArea impression = new TextArea();
  private ReadingSession session;
  private StudyRead read;

  SecondReadPanel(Host host) {
    super(6);
    this.host = host;
    phase.setId("read-phase");
    phase.setWrapText(true);
    start.setId("start-blinded");
    reveal.setId("reveal-ai");
    finish.setId("finish-read");
    impression.setId("impression");
    impression.setPromptText(Messages.text("read.impression"));
    impression.setPrefRowCount(3);
    impression.setWrapText(true);
    start.setOnAction(e -> startBlinded());
    reveal.setOnAction(e -> reveal());
    finish.setOnAction(e -> finish());
    update();
    // The buttons wrap rather than cut their words short in a narrow side panel or a longer
    // language.
    getChildren().addAll(phase, impression, new FlowPane(6, 6, start, reveal, finish));
  }

  StudyRead read() {
    return read;
  }

  private void startBlinded() {
    String study = host.currentStudy();
    if (study == null) {
      host.message(Messages.text("read.openStudyFirst"));
      return;
    }
    run(
        "Start blinded read",
        start.getText(),
        () -> {
          ReadingService record = host.record();
          if (session == null) {
            session = record.startSession(null, SessionMode.SECOND_READER);
          }
          return record.openStudy(session, study);
        });
  }

  private void reveal() {
    StudyRead current = read;
    String text = impression.getText();
    run("Reveal AI", reveal.getText(), () -> host.record().reveal(current, text));
  }

  private void finish() {
    StudyRead current = read;
    String text = impression.getText();
    run("Finish read", finish.getText(), () -> host.record().complete(current, text));
  }

  /** Records a region the reader marked on frame {@code frame} of {@code image}; only in a read. */
  boolean mark(DicomImage image, int frame, Rectangle2D r) {
    StudyRead current = read;
    if (current == null || current.phase() == ReadPhase.DONE || image == null) {
      return false;
    }
    Task<Void> task =
        new Task<>() {
          @Override
          protected Void call() throws Exception {
            host.record()
                .markOn(
                    current,
                    StudyImage.of(image, image.rows(), image.columns()),
                    frame,
                    MARK_LABEL,
                    new Region(
                        (int) Math.round(r.getMinX()),
                        (int) Math.round(r.getMinY()),
                        (int) Math.max(1, Math.round(r.getWidth())),
                        (int) Math.max(1, Math.round(r.getHeight()))),
                    null);
            return null;
          }
        };
    task.setOnSucceeded(e -> host.message(Messages.text("read.markSaved")));
    task.setOnFailed(e -> host.message(task.getException().getMessage()));
    host.submit(task);
    return true;
  }

  private interface Step {
    StudyRead run() throws Exception;
  }

  /**
   * Runs a step in the background: {@code logTitle} names it in the log, which stays English;
   * {@code shown} names it to the reader.
   */
  private void run(String logTitle, String shown, Step step) {
    Task<StudyRead> task =
        new Task<>() {
          @Override
          protected StudyRead call() throws Exception {
            updateTitle(logTitle);
            return step.run();
          }
        };
    task.setOnSucceeded(
        e -> {
          read = task.getValue();
          update();
          host.message(Messages.format("read.stepSaved", shown));
        });
    task.setOnFailed(
        e ->
            host.message(
                Messages.format("read.stepFailed", shown, task.getException().getMessage())));
    host.submit(task);
  }

  private void update() {
    ReadPhase p = read == null ? null : read.phase();
    start.setDisable(p == ReadPhase.BLINDED || p == ReadPhase.REVEALED);
    reveal.setDisable(p != ReadPhase.BLINDED);
    finish.setDisable(p != ReadPhase.REVEALED);
    host.setBlinded(p == ReadPhase.BLINDED);
    phase.setText(
        p == null
            ? Messages.text("read.phase.none")
            : switch (p) {
              case BLINDED -> Messages.format("read.phase.blinded", "K");
              case REVEALED -> Messages.text("read.phase.revealed");
              case DONE -> Messages.text("read.phase.done");
            });
  }
}
