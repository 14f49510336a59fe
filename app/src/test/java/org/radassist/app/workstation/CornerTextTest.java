package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.i18n.Messages;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A film the reader turned or mirrored says so in its corner, as an inverted one does: its
 * burned-in R/L marker, turned with it, is no guide to laterality.
 */
@ExtendWith(ApplicationExtension.class)
class CornerTextTest {
  @TempDir static Path tmp;
  static Path folder;
  static Path white;

  private TestWorkstation workstation;
  private MainWindow window;

  @BeforeAll
  static void makeStudies() throws Exception {
    folder = Files.createDirectories(tmp.resolve("study"));
    SampleStudy.create(folder);
    white = Files.createDirectories(tmp.resolve("white")).resolve("white.dcm");
    int side = 256;
    int[] values = new int[side * side];
    Arrays.fill(values, 4095);
    values[0] = 0;
    DicomWriter.write(
        white,
        DxImageBuilder.create()
            .patient("TEST^BRIGHT", "BRIGHT-1", "19600101", "F")
            .study(Uids.generate(), "1", "white", "Bright film")
            .studyDateTime(LocalDateTime.of(2024, 1, 1, 9, 0))
            .series(Uids.generate(), 1, "PA")
            .instance(Uids.generate(), 1)
            .bodyPart("CHEST")
            .pixels(side, side, 12, values)
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

  @AfterEach
  void systemLanguage() {
    Messages.use(Messages.system());
  }

  private void open(FxRobot robot) throws Exception {
    open(robot, folder);
  }

  private void open(FxRobot robot, Path path) throws Exception {
    workstation.open(robot, path);
    robot.clickOn("#viewport");
  }

  private String corners() {
    return window.viewport().lookupAll(".corner-text").stream()
        .map(n -> ((Label) n).getText())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void rotationAndFlipShowInTheCornerUntilUndone(FxRobot robot) throws Exception {
    Messages.use(Locale.ENGLISH);
    open(robot);
    assertFalse(corners().contains("rotated"), corners());
    assertFalse(corners().contains("flipped"), corners());

    robot.type(KeyCode.T);
    assertTrue(corners().contains("rotated 90°"), corners());
    robot.type(KeyCode.T);
    assertTrue(corners().contains("rotated 180°"), corners());
    robot.type(KeyCode.M);
    assertTrue(corners().contains("flipped H"), corners());
    robot.type(KeyCode.I);
    assertTrue(corners().contains("inverted  rotated 180°  flipped H"), corners());

    robot.type(KeyCode.T, KeyCode.T, KeyCode.M, KeyCode.I);
    assertFalse(corners().contains("rotated"), "four quarter turns are upright again");
    assertFalse(corners().contains("flipped"), "flipped back");
    assertFalse(corners().contains("inverted"), corners());
  }

  @Test
  void rotationAndFlipShowInSpanishToo(FxRobot robot) throws Exception {
    Messages.use(Locale.forLanguageTag("es"));
    open(robot);
    robot.type(KeyCode.T, KeyCode.M);
    assertTrue(corners().contains("girada 90°  volteada H"), corners());
  }

  /**
   * Over a film white from edge to edge, the pixels of each corner block are mostly dark (its
   * backing), with the light text on them, where before the light grey text sat on white.
   */
  @Test
  void cornerTextHasADarkBackingOverAWhiteFilm(FxRobot robot) throws Exception {
    Messages.use(Locale.ENGLISH);
    open(robot, white);
    Viewport viewport = window.viewport();
    WritableImage shot = WaitForAsyncUtils.asyncFx(() -> viewport.snapshot(null, null)).get();
    PixelReader pixels = shot.getPixelReader();
    assertTrue(luminance(pixels, (int) viewport.getWidth() / 2, 300) > 0.9, "the film is white");
    for (Node n : viewport.lookupAll(".corner-text")) {
      Bounds box = viewport.sceneToLocal(n.localToScene(n.getLayoutBounds()));
      int dark = 0;
      int light = 0;
      for (int y = (int) box.getMinY() + 1; y < (int) box.getMaxY() - 1; y++) {
        for (int x = (int) box.getMinX() + 1; x < (int) box.getMaxX() - 1; x++) {
          double l = luminance(pixels, x, y);
          dark += l < 0.45 ? 1 : 0;
          light += l > 0.7 ? 1 : 0;
        }
      }
      String text = ((Label) n).getText();
      assertTrue(dark > 2 * light, text + ": " + dark + " dark pixels, " + light + " light");
      assertTrue(light > 0, text + ": its text shows");
    }
  }

  private static double luminance(PixelReader pixels, int x, int y) {
    Color c = pixels.getColor(x, y);
    return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
  }
}
