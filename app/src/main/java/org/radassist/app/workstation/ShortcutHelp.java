package org.radassist.app.workstation;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.radassist.app.i18n.Messages;

/** The F1 overlay: every keyboard shortcut and mouse gesture of the workstation. */
final class ShortcutHelp {
  /**
   * Keys and what they do. Key names are written here, not in the bundle, so the list shows the
   * same keys in every language; only the words around them (wheel, drag) are translated.
   */
  private static List<String[]> shortcuts() {
    String wheel = Messages.text("key.wheel");
    return List.of(
        row("Ctrl+O / Ctrl+Shift+O", Messages.text("help.open")),
        row("Ctrl+R", Messages.text("help.analyze")),
        row("Ctrl+Shift+R", Messages.text("help.analyzeAll")),
        row("H", Messages.text("help.toggleAi")),
        row("F / 1", Messages.text("help.fit")),
        row("+ / −, " + wheel, Messages.text("help.zoom")),
        row("2 … 9", Messages.text("help.presets")),
        row("Ctrl+Shift+P", Messages.text("help.pacs")),
        row("R", Messages.text("help.resetWindow")),
        row("I", Messages.text("help.invert")),
        row("T / M", Messages.text("help.rotateFlip")),
        row("↑ ↓, " + Messages.text("key.pageUpDown") + ", " + wheel, Messages.text("help.frames")),
        row(Messages.text("key.space"), Messages.text("help.cine")),
        row("L / A / Esc", Messages.text("help.tools")),
        row("K", Messages.text("help.mark")),
        row("Ctrl+1 / Ctrl+2 / Ctrl+4", Messages.text("help.layout")),
        row("Ctrl+B", Messages.text("help.browser")),
        row("Ctrl+Shift+A", Messages.text("help.aiPanel")),
        row(Messages.text("key.rightDrag"), Messages.text("help.window")),
        row(Messages.text("key.leftDrag"), Messages.text("help.pan")),
        row("Ctrl+,", Messages.text("help.settings")),
        row("F1", Messages.text("help.this")),
        row("Ctrl+Q", Messages.text("help.quit")));
  }

  private static String[] row(String keys, String action) {
    return new String[] {keys, action};
  }

  private ShortcutHelp() {}

  static void show(Window owner) {
    GridPane grid = new GridPane();
    grid.setHgap(18);
    grid.setVgap(6);
    List<String[]> shortcuts = shortcuts();
    for (int i = 0; i < shortcuts.size(); i++) {
      grid.addRow(i, new Label(shortcuts.get(i)[0]), new Label(shortcuts.get(i)[1]));
    }
    Alert alert = new Alert(Alert.AlertType.INFORMATION);
    alert.initOwner(owner);
    alert.setTitle(Messages.text("help.title"));
    alert.setHeaderText(Messages.text("help.header"));
    // JavaFX's information icon is saturated blue; the reading room has colour only on the image.
    alert.setGraphic(null);
    alert.getDialogPane().setContent(grid);
    alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
    alert.show();
  }
}
