package org.radassist.app.workstation;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The F1 overlay: every keyboard shortcut and mouse gesture of the workstation. */
final class ShortcutHelp {
  static final List<String[]> SHORTCUTS =
      List.of(
          new String[] {
            "Ctrl+O / Ctrl+Shift+O", "Open files / folder (or drop them on the window)"
          },
          new String[] {"Ctrl+R", "Analyze the image in the active pane"},
          new String[] {"Ctrl+Shift+R", "Analyze all open images (progress and cancel below)"},
          new String[] {"H", "Hide / show all AI in every pane"},
          new String[] {"F / 1", "Fit to window / actual size"},
          new String[] {"+ / −, wheel", "Zoom (Ctrl+wheel on stacks)"},
          new String[] {"2 … 9", "Window presets (file windows first, then modality presets)"},
          new String[] {"Ctrl+Shift+P", "PACS: search, retrieve and open, send the AI result"},
          new String[] {"R", "Reset window/level"},
          new String[] {"I", "Invert grey scale"},
          new String[] {"T / M", "Rotate 90° clockwise / flip horizontally"},
          new String[] {"↑ ↓, PgUp PgDn, wheel", "Previous / next frame"},
          new String[] {"Space", "Play / stop cine"},
          new String[] {"L / A / Esc", "Length (mm) / angle / back to pan"},
          new String[] {"Ctrl+1 / Ctrl+2 / Ctrl+4", "Layout 1×1 / 1×2 / 2×2"},
          new String[] {"Right-drag", "Window (horizontal) / level (vertical)"},
          new String[] {"Left-drag", "Pan (or measure with a tool)"},
          new String[] {"Ctrl+,", "Settings"},
          new String[] {"F1", "This list"},
          new String[] {"Ctrl+Q", "Quit"});

  private ShortcutHelp() {}

  static void show(Window owner) {
    GridPane grid = new GridPane();
    grid.setHgap(18);
    grid.setVgap(6);
    for (int i = 0; i < SHORTCUTS.size(); i++) {
      grid.addRow(i, new Label(SHORTCUTS.get(i)[0]), new Label(SHORTCUTS.get(i)[1]));
    }
    Alert alert = new Alert(Alert.AlertType.INFORMATION);
    alert.initOwner(owner);
    alert.setTitle("Keyboard shortcuts");
    alert.setHeaderText("RadAssist keyboard shortcuts");
    alert.getDialogPane().setContent(grid);
    alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
    alert.show();
  }
}
