package org.radassist.app.workstation;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.Workspace;

/** The JavaFX application: one main window over the shared core. */
public final class WorkstationApp extends Application {
  private static AppPaths launchPaths;
  private static List<Path> launchFiles = List.of();

  private Workspace workspace;

  /** Blocks until the window is closed; returns the process exit code. */
  public static int run(AppPaths paths, List<Path> files) {
    if (noDisplay()) {
      System.err.println(
          "radassist: no display to open the workstation on (DISPLAY and WAYLAND_DISPLAY are"
              + " unset); the CLI works without one, see radassist --help");
      return 1;
    }
    launchPaths = paths.configureLogging();
    launchFiles = List.copyOf(files);
    Application.launch(WorkstationApp.class);
    return 0;
  }

  private static boolean noDisplay() {
    return System.getProperty("os.name", "").startsWith("Linux")
        && System.getenv("DISPLAY") == null
        && System.getenv("WAYLAND_DISPLAY") == null
        && !"Monocle".equals(System.getProperty("glass.platform"));
  }

  @Override
  public void start(Stage stage) {
    workspace = Workspace.open(launchPaths);
    MainWindow window = new MainWindow(workspace);
    // Without a window manager (kiosk, remote session) maximise is ignored: size to the screen.
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Scene scene =
        new Scene(
            window,
            Math.max(900, screen.getWidth() * 0.92),
            Math.max(600, screen.getHeight() * 0.92));
    stage.setTitle("RadAssist — research use only, not for diagnosis");
    stage.setScene(scene);
    stage.setMinWidth(900);
    stage.setMinHeight(600);
    stage.setMaximized(true);
    stage.show();
    window.warmUpModel();
    if (launchFiles.isEmpty()) {
      window.openSample();
    } else {
      window.open(launchFiles);
    }
  }

  @Override
  public void stop() {
    if (workspace != null) {
      workspace.close();
    }
  }
}
