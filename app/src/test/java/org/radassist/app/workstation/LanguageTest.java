package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.Settings;
import org.radassist.app.i18n.Messages;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window started as the launcher starts it, in the language the reader chose: its menus,
 * panels and status bar speak that language, and its keyboard shortcuts stay the same.
 */
@ExtendWith(ApplicationExtension.class)
class LanguageTest {
  private static final Locale SPANISH = Locale.forLanguageTag("es");

  @TempDir Path dataDir;

  private final Locale systemDefault = Locale.getDefault();
  private TestWorkstation workstation;
  private MainWindow window;

  @AfterEach
  void close(FxRobot robot) {
    robot.interact(workstation::close);
    Locale.setDefault(systemDefault);
    Messages.use(Messages.system());
  }

  /** Saves {@code saved} as the settings' language, then starts the window as the launcher does. */
  private void startIn(FxRobot robot, String saved, Locale commandLine) throws Exception {
    AppPaths paths = AppPaths.of(dataDir);
    Settings settings = Settings.load(paths);
    settings.setLanguage(saved);
    settings.save();
    robot.interact(
        () -> {
          WorkstationApp.useLanguage(commandLine, Settings.load(paths));
          workstation = TestWorkstation.show(dataDir, 1366, 768);
          window = workstation.window;
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void theLanguageChosenInTheSettingsIsTheWindowsAtTheNextStart(FxRobot robot) throws Exception {
    startIn(robot, "es", null);

    assertEquals(List.of("Archivo", "Ver", "Herramientas", "IA", "Disposición", "Ayuda"), menus());
    assertEquals("Abrir archivos…", item("menu-file", 0).getText());
    assertTrue(item("menu-view", 0).getText().startsWith("Ajustar al visor"));
    assertEquals(List.of("Superposición de IA", "Hallazgos", "Segunda lectura"), titles(robot));
    assertEquals("Analizar imagen", robot.lookup("#analyze").queryButton().getText());
    assertEquals("Mostrar IA  (H)", text(robot, "#show-ai"));
    assertEquals("Aceptar", robot.lookup("#finding-accept").queryButton().getText());
    assertEquals("Ejecute un análisis para ver los hallazgos.", text(robot, "#label-summary"));
    assertEquals("Iniciar lectura ciega", text(robot, "#start-blinded"));
    assertEquals("Listo", robot.lookup("#status").queryAs(StatusBar.class).getText());
    assertEquals("Dispositivo: modelo no cargado", text(robot, "#device"));
    assertEquals("Cancelar", text(robot, "#cancel"));
    assertEquals(SPANISH, Locale.getDefault(), "JavaFX's own buttons speak it too");

    List<String> spanishKeys = shortcuts();
    robot.interact(workstation::close);
    startIn(robot, "", Locale.ENGLISH);
    assertEquals(shortcuts(), spanishKeys, "the same keys in every language");
  }

  @Test
  void englishOnTheCommandLineWinsOverSpanishInTheSettings(FxRobot robot) throws Exception {
    startIn(robot, "es", Locale.ENGLISH);

    assertEquals(List.of("File", "View", "Tools", "AI", "Layout", "Help"), menus());
    assertEquals("Open files…", item("menu-file", 0).getText());
    assertEquals(List.of("AI overlay", "Findings", "Second read"), titles(robot));
    assertEquals("Analyze image", robot.lookup("#analyze").queryButton().getText());
    assertEquals("Run an analysis to see findings.", text(robot, "#label-summary"));
    assertEquals("Ready", robot.lookup("#status").queryAs(StatusBar.class).getText());
  }

  @Test
  void theSettingsDialogSavesALanguageForTheNextStart(FxRobot robot) throws Exception {
    startIn(robot, "", Locale.ENGLISH);
    Platform.runLater(window::showSettings);
    WaitForAsyncUtils.waitForFxEvents();
    ComboBox<String> language = robot.lookup("#settings-language").queryComboBox();
    assertEquals(List.of("", "en", "es"), language.getItems());
    assertEquals("", language.getValue(), "nothing chosen yet: the system's");
    assertEquals("English", language.getConverter().toString("en"));
    assertEquals("Español", language.getConverter().toString("es"), "each named in itself");
    assertTrue(
        robot.lookup(".label").queryAllAs(Labeled.class).stream()
            .anyMatch(l -> Messages.text("settings.language.nextStart").equals(l.getText())),
        "the dialog says when the language changes");

    robot.interact(() -> language.setValue("es"));
    DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    robot.interact(() -> ((Button) pane.lookupButton(ButtonType.OK)).fire());
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("es", Settings.load(AppPaths.of(dataDir)).language());
    assertEquals("File", menus().get(0), "the open window keeps its language");
  }

  @Test
  void shortcutsWorkInSpanish(FxRobot robot) throws Exception {
    startIn(robot, "es", null);
    assertTrue(window.aiDisplay().visibleProperty().get());
    robot.clickOn("#viewport").type(KeyCode.H);
    assertFalse(window.aiDisplay().visibleProperty().get(), "H hides all AI in Spanish too");
    Button analyze = robot.lookup("#analyze").queryButton();
    assertEquals("Analizar imagen", analyze.getText());
  }

  private List<String> menus() {
    return menuBar().getMenus().stream().map(Menu::getText).toList();
  }

  private MenuBar menuBar() {
    return (MenuBar) window.getTop();
  }

  private MenuItem item(String menuId, int index) {
    return menuBar().getMenus().stream()
        .filter(m -> menuId.equals(m.getId()))
        .findFirst()
        .orElseThrow()
        .getItems()
        .get(index);
  }

  /**
   * Every menu item's accelerator and the key its text names (after the gap), in menu order; the
   * cine item names the space bar in words, which the language decides.
   */
  private List<String> shortcuts() {
    List<String> keys = new ArrayList<>();
    for (Menu menu : menuBar().getMenus()) {
      for (MenuItem item : menu.getItems()) {
        String text = item.getText() == null ? "" : item.getText();
        int gap = text.lastIndexOf("    ");
        String named = gap < 0 ? "" : text.substring(gap + 4);
        if (named.equals(Messages.text("key.space"))) {
          named = "space";
        }
        keys.add(menu.getId() + " " + item.getAccelerator() + " " + named);
      }
    }
    return keys;
  }

  private static List<String> titles(FxRobot robot) {
    return Stream.of("#side-panel", "#read-area")
        .flatMap(id -> robot.lookup(id).queryAs(VBox.class).getChildren().stream())
        .map(n -> ((TitledPane) n).getText())
        .toList();
  }

  private static String text(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(Labeled.class).getText();
  }
}
