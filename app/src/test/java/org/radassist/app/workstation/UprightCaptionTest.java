package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.radassist.app.render.Colormap;
import org.radassist.app.render.FrameRenderer;
import org.radassist.app.render.HeatmapRenderer;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.ModelInfo;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.analysis.Timings;
import org.radassist.inference.model.LabelKind;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A finding's caption reads left to right, upright, above its box on screen, however the reader has
 * rotated or mirrored the film: it turned and mirrored with the image before.
 */
@ExtendWith(ApplicationExtension.class)
class UprightCaptionTest {
  private Viewport viewport;
  private AiOverlay overlay;

  @Start
  void start(Stage stage) {
    viewport = new Viewport();
    overlay =
        new AiOverlay(
            viewport.zoomProperty(),
            viewport.orientation(),
            new AiDisplay(new HeatmapRenderer(Colormap.named("inferno"), 0.2), 0.6));
    viewport.overlays().getChildren().add(overlay);
    stage.setScene(new Scene(viewport, 800, 600));
    stage.show();
  }

  @Test
  void theCaptionStaysUprightAboveItsBoxWhenTheFilmIsTurnedAndMirrored(FxRobot robot) {
    Frame film = new Frame(400, 300, 1, Photometric.MONOCHROME2, 8, false, new int[400 * 300]);
    Finding finding =
        new Finding(
            "nodule",
            LabelKind.TUMOR,
            0.9,
            new Finding.Box(40, 60, 50, 30),
            new Finding.Point(65, 75));
    Prediction p =
        new Prediction(
            new ModelInfo("m", "1", "0"),
            "cpu",
            400,
            300,
            List.of(),
            List.of(),
            List.of(finding),
            new Timings(0, 0, 0, 0));
    robot.interact(
        () -> {
          viewport.show(new FrameRenderer(film, ModalityLut.identity()));
          overlay.show(p);
        });
    for (int turn = 0; turn < 5; turn++) {
      Text caption = robot.lookup(".finding-box-label").queryAs(Text.class);
      Point2D start = caption.localToScene(0, 0);
      Point2D along = caption.localToScene(100, 0);
      String state = "turn " + turn;
      assertTrue(along.getX() > start.getX(), state + ": the caption runs right to left");
      assertEquals(start.getY(), along.getY(), 1e-6, state + ": the caption is not level");
      var box = robot.lookup(".finding-box").query();
      double boxTop = box.localToScene(box.getBoundsInLocal()).getMinY();
      assertTrue(start.getY() <= boxTop + 1e-6, state + ": the caption is not above its box");
      robot.interact(turn % 2 == 0 ? viewport::flipHorizontal : viewport::rotateClockwise);
    }
  }
}
