package org.radassist.app.workstation;

import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.radassist.app.render.WindowPresets;

/** The menu bar: every action is also reachable by keyboard, as listed under Help (F1). */
final class WorkstationMenus {
  private WorkstationMenus() {}

  static MenuBar build(MainWindow w) {
    Viewport v = w.viewport();
    Menu presets = new Menu("Window presets");
    presets.setOnShowing(e -> fillPresets(presets, w));
    presets.getItems().add(new MenuItem("(open an image)"));
    return new MenuBar(
        new Menu(
            "File",
            null,
            item("Open files…", ctrl(KeyCode.O), w::chooseFiles),
            item("Open folder…", ctrl(KeyCode.O, KeyCombination.SHIFT_DOWN), w::chooseFolder),
            item("Open sample study", null, w::openSample),
            item("PACS…", ctrl(KeyCode.P, KeyCombination.SHIFT_DOWN), w::showPacs),
            new SeparatorMenuItem(),
            item("Settings…", ctrl(KeyCode.COMMA), w::showSettings),
            new SeparatorMenuItem(),
            item("Quit", ctrl(KeyCode.Q), Platform::exit)),
        new Menu(
            "View",
            null,
            item(keyed("Fit to window", "F"), v::fit),
            item(keyed("Actual size", "1"), v::actualSize),
            item(keyed("Zoom in", "+"), () -> v.zoomBy(1.25)),
            item(keyed("Zoom out", "−"), () -> v.zoomBy(1 / 1.25)),
            new SeparatorMenuItem(),
            item(keyed("Invert", "I"), () -> v.setInverted(!v.isInverted())),
            item(keyed("Rotate 90° clockwise", "T"), v::rotateClockwise),
            item(keyed("Flip horizontally", "M"), v::flipHorizontal),
            item(keyed("Reset window/level", "R"), v::resetWindow),
            presets,
            new SeparatorMenuItem(),
            item(keyed("Previous frame", "↑"), () -> w.stepFrame(-1)),
            item(keyed("Next frame", "↓"), () -> w.stepFrame(1)),
            item(keyed("Play / stop cine", "Space"), w::toggleCine),
            new SeparatorMenuItem(),
            item("Dark theme", null, () -> w.setTheme(Themes.DARK)),
            item("Light theme", null, () -> w.setTheme(Themes.LIGHT))),
        new Menu(
            "Tools",
            null,
            item(keyed("Length", "L"), () -> w.setTool(MeasurementLayer.Tool.LENGTH)),
            item(keyed("Angle", "A"), () -> w.setTool(MeasurementLayer.Tool.ANGLE)),
            item(keyed("Pan", "Esc"), () -> w.setTool(MeasurementLayer.Tool.NONE)),
            item("Clear measurements", null, w::clearMeasurements)),
        new Menu(
            "AI",
            null,
            item("Analyze image", ctrl(KeyCode.R), w::analyzeCurrent),
            item(
                "Analyze all open images",
                ctrl(KeyCode.R, KeyCombination.SHIFT_DOWN),
                w::analyzeAll),
            item(
                keyed("Hide / show all AI", "H"),
                () -> w.aiDisplay().visibleProperty().set(!w.aiDisplay().visibleProperty().get()))),
        new Menu(
            "Layout",
            null,
            item("1 × 1", ctrl(KeyCode.DIGIT1), () -> w.viewerLayout().setGrid(1, 1)),
            item(
                "1 × 2 (side by side)", ctrl(KeyCode.DIGIT2), () -> w.viewerLayout().setGrid(2, 1)),
            item("2 × 2", ctrl(KeyCode.DIGIT4), () -> w.viewerLayout().setGrid(2, 2))),
        new Menu(
            "Help",
            null,
            item(
                keyed("Keyboard shortcuts", "F1"),
                () -> ShortcutHelp.show(w.getScene().getWindow()))));
  }

  private static void fillPresets(Menu menu, MainWindow w) {
    menu.getItems().clear();
    int i = 0;
    for (WindowPresets.Preset p : w.presets()) {
      int index = i++;
      String name = index < 8 ? keyed(p.name(), String.valueOf(index + 2)) : p.name();
      menu.getItems().add(item(name, null, () -> w.applyPreset(index)));
    }
  }

  /**
   * Single-key shortcuts are handled by the window's key filter (which leaves text fields alone),
   * so menus only name the key: as accelerators they would also fire while typing a comment.
   */
  private static String keyed(String text, String key) {
    return text + "    " + key;
  }

  private static KeyCombination ctrl(KeyCode code, KeyCombination.Modifier... more) {
    KeyCombination.Modifier[] modifiers = new KeyCombination.Modifier[more.length + 1];
    modifiers[0] = KeyCombination.SHORTCUT_DOWN;
    System.arraycopy(more, 0, modifiers, 1, more.length);
    return new KeyCodeCombination(code, modifiers);
  }

  private static MenuItem item(String text, Runnable action) {
    return item(text, null, action);
  }

  private static MenuItem item(String text, KeyCombination accelerator, Runnable action) {
    MenuItem item = new MenuItem(text);
    if (accelerator != null) {
      item.setAccelerator(accelerator);
    }
    item.setOnAction(e -> action.run());
    return item;
  }
}
