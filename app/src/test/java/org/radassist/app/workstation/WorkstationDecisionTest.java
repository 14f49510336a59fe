package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.i18n.Messages;
import org.radassist.app.session.AuditEvent;
import org.radassist.app.session.Decision;
import org.radassist.app.session.DecisionKind;
import org.radassist.app.session.ReadingService;
import org.radassist.dicom.image.DicomImage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole workstation path of a decision: open the sample, analyse it, accept the finding, and
 * find the opening, the analysis and the decision in the reading record of the data folder; open it
 * again and find the finding shown with its decision.
 */
@ExtendWith(ApplicationExtension.class)
class WorkstationDecisionTest {
  @TempDir static Path dataDir;

  private TestWorkstation workstation;
  private MainWindow window;

  @Start
  void start(Stage stage) {
    workstation = TestWorkstation.show(dataDir, 1366, 768);
    window = workstation.window;
  }

  @Stop
  void stop() {
    workstation.close();
  }

  @Test
  void anAcceptedFindingIsInTheRecordWhenTheListShowsIt(FxRobot robot) throws Exception {
    robot.interact(window::openSample);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewport().hasImage());
    robot.clickOn("#analyze");
    WaitForAsyncUtils.waitFor(
        180,
        TimeUnit.SECONDS,
        () -> !robot.lookup("#findings").queryListView().getItems().isEmpty());
    robot.interact(() -> robot.lookup("#findings").queryListView().getSelectionModel().select(0));
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> !robot.lookup("#finding-accept").queryButton().isDisabled());
    robot.clickOn("#finding-accept");
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> firstCell(robot).endsWith(Messages.text("findings.decision.accept")));
    assertEquals(
        Messages.format("status.decision.saved", 1, Messages.text("findings.decision.accept")),
        robot.lookup("#status").queryAs(StatusBar.class).getText(),
        "the first finding is finding 1 to the reader");

    String study = DicomImage.read(SampleStudy.ensure(AppPaths.of(dataDir))).studyInstanceUid();
    long analysisId;
    try (ReadingService record = ReadingService.open(dataDir)) {
      analysisId = record.review(study).analysis().id();
      List<Decision> decisions = record.review(study).decisions();
      assertEquals(1, decisions.size());
      assertEquals(DecisionKind.ACCEPT, decisions.get(0).kind());
      assertEquals(0, decisions.get(0).findingIndex());
      List<AuditEvent.Action> trail =
          record.auditTrail(study).stream().map(AuditEvent::action).toList();
      assertTrue(trail.contains(AuditEvent.Action.STUDY_OPENED), trail.toString());
      assertTrue(trail.contains(AuditEvent.Action.ANALYSED), trail.toString());
      assertTrue(trail.contains(AuditEvent.Action.DECISION_RECORDED), trail.toString());
    }

    // Opened again (another day, the window started anew), the film shows its recorded analysis
    // with the reader's decision on it, without running the model or filing a second analysis.
    robot.interact(window::openSample);
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () -> firstCell(robot).endsWith(Messages.text("findings.decision.accept")));
    try (ReadingService record = ReadingService.open(dataDir)) {
      assertEquals(analysisId, record.review(study).analysis().id());
      assertEquals(1, record.reviews(study).size());
    }

    // A second reader who starts a blinded read on it must not see that recorded analysis.
    Button blind = robot.lookup("#start-blinded").queryButton();
    robot.interact(blind::fire);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> robot.lookup("#findings").queryListView().getItems().isEmpty());
    assertFalse(window.aiDisplay().visibleProperty().get());
  }

  /** The first line of the first finding's row: label, score and the reader's verdict. */
  private static String firstCell(FxRobot robot) {
    return robot.lookup("#findings .list-cell").queryAll().stream()
        .map(n -> (ListCell<?>) n)
        .filter(c -> c.getIndex() == 0 && c.getText() != null)
        .map(c -> c.getText().lines().findFirst().orElse(""))
        .findFirst()
        .orElse("");
  }
}
