package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** F1 lists the shortcuts in the reading room's greys, with no saturated icon. */
@ExtendWith(ApplicationExtension.class)
class ShortcutHelpTest {
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
  void theShortcutListHasNoBlueIconAndADarkHeader(FxRobot robot) throws Exception {
    robot.clickOn("#viewport").type(KeyCode.F1);
    WaitForAsyncUtils.waitForFxEvents();
    DialogPane help =
        Window.getWindows().stream()
            .map(w -> w.getScene().getRoot())
            .filter(DialogPane.class::isInstance)
            .map(DialogPane.class::cast)
            .findFirst()
            .orElseThrow();
    assertNull(help.getGraphic(), "no information icon");
    Region header = (Region) help.lookup(".header-panel");
    Color fill = (Color) header.getBackground().getFills().get(1).getFill();
    assertTrue(fill.getBrightness() < 0.3, "header " + fill + " is dark like the panels");
    robot.interact(() -> help.getScene().getWindow().hide());
  }
}
