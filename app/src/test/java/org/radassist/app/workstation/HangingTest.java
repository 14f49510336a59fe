package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.inference.phantom.Phantom;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A normal worklist: three chest films of one patient, listed oldest first, and another patient's
 * hand film. The current chest film hangs left with its priors beside it, whatever else is open.
 */
@ExtendWith(ApplicationExtension.class)
class HangingTest {
  @TempDir static Path tmp;
  static Path worklist;

  private TestWorkstation workstation;
  private MainWindow window;

  @BeforeAll
  static void makeWorklist() throws Exception {
    worklist = Files.createDirectories(tmp.resolve("worklist"));
    film("a-chest-2020.dcm", "CHEST-1", LocalDateTime.of(2020, 1, 1, 9, 0), 1);
    film("b-chest-2021.dcm", "CHEST-1", LocalDateTime.of(2021, 1, 1, 9, 0), 2);
    film("c-chest-2022.dcm", "CHEST-1", LocalDateTime.of(2022, 1, 1, 9, 0), 3);
    film("d-hand-2023.dcm", "HAND-1", LocalDateTime.of(2023, 1, 1, 9, 0), 4);
  }

  private static void film(String name, String patientId, LocalDateTime when, long seed)
      throws Exception {
    Frame f = new Phantom(128, 128).render(seed).frame();
    DicomWriter.write(
        worklist.resolve(name),
        DxImageBuilder.create()
            .patient("TEST^" + patientId, patientId, "19600101", "F")
            .study(Uids.generate(), "1", name, name)
            .studyDateTime(when)
            .series(Uids.generate(), 1, "PA")
            .instance(Uids.generate(), 1)
            .bodyPart("CHEST")
            .pixels(f.rows(), f.columns(), f.bitsStored(), f.samples())
            .build());
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

  private void openWorklist(FxRobot robot) throws Exception {
    workstation.open(robot, worklist);
  }

  private String shownIn(int pane) {
    DicomImage image = window.viewerLayout().pane(pane).image();
    return image == null ? null : image.path().getFileName().toString();
  }

  private void waitForPanes(int count) throws Exception {
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            window.viewerLayout().panes().size() == count
                && window.viewerLayout().panes().stream().allMatch(p -> p.image() != null));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.tasks().isIdle());
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void theNewestFilmOpensLeftWithItsPriorBesideItThoughAnotherPatientIsOpen(FxRobot robot)
      throws Exception {
    openWorklist(robot);
    waitForPanes(2);
    assertEquals("c-chest-2022.dcm", shownIn(0), "the current film, not the oldest");
    assertEquals("b-chest-2021.dcm", shownIn(1), "its newest prior beside it");
  }

  @Test
  void ctrl4FillsThePanesWithThePriorsThenTheNextOpenFilm(FxRobot robot) throws Exception {
    openWorklist(robot);
    waitForPanes(2);
    robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
    waitForPanes(4);
    assertEquals("c-chest-2022.dcm", shownIn(0));
    assertEquals("b-chest-2021.dcm", shownIn(1));
    assertEquals("a-chest-2020.dcm", shownIn(2));
    assertEquals("d-hand-2023.dcm", shownIn(3), "no prior left: the next open film");
  }

  @Test
  void ctrl2BesideAFilmWithoutPriorsShowsTheNextOpenFilm(FxRobot robot) throws Exception {
    openWorklist(robot);
    waitForPanes(2);
    robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(1, window.viewerLayout().panes().size());
    robot.interact(
        () ->
            window
                .studyBrowser()
                .select(
                    window.studyBrowser().series().stream()
                        .filter(
                            s ->
                                s.instances()
                                    .get(0)
                                    .source()
                                    .describe()
                                    .endsWith("d-hand-2023.dcm"))
                        .findFirst()
                        .orElseThrow()));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "d-hand-2023.dcm".equals(shownIn(0)));
    robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "a-chest-2020.dcm".equals(shownIn(1)));
    assertEquals("d-hand-2023.dcm", shownIn(0));
  }
}
