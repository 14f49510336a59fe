package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.i18n.Messages;
import org.radassist.app.session.ReadPhase;
import org.radassist.app.session.ReadingService;
import org.radassist.dicom.image.DicomImage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A second reader starts, reveals and finishes a read by clicking the buttons where they are, with
 * the findings list full and on a small screen too: the read's buttons never scroll out of sight.
 */
@ExtendWith(ApplicationExtension.class)
class ReadActionsVisibleTest {
  @TempDir static Path dataDir;
  static Path sample;

  private TestWorkstation workstation;
  private MainWindow window;

  @BeforeAll
  static void createSample() throws Exception {
    sample = SampleStudy.create(AppPaths.ensure(dataDir.resolve("in"))).file();
  }

  @Start
  void start(Stage primary) {
    // The window the workstation opens on a 1600×1000 screen: 92 % of it.
    workstation = TestWorkstation.show(dataDir, 1472, 920);
    window = workstation.window;
  }

  @Stop
  void stop() {
    workstation.close();
  }

  @Test
  void theReadIsStartedRevealedAndFinishedWithoutScrolling(FxRobot robot) throws Exception {
    workstation.open(robot, sample);
    TitledPane read =
        robot.lookup(".titled-pane").queryAllAs(TitledPane.class).stream()
            .filter(p -> Messages.text("panel.secondRead").equals(p.getText()))
            .findFirst()
            .orElseThrow();
    robot.clickOn(read.lookup(".title"));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> read.isExpanded() && onScreen(robot, "#finish-read"));
    // The panel slides open; the buttons are where they stay once it has.
    WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();

    robot.clickOn("#start-blinded");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> !robot.lookup("#reveal-ai").queryButton().isDisabled());
    assertVisible(robot, "#reveal-ai");
    robot.clickOn("#reveal-ai");
    WaitForAsyncUtils.waitFor(
        180,
        TimeUnit.SECONDS,
        () -> !robot.lookup("#findings").queryListView().getItems().isEmpty());
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.tasks().isIdle());
    assertVisible(robot, "#finish-read");
    assertVisible(robot, "#finding-accept");
    assertVisible(robot, "#analyze");
    assertWhole(robot, ".legend-caption");
    assertWhole(robot, "#ai-model");

    robot.clickOn("#finish-read");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.tasks().isIdle());
    try (ReadingService record = ReadingService.open(dataDir)) {
      String study = DicomImage.read(sample).studyInstanceUid();
      assertEquals(ReadPhase.DONE, record.read(record.session(1), study).phase());
    }

    robot.interact(
        () -> {
          workstation.stage.setWidth(1000);
          workstation.stage.setHeight(650);
        });
    WaitForAsyncUtils.waitForFxEvents();
    for (String button : List.of("#start-blinded", "#reveal-ai", "#finish-read")) {
      assertVisible(robot, button);
    }
    assertWhole(robot, ".legend-caption");
    assertWhole(robot, "#ai-model");
  }

  /** The label shows all of its text: a squeezed panel must not cut it to "…". */
  private static void assertWhole(FxRobot robot, String id) {
    Labeled label = robot.lookup(id).queryAs(Labeled.class);
    String shown =
        label.lookupAll(".text").stream()
            .filter(Text.class::isInstance)
            .map(t -> ((Text) t).getText())
            .findFirst()
            .orElse("");
    assertEquals(label.getText(), shown, id + " is cut short");
  }

  private static void assertVisible(FxRobot robot, String id) {
    Node node = robot.lookup(id).query();
    assertTrue(onScreen(robot, id), id + " at " + sceneBounds(node) + " is out of sight");
  }

  /** Inside the window above the status bar, and not scrolled out of any scroll pane. */
  private static boolean onScreen(FxRobot robot, String id) {
    Node node = robot.lookup(id).query();
    Bounds b = sceneBounds(node);
    Bounds statusBar = sceneBounds(robot.lookup("#status").query());
    Scene scene = node.getScene();
    if (!node.isVisible()
        || b.getMinY() < 0
        || b.getMinX() < 0
        || b.getMaxX() > scene.getWidth()
        || b.getMaxY() > statusBar.getMinY()) {
      return false;
    }
    for (Parent p = node.getParent(); p != null; p = p.getParent()) {
      if (p instanceof ScrollPane scroll && !sceneBounds(scroll).contains(b)) {
        return false;
      }
    }
    return true;
  }

  private static Bounds sceneBounds(Node node) {
    return node.localToScene(node.getBoundsInLocal());
  }
}
