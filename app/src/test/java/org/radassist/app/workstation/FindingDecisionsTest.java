package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollBar;
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
 * is written on a background thread and the panel shows it only after the commit. A comment on a
 * finding stays in sight: its row says it was commented and shows the latest comment, its tooltip
 * every comment, also when the record gives the decisions back on another visit; a long comment
 * does not widen the list.
 */
@ExtendWith(ApplicationExtension.class)
class FindingDecisionsTest {
  private static final String LONG =
      "compare with the lateral view from last spring before calling this a nodule, the rib"
          + " crossing here has fooled us before";

  @TempDir Path dir;

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
    // As wide as the AI panel of the window.
    stage.setScene(new Scene(panel, 320, 400));
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

  @Test
  void aCommentedFindingShowsItsCommentAndKeepsItOnTheNextVisit(FxRobot robot) throws Exception {
    robot.interact(panel::recorded);
    robot.interact(() -> panel.list().getSelectionModel().select(1));
    robot.clickOn("#finding-comment-text").write("rib crossing?");
    robot.clickOn("#finding-comment");
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> cell(robot, 1).getText().contains("rib crossing?"));
    List<String> lines = cell(robot, 1).getText().lines().toList();
    assertTrue(
        lines.get(0).endsWith(Messages.text("findings.decision.comment")),
        "the row says the finding was commented: " + lines);
    assertEquals(Messages.format("findings.itemComment", "rib crossing?"), lines.get(2));

    robot.clickOn("#finding-comment-text").write(LONG);
    robot.clickOn("#finding-accept");
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> cell(robot, 1).getText().startsWith(firstLine(1, "findings.decision.accept")));
    assertTrue(
        robot.lookup("#finding-comment-text").queryTextInputControl().getText().isEmpty(),
        "the comment saved with the verdict leaves the field");
    ListCell<?> row = cell(robot, 1);
    assertTrue(row.getText().endsWith(Messages.format("findings.itemComment", LONG)));
    assertNotNull(row.getTooltip(), "the tooltip holds every comment");
    assertEquals(
        Messages.format("findings.itemComment", "rib crossing?")
            + "\n"
            + Messages.format("findings.itemComment", LONG),
        row.getTooltip().getText());
    assertTrue(
        robot.lookup("#findings .scroll-bar").queryAllAs(ScrollBar.class).stream()
            .noneMatch(
                b ->
                    b.getOrientation().equals(javafx.geometry.Orientation.HORIZONTAL)
                        && b.isVisible()),
        "a long comment does not widen the list");
    assertNull(cell(robot, 0).getTooltip(), "an uncommented finding has no tooltip");

    // Another visit: the panel is filled again from the record.
    robot.interact(
        () -> {
          panel.show(prediction);
          panel.recorded();
        });
    List<Decision> stored = service.decisionsOn(analysis);
    robot.interact(() -> stored.forEach(panel::confirmed));
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(cell(robot, 1).getText().endsWith(Messages.format("findings.itemComment", LONG)));
    assertEquals(2, cell(robot, 1).getTooltip().getText().lines().count());
  }

  private String firstLine(int index, String decision) {
    return Messages.format(
            "findings.item",
            prediction.findings().get(index).label(),
            prediction.findings().get(index).score())
        + "   "
        + Messages.text(decision);
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

  private static ListCell<?> cell(FxRobot robot, int index) {
    return robot.lookup("#findings .list-cell").queryAll().stream()
        .map(n -> (ListCell<?>) n)
        .filter(c -> c.getIndex() == index && c.getText() != null)
        .findFirst()
        .orElseThrow();
  }
}
