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
          new String[] {"Ctrl+O", "Open files"},
          new String[] {"Ctrl+Shift+O", "Open folder"},
          new String[] {"Ctrl+R", "Analyze the image on screen"},
          new String[] {"Ctrl+Shift+P", "PACS: search, retrieve and open, send the AI result"},
          new String[] {"H", "Hide / show all AI"},
          new String[] {"F", "Fit image to window"},
          new String[] {"1", "Actual size (1 image pixel = 1 screen pixel)"},
          new String[] {"+ / −", "Zoom in / out"},
          new String[] {"I", "Invert grey scale"},
          new String[] {"R", "Reset window/level"},
          new String[] {"Right-drag", "Window (horizontal) / level (vertical)"},
          new String[] {"Left-drag", "Pan"},
          new String[] {"Wheel", "Zoom about the pointer"},
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
