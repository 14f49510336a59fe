package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.core.Workspace;
import org.radassist.app.i18n.Messages;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A film the reader turned or mirrored says so in its corner, as an inverted one does: its
 * burned-in R/L marker, turned with it, is no guide to laterality.
 */
@ExtendWith(ApplicationExtension.class)
class OrientationCornerTest {
  @TempDir static Path tmp;
  static Path folder;

  private Workspace workspace;
  private MainWindow window;

  @BeforeAll
  static void makeStudy() throws Exception {
    folder = Files.createDirectories(tmp.resolve("study"));
    SampleStudy.create(folder);
  }

  @Start
  void start(Stage stage) {
    workspace = Workspace.open(AppPaths.of(tmp.resolve("data")));
    window = new MainWindow(workspace);
    stage.setScene(new Scene(window, 1366, 768));
    stage.show();
  }

  @Stop
  void stop() {
    window.shutdown();
    workspace.close();
  }

  @AfterEach
  void systemLanguage() {
    Messages.use(Messages.system());
  }

  private void open(FxRobot robot) throws Exception {
    robot.interact(() -> window.open(List.of(folder)));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewport().hasImage());
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.tasks().isIdle());
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#viewport");
  }

  private String corners() {
    return window.viewport().lookupAll(".corner-text").stream()
        .map(n -> ((Label) n).getText())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void rotationAndFlipShowInTheCornerUntilUndone(FxRobot robot) throws Exception {
    Messages.use(Locale.ENGLISH);
    open(robot);
    assertFalse(corners().contains("rotated"), corners());
    assertFalse(corners().contains("flipped"), corners());

    robot.type(KeyCode.T);
    assertTrue(corners().contains("rotated 90°"), corners());
    robot.type(KeyCode.T);
    assertTrue(corners().contains("rotated 180°"), corners());
    robot.type(KeyCode.M);
    assertTrue(corners().contains("flipped H"), corners());
    robot.type(KeyCode.I);
    assertTrue(corners().contains("inverted  rotated 180°  flipped H"), corners());

    robot.type(KeyCode.T, KeyCode.T, KeyCode.M, KeyCode.I);
    assertFalse(corners().contains("rotated"), "four quarter turns are upright again");
    assertFalse(corners().contains("flipped"), "flipped back");
    assertFalse(corners().contains("inverted"), corners());
  }

  @Test
  void rotationAndFlipShowInSpanishToo(FxRobot robot) throws Exception {
    Messages.use(Locale.forLanguageTag("es"));
    open(robot);
    robot.type(KeyCode.T, KeyCode.M);
    assertTrue(corners().contains("girada 90°  volteada H"), corners());
  }
}
