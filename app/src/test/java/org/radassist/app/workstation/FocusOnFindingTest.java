package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.radassist.app.render.FrameRenderer;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.Photometric;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Jumping to a small finding on a large film keeps the anatomy around it in view: at least a
 * quarter of the film's shorter side, not the finding alone at several hundred per cent.
 */
@ExtendWith(ApplicationExtension.class)
class FocusOnFindingTest {
  private Viewport viewport;

  @Start
  void start(Stage stage) {
    viewport = new Viewport();
    stage.setScene(new Scene(viewport, 800, 600));
    stage.show();
  }

  @Test
  void aSmallFindingIsShownWithItsSurroundings(FxRobot robot) {
    Frame film = new Frame(2000, 1600, 1, Photometric.MONOCHROME2, 12, false, new int[2000 * 1600]);
    robot.interact(
        () -> {
          viewport.show(new FrameRenderer(film, ModalityLut.identity()));
          viewport.focusOn(800, 1000, 30, 30);
        });
    double zoom = viewport.zoomProperty().get();
    assertTrue(zoom <= 600.0 / 400 + 1e-9, "zoom " + zoom + " shows less than 400 px of film");
    assertTrue(zoom > 600.0 / 1600, "zoom " + zoom + " is not a zoom onto the finding");
  }
}
