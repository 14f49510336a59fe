package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.i18n.Messages;
import org.radassist.app.session.ReadPhase;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.StudyRead;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** A second reader reads blind, marks a region, reveals the AI and finishes; all of it is kept. */
@ExtendWith(ApplicationExtension.class)
class SecondReadTest {
  @TempDir static Path dataDir;
  static Path sample;

  private TestWorkstation workstation;
  private MainWindow window;

  @BeforeAll
  static void createSample() throws Exception {
    sample = SampleStudy.create(AppPaths.ensure(dataDir.resolve("in"))).file();
  }

  @Start
  void start(Stage stage) {
    workstation = TestWorkstation.show(dataDir, 1366, 900);
    window = workstation.window;
  }

  @Stop
  void stop() {
    workstation.close();
  }

  private void fire(FxRobot robot, String id) {
    Button b = robot.lookup(id).queryButton();
    robot.interact(b::fire);
  }

  @Test
  void blindedReadThenRevealThenFinishIsRecorded(FxRobot robot) throws Exception {
    workstation.open(robot, sample);

    fire(robot, "#start-blinded");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> !window.aiDisplay().visibleProperty().get());
    robot.clickOn("#viewport").type(javafx.scene.input.KeyCode.H);
    assertFalse(window.aiDisplay().visibleProperty().get(), "H cannot show AI while blinded");
    MenuItem toggle =
        robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream()
            .filter(m -> "menu-ai".equals(m.getId()))
            .flatMap(m -> m.getItems().stream())
            .filter(
                i -> i.getText() != null && i.getText().startsWith(Messages.text("menu.ai.toggle")))
            .findFirst()
            .orElseThrow();
    robot.interact(toggle::fire);
    assertFalse(window.aiDisplay().visibleProperty().get(), "nor can the AI menu");

    robot.type(javafx.scene.input.KeyCode.K);
    robot.moveTo("#viewport").moveBy(-60, -40).press(javafx.scene.input.MouseButton.PRIMARY);
    robot.moveBy(80, 60).release(javafx.scene.input.MouseButton.PRIMARY);
    TextArea impression = robot.lookup("#impression").query();
    robot.interact(() -> impression.setText("Nodule right lower zone"));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.tasks().isIdle());

    fire(robot, "#reveal-ai");
    WaitForAsyncUtils.waitFor(
        180,
        TimeUnit.SECONDS,
        () -> !robot.lookup("#findings").queryListView().getItems().isEmpty());
    assertTrue(window.aiDisplay().visibleProperty().get(), "revealing shows the AI");

    robot.interact(() -> impression.setText("Agree with AI: one nodule"));
    fire(robot, "#finish-read");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.tasks().isIdle());
    WaitForAsyncUtils.waitForFxEvents();

    try (ReadingService record = ReadingService.open(dataDir)) {
      var session = record.session(1);
      StudyRead read =
          record.read(
              session, org.radassist.dicom.image.DicomImage.read(sample).studyInstanceUid());
      assertEquals(ReadPhase.DONE, read.phase());
      assertEquals("Nodule right lower zone", read.blindedImpression());
      assertEquals("Agree with AI: one nodule", read.finalImpression());
      var marks = record.store().sessions().marks(read.id());
      assertEquals(1, marks.size(), "the reader's mark");
      assertEquals(
          org.radassist.dicom.image.DicomImage.read(sample).sopInstanceUid(),
          marks.get(0).image().sopInstanceUid(),
          "the mark names the image it was drawn on");
    }
  }
}
