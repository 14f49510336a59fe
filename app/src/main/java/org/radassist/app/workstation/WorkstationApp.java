package org.radassist.app.workstation;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.Settings;
import org.radassist.app.core.Workspace;
import org.radassist.app.i18n.Messages;

/** The JavaFX application: one main window over the shared core. */
public final class WorkstationApp extends Application {
  private static AppPaths launchPaths;
  private static List<Path> launchFiles = List.of();

  private Workspace workspace;
  private MainWindow window;

  /**
   * Blocks until the window is closed; returns the process exit code. {@code language} is the one
   * asked for on the command line, or null for the one in the settings, else the system's.
   */
  public static int run(AppPaths paths, List<Path> files, Locale language) {
    if (noDisplay()) {
      System.err.println(
          "radassist: no display to open the workstation on (DISPLAY and WAYLAND_DISPLAY are"
              + " unset); the CLI works without one, see radassist --help");
      return 1;
    }
    launchPaths = paths.configureLogging();
    useLanguage(language, Settings.load(launchPaths));
    launchFiles = List.copyOf(files);
    try {
      Application.launch(WorkstationApp.class);
    } catch (UnsupportedOperationException e) {
      System.err.println("radassist: " + launchFailure(e));
      return 1;
    }
    return 0;
  }

  /**
   * The reader's words for a window that could not open. JavaFX names the library it failed to
   * load, not what to install, and a minimal Linux with an X server often lacks exactly that one.
   */
  static String launchFailure(UnsupportedOperationException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("GTK")
        ? "the workstation window needs GTK 3, which this system lacks (Debian/Ubuntu: apt install"
            + " libgtk-3-0; desktop systems have it); the CLI works without it, see radassist --help"
        : message;
  }

  /**
   * Sets the window's language before any of it is built. A language the reader chose also becomes
   * the JVM default, so JavaFX's own texts (OK, Cancel, the date picker) speak it too.
   */
  static void useLanguage(Locale commandLine, Settings settings) {
    Locale chosen = Messages.choose(commandLine, settings.language());
    if (!chosen.equals(Messages.system())) {
      Locale.setDefault(chosen);
    }
    Messages.use(chosen);
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
    window = new MainWindow(workspace);
    // Without a window manager (kiosk, remote session) maximise is ignored: size to the screen.
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Scene scene =
        new Scene(
            window,
            Math.max(900, screen.getWidth() * 0.92),
            Math.max(600, screen.getHeight() * 0.92));
    stage.setTitle(Messages.text("app.title"));
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

  /**
   * Runs on the JavaFX thread with the window still up, so nothing here may wait: background work
   * is cancelled and a model still loading is left to finish and be discarded, while the launcher
   * exits the JVM as soon as this returns.
   */
  @Override
  public void stop() {
    if (window != null) {
      window.shutdown();
    }
    if (workspace != null) {
      workspace.close();
    }
  }
}
