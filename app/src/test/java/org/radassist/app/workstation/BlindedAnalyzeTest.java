package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Background;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.i18n.Messages;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * During a blinded read Analyze is off and looks it, like the rest of the AI panel and the AI menu;
 * Ctrl+R says why it does nothing; revealing the AI turns it all back on.
 */
@ExtendWith(ApplicationExtension.class)
class BlindedAnalyzeTest {
  @TempDir Path dataDir;

  private TestWorkstation workstation;
  private MainWindow window;

  @Start
  void start(Stage stage) {
    workstation = TestWorkstation.show(dataDir, 1472, 920);
    window = workstation.window;
  }

  @Stop
  void stop() {
    workstation.close();
  }

  @Test
  void analyzeIsOffWhileBlindedAndOnAgainAfterTheReveal(FxRobot robot) throws Exception {
    workstation.openSample(robot);
    Button analyze = robot.lookup("#analyze").queryButton();
    Background ready = analyze.getBackground();
    assertFalse(analyze.isDisabled());
    assertTrue(aiMenu(robot).stream().noneMatch(MenuItem::isDisable));

    fire(robot, "#start-blinded");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> !window.aiDisplay().visibleProperty().get());
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(analyze.isDisabled(), "Analyze is off while blinded");
    assertNotEquals(ready, analyze.getBackground(), "and no longer looks like a ready button");
    assertEquals(
        robot.lookup("#finding-accept").queryButton().getBackground(),
        analyze.getBackground(),
        "it looks like the other buttons that are off");
    assertTrue(aiMenu(robot).stream().allMatch(MenuItem::isDisable), "the AI menu is off too");

    robot.clickOn("#viewport");
    robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(
        Messages.text("status.blinded"),
        robot.lookup("#status").queryAs(StatusBar.class).getText(),
        "Ctrl+R says why it does nothing");
    assertTrue(window.tasks().isIdle(), "and runs no analysis");

    fire(robot, "#reveal-ai");
    WaitForAsyncUtils.waitFor(
        180,
        TimeUnit.SECONDS,
        () -> !robot.lookup("#findings").queryListView().getItems().isEmpty());
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.tasks().isIdle());
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(analyze.isDisabled(), "revealing turns Analyze back on");
    assertEquals(ready, analyze.getBackground());
    assertTrue(aiMenu(robot).stream().noneMatch(MenuItem::isDisable), "and the AI menu");
  }

  private static void fire(FxRobot robot, String id) {
    Button b = robot.lookup(id).queryButton();
    robot.interact(b::fire);
  }

  private static List<MenuItem> aiMenu(FxRobot robot) {
    return robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream()
        .filter(m -> "menu-ai".equals(m.getId()))
        .flatMap(m -> m.getItems().stream())
        .toList();
  }
}
