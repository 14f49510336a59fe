package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** Reading a series image by image: where the reader is, and what each image shows. */
@ExtendWith(ApplicationExtension.class)
class StackReadingTest {
  private static final int IMAGES = 8;
  @TempDir static Path tmp;
  static Path series;

  private TestWorkstation workstation;
  private MainWindow window;

  @BeforeAll
  static void makeSeries() throws Exception {
    series = Files.createDirectories(tmp.resolve("series"));
    String study = Uids.generate();
    String seriesUid = Uids.generate();
    SplittableRandom r = new SplittableRandom(3);
    for (int k = 1; k <= IMAGES; k++) {
      int[] pixels = new int[256 * 256];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = 1000 + r.nextInt(2000);
      }
      Attributes ds =
          DxImageBuilder.create()
              .patient("Stack^Reader", "STACK-1", "19700101", "F")
              .study(study, "1", "ACC-S", "Chest")
              .series(seriesUid, 1, "PA")
              .instance(Uids.generate(), k)
              .pixels(256, 256, 12, pixels)
              .window(1000 + 100 * k, 2000, "FILM " + k)
              .pixelSpacing(0.1 * k, 0.1 * k)
              .bodyPart("CHEST")
              .build();
      DicomWriter.write(series.resolve("img" + k + ".dcm"), ds);
    }
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

  private void idle() throws Exception {
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.tasks().isIdle());
    WaitForAsyncUtils.waitForFxEvents();
  }

  /**
   * Five presses of Down made while the next image still decodes take the reader five images on, as
   * in any PACS viewer; each asked for the same next image before.
   */
  @Test
  void keyPressesDuringADecodeAddUp(FxRobot robot) throws Exception {
    workstation.open(robot, series);
    robot.interact(
        () -> {
          for (int k = 0; k < 5; k++) {
            window.stepFrame(1);
          }
        });
    idle();
    assertEquals(5, window.activePane().position());
  }

  /**
   * Each film of a series opens with its own window (and calibration), and R goes back to that one:
   * the first film's window stayed on every later one, which may hold other values.
   */
  @Test
  void eachFilmOfASeriesShowsWithItsOwnWindow(FxRobot robot) throws Exception {
    workstation.open(robot, series);
    robot.interact(() -> window.stepFrame(3));
    idle();
    var fourth = window.activePane().image();
    assertEquals(fourth.windows().get(0), window.viewport().windowProperty().get());
    robot.interact(
        () ->
            window
                .viewport()
                .windowProperty()
                .set(org.radassist.dicom.pixel.VoiLut.linear(50, 10)));
    robot.interact(() -> window.viewport().resetWindow());
    assertEquals(fourth.windows().get(0), window.viewport().windowProperty().get(), "R");
  }

  /**
   * After "analyze all" the reader is still on the image they were reading, which shows its result,
   * and stepping on shows the next image's result: the window jumped back to the first image, and
   * the others showed no result when stepped to.
   */
  @Test
  void analyzeAllLeavesTheReaderWhereTheyAreAndEveryImageShowsItsResult(FxRobot robot)
      throws Exception {
    workstation.open(robot, series);
    robot.interact(() -> window.stepFrame(2));
    idle();
    assertEquals(2, window.activePane().position());
    robot.interact(window::analyzeAll);
    idle();
    assertEquals(2, window.activePane().position(), "the reader stays on image 3");
    assertNotNull(window.activePane().analysis(), "image 3 shows its result");
    robot.interact(() -> window.stepFrame(1));
    idle();
    assertEquals(3, window.activePane().position());
    assertNotNull(window.activePane().analysis(), "image 4 shows its result when stepped to");
  }
}
