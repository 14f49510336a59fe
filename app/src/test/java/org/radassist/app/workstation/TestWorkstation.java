package org.radassist.app.workstation;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workstation as a reader gets it, for a test: the main window on a data folder of its own, in
 * the dark theme, on a stage of its own (TestFX's shared stage would keep the size one test gave it
 * for the tests after it). {@link #show} and {@link #close} run on the FX thread.
 */
final class TestWorkstation {
  private static final long WAIT_SECONDS = 60;

  final Stage stage;
  final Workspace workspace;
  final MainWindow window;

  private TestWorkstation(Stage stage, Workspace workspace, MainWindow window) {
    this.stage = stage;
    this.workspace = workspace;
    this.window = window;
  }

  static TestWorkstation show(Path dataDir, double width, double height) {
    Workspace workspace = Workspace.open(AppPaths.of(dataDir));
    MainWindow window = new MainWindow(workspace);
    Scene scene = new Scene(window, width, height);
    Themes.apply(scene, Themes.DARK);
    Stage stage = new Stage();
    stage.setScene(scene);
    stage.show();
    return new TestWorkstation(stage, workspace, window);
  }

  void close() {
    stage.close();
    window.shutdown();
    workspace.close();
  }

  /** Opens the built-in sample study and waits until it is on screen and nothing runs behind it. */
  void openSample(FxRobot robot) throws TimeoutException {
    robot.interact(window::openSample);
    awaitImage();
    awaitIdle();
  }

  /** Opens files or folders as the reader does and waits until the first image is on screen. */
  void open(FxRobot robot, Path... paths) throws TimeoutException {
    robot.interact(() -> window.open(List.of(paths)));
    awaitImage();
    awaitIdle();
  }

  void awaitImage() throws TimeoutException {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> window.viewport().hasImage());
  }

  /** Waits until no loading, decoding or analysis is left running. */
  void awaitIdle() throws TimeoutException {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> window.tasks().isIdle());
    WaitForAsyncUtils.waitForFxEvents();
  }
}
