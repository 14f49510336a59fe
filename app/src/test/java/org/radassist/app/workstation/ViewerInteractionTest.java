package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.SampleStudy;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.inference.phantom.Phantom;
import org.radassist.testsupport.Externals;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** What a reader does with the mouse and keyboard on an opened image, without any AI. */
@ExtendWith(ApplicationExtension.class)
class ViewerInteractionTest {
  @TempDir static Path tmp;
  static Path folder;

  private TestWorkstation workstation;
  private MainWindow window;

  @BeforeAll
  static void makeFolderWithACorruptFile() throws Exception {
    folder = Files.createDirectories(tmp.resolve("study"));
    SampleStudy.create(folder);
    Files.write(folder.resolve("broken.dcm"), new byte[] {'D', 'I', 'C', 'M', 1, 2, 3});
  }

  @Start
  void start(Stage stage) {
    workstation = TestWorkstation.show(tmp.resolve("data"), 1366, 768);
    window = workstation.window;
  }

  @Stop
  void stop() {
    workstation.close();
  }

  /**
   * The narrow column shows the reason first and then the file's name, not its whole path, which
   * pushed the reason out of sight; the full path and reason are in the tooltip.
   */
  @Test
  void aCorruptFileIsListedWithItsReasonAndTheRestOpens(FxRobot robot) throws Exception {
    workstation.open(robot, folder);
    assertEquals(1, window.studyBrowser().series().size());
    ListView<StudyBrowser.NotOpened> failures = robot.lookup("#failures").queryListView();
    assertEquals(1, failures.getItems().size());
    StudyBrowser.NotOpened item = failures.getItems().get(0);
    ListCell<?> cell =
        robot.lookup("#failures .list-cell").queryAllAs(ListCell.class).stream()
            .filter(c -> c.getItem() != null)
            .findFirst()
            .orElseThrow();
    String shown = cell.getText();
    assertTrue(shown.startsWith(item.reason()), shown);
    assertTrue(shown.endsWith(" broken.dcm"), shown);
    assertFalse(shown.contains(folder.toString()), "no directory in the list: " + shown);
    assertTrue(cell.isWrapText(), "a long reason wraps instead of running off the column");
    String tip = cell.getTooltip().getText();
    assertTrue(tip.contains(folder.resolve("broken.dcm").toString()), tip);
    assertTrue(tip.contains(item.reason()), tip);
  }

  @Test
  void rightDragChangesWindowAndLevelAndRResetsIt(FxRobot robot) throws Exception {
    workstation.open(robot, folder);
    VoiLut before = window.viewport().windowProperty().get();
    robot.drag("#viewport", MouseButton.SECONDARY).moveBy(120, 60).drop();
    VoiLut after = window.viewport().windowProperty().get();
    assertTrue(after.width() > before.width(), "dragging right widens the window");
    assertTrue(after.center() < before.center(), "dragging down lowers the level");
    robot.type(KeyCode.R);
    assertEquals(before, window.viewport().windowProperty().get());
  }

  @Test
  void wheelZoomsAboutThePointerAndFFitsAgain(FxRobot robot) throws Exception {
    workstation.open(robot, folder);
    double fit = window.viewport().zoomProperty().get();
    robot.moveTo("#viewport").scroll(3, javafx.geometry.VerticalDirection.UP);
    double zoomed = window.viewport().zoomProperty().get();
    assertNotEquals(fit, zoomed, 1e-6);
    robot.type(KeyCode.F);
    assertEquals(fit, window.viewport().zoomProperty().get(), 1e-9);
  }

  @Test
  void shortcutsInvertRotateAndFlip(FxRobot robot) throws Exception {
    workstation.open(robot, folder);
    robot.clickOn("#viewport");
    robot.type(KeyCode.I);
    assertTrue(window.viewport().isInverted());
    robot.type(KeyCode.T);
    assertEquals(1, window.viewport().quarterTurns());
    robot.type(KeyCode.M);
    assertTrue(window.viewport().isFlipped());
    robot.type(KeyCode.H);
    assertTrue(!window.overlay().isVisible(), "H hides the AI layer");
  }

  private static Path study(Path dir, String name, LocalDateTime when, long seed) throws Exception {
    Frame f = new Phantom(256, 256).render(seed).frame();
    Path file = dir.resolve(name);
    DicomWriter.write(
        file,
        DxImageBuilder.create()
            .patient("TEST^HANGING", "HANG-1", "19600101", "F")
            .study(Uids.generate(), "1", name, "Chest " + when.toLocalDate())
            .studyDateTime(when)
            .series(Uids.generate(), 1, "PA")
            .instance(Uids.generate(), 1)
            .bodyPart("CHEST")
            .pixels(f.rows(), f.columns(), f.bitsStored(), f.samples())
            .build());
    return file;
  }

  @Test
  void currentAndPriorStudiesHangSideBySideNewestLeft(FxRobot robot) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("two-studies"));
    study(dir, "a-prior.dcm", LocalDateTime.of(2024, 3, 1, 10, 0), 1);
    Path current = study(dir, "b-current.dcm", LocalDateTime.of(2026, 3, 1, 10, 0), 2);
    workstation.open(robot, dir);
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            window.viewerLayout().columns() == 2 && window.viewerLayout().pane(1).image() != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(current, window.viewerLayout().pane(0).image().path());
    assertTrue(
        window.viewerLayout().pane(1).image().path().endsWith("a-prior.dcm"),
        "the prior hangs on the right");
  }

  @Test
  void arrowKeysScrollThroughTheFramesOfAMultiFrameImage(FxRobot robot) throws Exception {
    Path twoFrames = Externals.shared("data/dicom/pydicom_data/SC_rgb_2frame.dcm");
    workstation.open(robot, twoFrames);
    var first = window.viewport().frame();
    robot.clickOn("#viewport").type(KeyCode.DOWN);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewport().frame() != first);
    robot.type(KeyCode.UP);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.viewport().frame() == first);
  }
}
