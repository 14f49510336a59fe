package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
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
 * On a small window the image keeps most of the width, the reader can give it the whole width by
 * hiding either side with its key or the View menu, and the sides come back as they were.
 */
@ExtendWith(ApplicationExtension.class)
class SidePanelsTest {
  @TempDir Path dataDir;

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
  void theImageKeepsMostOfASmallWindowAndTheSidesHideOnAKey(FxRobot robot) throws Exception {
    robot.interact(window::openSample);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewport().hasImage());
    Region browser = robot.lookup("#browser").query();
    Region ai = robot.lookup("#ai-side").query();
    double wideBrowser = browser.getWidth();
    double wideAi = ai.getWidth();
    assertEquals(250, wideBrowser, 3, "the browser's width on a wide window");
    assertEquals(300, wideAi, 3, "the AI panel's width on a wide window");

    resize(robot, 1000, 650);
    double share = window.viewerLayout().getWidth() / window.getWidth();
    assertTrue(share >= 0.53, "the image has " + Math.round(share * 100) + " % of 1000 px");
    assertTrue(browser.getWidth() >= SidePanels.BROWSER_MIN - 1, "browser " + browser.getWidth());
    assertTrue(ai.getWidth() >= SidePanels.AI_MIN - 1, "AI panel " + ai.getWidth());
    Region analyze = robot.lookup("#analyze").query();
    assertTrue(
        analyze.localToScene(analyze.getBoundsInLocal()).getMaxX() <= window.getWidth(),
        "the AI panel's buttons are whole");
    assertTrue(
        robot.lookup("#ai-side .scroll-bar").queryAllAs(ScrollBar.class).stream()
            .noneMatch(b -> b.getOrientation() == Orientation.HORIZONTAL && b.isVisible()),
        "nothing of the AI panel is hidden to its right");

    robot.clickOn("#viewport");
    ctrl(robot, KeyCode.B);
    assertFalse(showing(browser), "Ctrl+B hides the study browser");
    assertFalse(menuItem(robot, "menu-view-browser").isSelected(), "the View menu says so");
    ctrl(robot, KeyCode.SHIFT, KeyCode.A);
    assertFalse(showing(ai), "Ctrl+Shift+A hides the AI panel");
    assertEquals(
        window.getWidth(), window.viewerLayout().getWidth(), 3, "the image has the whole width");

    robot.clickOn(Messages.text("menu.view")).clickOn(Messages.text("menu.view.browser"));
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(showing(browser), "the View menu shows the browser again");
    ctrl(robot, KeyCode.SHIFT, KeyCode.A);
    assertTrue(showing(ai), "and the key the AI panel");
    assertTrue(menuItem(robot, "menu-view-ai-panel").isSelected());

    resize(robot, 1366, 768);
    assertEquals(wideBrowser, browser.getWidth(), 3, "the browser is as wide as before");
    assertEquals(wideAi, ai.getWidth(), 3, "the AI panel is as wide as before");
  }

  private void resize(FxRobot robot, double width, double height) {
    robot.interact(
        () -> {
          workstation.stage.setWidth(width);
          workstation.stage.setHeight(height);
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void ctrl(FxRobot robot, KeyCode... keys) {
    KeyCode[] all = new KeyCode[keys.length + 1];
    all[0] = KeyCode.CONTROL;
    System.arraycopy(keys, 0, all, 1, keys.length);
    robot.press(all);
    KeyCode[] reversed = new KeyCode[all.length];
    for (int i = 0; i < all.length; i++) {
      reversed[i] = all[all.length - 1 - i];
    }
    robot.release(reversed);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static boolean showing(Node node) {
    return node.getScene() != null && node.isVisible() && node.getLayoutBounds().getWidth() > 0;
  }

  private static CheckMenuItem menuItem(FxRobot robot, String id) {
    return robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream()
        .flatMap(m -> m.getItems().stream())
        .filter(i -> id.equals(i.getId()))
        .map(CheckMenuItem.class::cast)
        .findFirst()
        .orElseThrow();
  }
}
