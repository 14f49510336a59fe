package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.i18n.Messages;
import org.radassist.app.session.Decision;
import org.radassist.app.session.DecisionKind;
import org.radassist.app.session.Fixtures;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.dicom.image.DicomImage;
import org.radassist.inference.analysis.Prediction;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The findings panel against a real reading record, wired as the main window wires it: the decision
 * is written on a background thread and the panel shows it only after the commit.
 */
@ExtendWith(ApplicationExtension.class)
class FindingDecisionsTest {
  @TempDir static Path dir;

  private ReadingService service;
  private StoredAnalysis analysis;
  private FindingsPanel panel;
  private final Prediction prediction = Fixtures.prediction();

  @Start
  void start(Stage stage) throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    service = ReadingService.open(dir.resolve("data"));
    analysis = service.recordAnalysis(image, 0, prediction, null);
    panel =
        new FindingsPanel(
            f -> {},
            (index, kind, comment) ->
                CompletableFuture.runAsync(
                    () -> {
                      try {
                        Decision d = service.decide(analysis, index, kind, null, comment, "Dr^Ui");
                        Platform.runLater(() -> panel.confirmed(d));
                      } catch (Exception e) {
                        Platform.runLater(panel::notSaved);
                      }
                    }));
    panel.show(prediction);
    stage.setScene(new Scene(panel, 500, 400));
    stage.show();
  }

  @Stop
  void stop() {
    service.close();
  }

  @Test
  void acceptRejectAndCommentAreRecordedAndShownAfterTheCommit(FxRobot robot) throws Exception {
    Button accept = robot.lookup("#finding-accept").queryButton();
    robot.interact(() -> panel.list().getSelectionModel().select(0));
    assertTrue(accept.isDisabled(), "no decisions before the analysis is in the record");
    robot.interact(panel::recorded);
    assertTrue(!accept.isDisabled());

    robot.clickOn("#finding-accept");
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> cellText(robot, 0).endsWith(Messages.text("findings.decision.accept")));

    robot.interact(() -> panel.list().getSelectionModel().select(2));
    robot.clickOn("#finding-comment-text").write("check lateral view");
    robot.clickOn("#finding-comment");
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> robot.lookup("#finding-comment-text").queryTextInputControl().getText().isEmpty());
    robot.clickOn("#finding-reject");
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> cellText(robot, 2).endsWith(Messages.text("findings.decision.reject")));

    List<Decision> stored = service.review(analysis.image().studyInstanceUid()).decisions();
    assertEquals(
        List.of(DecisionKind.ACCEPT, DecisionKind.COMMENT, DecisionKind.REJECT),
        stored.stream().map(Decision::kind).toList());
    assertEquals("check lateral view", stored.get(1).comment());
    assertEquals("Dr^Ui", stored.get(2).reader());
  }

  /** The first line of a finding's row: label, score and the reader's verdict. */
  private static String cellText(FxRobot robot, int index) {
    return robot.lookup(".list-cell").queryAll().stream()
        .map(n -> (ListCell<?>) n)
        .filter(c -> c.getIndex() == index && c.getText() != null)
        .map(c -> c.getText().lines().findFirst().orElse(""))
        .findFirst()
        .orElse("");
  }
}
