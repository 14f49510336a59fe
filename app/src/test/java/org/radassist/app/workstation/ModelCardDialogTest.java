package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.ModelChoice;
import org.radassist.app.i18n.Messages;
import org.radassist.inference.demo.BuiltInModels;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The reader opens the card of the model in the AI panel and reads what it is and how it did. */
@ExtendWith(ApplicationExtension.class)
class ModelCardDialogTest {
  @TempDir Path dataDir;

  private TestWorkstation workstation;
  private MainWindow window;

  @AfterEach
  void close(FxRobot robot) {
    robot.interact(workstation::close);
    Messages.use(Messages.system());
  }

  private void startIn(FxRobot robot, Locale language) {
    robot.interact(
        () -> {
          Messages.use(language);
          workstation = TestWorkstation.show(dataDir, 1366, 768);
          window = workstation.window;
        });
  }

  private void choose(FxRobot robot, String builtinId) {
    @SuppressWarnings("unchecked")
    ComboBox<ModelChoice> picker = robot.lookup("#model-picker").queryAs(ComboBox.class);
    robot.interact(() -> picker.setValue(new ModelChoice.Builtin(builtinId)));
  }

  private static Label shown(FxRobot robot, String id) throws Exception {
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(id).tryQuery().isPresent());
    return robot.lookup(id).queryAs(Label.class);
  }

  @Test
  void theChestModelsCardGivesItsVersionPurposeAndTestAuroc(FxRobot robot) throws Exception {
    startIn(robot, Locale.ENGLISH);
    choose(robot, BuiltInModels.CHEST_TUMOUR);
    robot.clickOn("#model-card");

    assertEquals("1.6.0", shown(robot, "#card-version").getText());
    assertEquals(
        "0.951\n(0.911–0.981)",
        robot.lookup("#card-auroc-0").queryAs(Label.class).getText(),
        "the test AUROC, and under it how far it moves when the films are drawn again");
    assertEquals(
        "90%\n(84%–96%)", robot.lookup("#card-pointing_game-0").queryAs(Label.class).getText());
    assertEquals(
        "0.934\n(0.898–0.965)", robot.lookup("#card-auroc-1").queryAs(Label.class).getText());
    assertTrue(
        robot.lookup(".label").queryAllAs(Label.class).stream()
            .anyMatch(l -> l.getText().startsWith("In brackets: the range in which 95 %")),
        "the intervals are explained");
    assertTrue(
        robot.lookup(".label").queryAllAs(Label.class).stream()
            .anyMatch(l -> l.getText().startsWith("Demonstration only, not for diagnosis.")),
        "the intended use and its limits are shown");
    assertEquals(
        "nodule-mass (tumour), operating threshold 0.86",
        robot.lookup("#card-labels").queryAs(Label.class).getText());
  }

  @Test
  void aSecondCardReplacesTheFirstSoOnlyTheChosenModelsCardIsOpen(FxRobot robot) throws Exception {
    startIn(robot, Locale.ENGLISH);
    choose(robot, BuiltInModels.CHEST_TUMOUR);
    robot.clickOn("#model-card");
    assertEquals("1.6.0", shown(robot, "#card-version").getText());
    choose(robot, BuiltInModels.BONE_FRACTURE);
    robot.clickOn("#model-card");
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            robot.lookup("#card-id").queryAllAs(Label.class).stream()
                .map(Label::getText)
                .toList()
                .equals(List.of(BuiltInModels.BONE_FRACTURE)));
  }

  @Test
  void inSpanishTheFiguresAreWrittenTheSpanishWay(FxRobot robot) throws Exception {
    startIn(robot, Locale.forLanguageTag("es"));
    choose(robot, BuiltInModels.CHEST_TUMOUR);
    robot.clickOn("#model-card");

    assertEquals("0,951\n(0,911–0,981)", shown(robot, "#card-auroc-0").getText());
    assertTrue(
        robot.lookup(".label").queryAllAs(Label.class).stream()
            .anyMatch(l -> l.getText().equals("Hallazgos falsos por radiografía sin lesión")),
        "the columns are named in Spanish");
  }

  @Test
  void automaticChoiceBeforeAnyAnalysisShowsBothBuiltInModels(FxRobot robot) throws Exception {
    startIn(robot, Locale.ENGLISH);
    robot.clickOn("#model-card");

    shown(robot, "#card-version");
    TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
    assertEquals(
        List.of(
            "Lung nodule / mass detector (demonstration)",
            "Fracture line detector (demonstration)"),
        tabs.getTabs().stream().map(Tab::getText).toList());
  }
}
