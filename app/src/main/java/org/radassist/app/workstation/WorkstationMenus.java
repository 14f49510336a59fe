package org.radassist.app.workstation;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.radassist.app.i18n.Messages;
import org.radassist.app.render.WindowPresets;

/**
 * The menu bar: every action is also reachable by keyboard, as listed under Help (F1). Texts come
 * from the bundle, keys and accelerators from here, so shortcuts are the same in every language.
 */
final class WorkstationMenus {
  private WorkstationMenus() {}

  static MenuBar build(MainWindow w) {
    Menu presets = menu("menu-presets", Messages.text("menu.view.presets"));
    presets.setOnShowing(e -> fillPresets(presets, w));
    presets.getItems().add(new MenuItem(Messages.text("menu.view.presets.empty")));
    return new MenuBar(
        menu(
            "menu-file",
            Messages.text("menu.file"),
            item(Messages.text("menu.file.openFiles"), ctrl(KeyCode.O), w::chooseFiles),
            item(
                Messages.text("menu.file.openFolder"),
                ctrl(KeyCode.O, KeyCombination.SHIFT_DOWN),
                w::chooseFolder),
            item(Messages.text("menu.file.openSample"), null, w::openSample),
            item(
                Messages.text("menu.file.pacs"),
                ctrl(KeyCode.P, KeyCombination.SHIFT_DOWN),
                w::showPacs),
            new SeparatorMenuItem(),
            item(Messages.text("menu.file.settings"), ctrl(KeyCode.COMMA), w::showSettings),
            new SeparatorMenuItem(),
            item(Messages.text("menu.file.quit"), ctrl(KeyCode.Q), Platform::exit)),
        menu(
            "menu-view",
            Messages.text("menu.view"),
            // Each acts on the pane the reader works in when it is chosen, as its key does.
            item(keyed(Messages.text("menu.view.fit"), "F"), () -> w.viewport().fit()),
            item(
                keyed(Messages.text("menu.view.actualSize"), "1"), () -> w.viewport().actualSize()),
            item(keyed(Messages.text("menu.view.zoomIn"), "+"), () -> w.viewport().zoomBy(1.25)),
            item(
                keyed(Messages.text("menu.view.zoomOut"), "−"),
                () -> w.viewport().zoomBy(1 / 1.25)),
            new SeparatorMenuItem(),
            item(
                keyed(Messages.text("menu.view.invert"), "I"),
                () -> w.viewport().setInverted(!w.viewport().isInverted())),
            item(
                keyed(Messages.text("menu.view.rotate"), "T"),
                () -> w.viewport().rotateClockwise()),
            item(keyed(Messages.text("menu.view.flip"), "M"), () -> w.viewport().flipHorizontal()),
            item(
                keyed(Messages.text("menu.view.resetWindow"), "R"),
                () -> w.viewport().resetWindow()),
            presets,
            new SeparatorMenuItem(),
            item(keyed(Messages.text("menu.view.previousFrame"), "↑"), () -> w.stepFrame(-1)),
            item(keyed(Messages.text("menu.view.nextFrame"), "↓"), () -> w.stepFrame(1)),
            item(keyed(Messages.text("menu.view.cine"), Messages.text("key.space")), w::toggleCine),
            new SeparatorMenuItem(),
            shown(
                "menu-view-browser",
                Messages.text("menu.view.browser"),
                ctrl(KeyCode.B),
                w.sidePanels().browserShownProperty()),
            shown(
                "menu-view-ai-panel",
                Messages.text("menu.view.aiPanel"),
                ctrl(KeyCode.A, KeyCombination.SHIFT_DOWN),
                w.sidePanels().aiShownProperty()),
            new SeparatorMenuItem(),
            item(Messages.text("menu.view.darkTheme"), null, () -> w.setTheme(Themes.DARK)),
            item(Messages.text("menu.view.lightTheme"), null, () -> w.setTheme(Themes.LIGHT))),
        menu(
            "menu-tools",
            Messages.text("menu.tools"),
            item(
                keyed(Messages.text("menu.tools.length"), "L"),
                () -> w.setTool(MeasurementLayer.Tool.LENGTH)),
            item(
                keyed(Messages.text("menu.tools.angle"), "A"),
                () -> w.setTool(MeasurementLayer.Tool.ANGLE)),
            item(
                keyed(Messages.text("menu.tools.mark"), "K"),
                () -> w.setTool(MeasurementLayer.Tool.MARK)),
            item(
                keyed(Messages.text("menu.tools.pan"), "Esc"),
                () -> w.setTool(MeasurementLayer.Tool.NONE)),
            item(Messages.text("menu.tools.clear"), null, w::clearMeasurements)),
        menu(
            "menu-ai",
            Messages.text("menu.ai"),
            offWhileBlinded(
                w, item(Messages.text("menu.ai.analyze"), ctrl(KeyCode.R), w::analyzeCurrent)),
            offWhileBlinded(
                w,
                item(
                    Messages.text("menu.ai.analyzeAll"),
                    ctrl(KeyCode.R, KeyCombination.SHIFT_DOWN),
                    w::analyzeAll)),
            offWhileBlinded(w, item(keyed(Messages.text("menu.ai.toggle"), "H"), w::toggleAi))),
        menu(
            "menu-layout",
            Messages.text("menu.layout"),
            item("1 × 1", ctrl(KeyCode.DIGIT1), () -> w.setLayout(1, 1)),
            item(
                Messages.text("menu.layout.sideBySide"),
                ctrl(KeyCode.DIGIT2),
                () -> w.setLayout(2, 1)),
            item("2 × 2", ctrl(KeyCode.DIGIT4), () -> w.setLayout(2, 2))),
        menu(
            "menu-help",
            Messages.text("menu.help"),
            item(
                keyed(Messages.text("menu.help.shortcuts"), "F1"),
                () -> ShortcutHelp.show(w.getScene().getWindow()))));
  }

  /** A menu with a stable id, for tests and styles that must not depend on the language. */
  private static Menu menu(String id, String text, MenuItem... items) {
    Menu menu = new Menu(text, null, items);
    menu.setId(id);
    return menu;
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

  /** The AI menu is greyed like the AI panel while the reader reads blinded. */
  private static MenuItem offWhileBlinded(MainWindow w, MenuItem item) {
    item.disableProperty().bind(w.blindedProperty());
    return item;
  }

  /** A ticked item that shows or hides a panel; its key ticks it too. */
  private static CheckMenuItem shown(
      String id, String text, KeyCombination accelerator, BooleanProperty shown) {
    CheckMenuItem item = new CheckMenuItem(text);
    item.setId(id);
    item.setAccelerator(accelerator);
    item.selectedProperty().bindBidirectional(shown);
    return item;
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
