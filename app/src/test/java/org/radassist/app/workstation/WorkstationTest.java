package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.BodyPart;
import org.radassist.app.core.ModelChoice;
import org.radassist.app.core.SampleStudy;
import org.radassist.app.core.Settings;
import org.radassist.app.i18n.Messages;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.dataset.FractureRecipe;
import org.radassist.inference.dataset.TumourRecipe;
import org.radassist.inference.phantom.Lesion;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class WorkstationTest {
  @TempDir static Path dataDir;
  static Lesion lesion;
  static Path sample;

  private TestWorkstation workstation;
  private MainWindow window;

  /** The sample the window will open, made beforehand so its lesion position is known. */
  @BeforeAll
  static void createSample() throws Exception {
    SampleStudy created = SampleStudy.create(AppPaths.ensure(AppPaths.of(dataDir).samples()));
    lesion = created.lesion();
    sample = created.file();
  }

  @Start
  void start(Stage stage) {
    workstation = TestWorkstation.show(dataDir, 1366, 768);
    window = workstation.window;
  }

  @Stop
  void stop() {
    workstation.close();
  }

  @Test
  void opensTheSampleAnalysesItAndShowsTheHeatmapAndTheFinding(FxRobot robot) throws Exception {
    robot.interact(window::openSample);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewport().hasImage());
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(1, window.studyBrowser().series().size());
    VoiLut fileWindow = DicomImage.read(sample).windows().get(0);
    assertEquals(
        fileWindow, window.viewport().windowProperty().get(), "the file's window is shown");

    robot.clickOn("#analyze");
    WaitForAsyncUtils.waitFor(
        180,
        TimeUnit.SECONDS,
        () -> !robot.lookup("#findings").queryListView().getItems().isEmpty());

    Node heatmap = robot.lookup(n -> n.getId() != null && n.getId().startsWith("heatmap-")).query();
    assertNotNull(heatmap, "a heatmap layer is drawn");
    assertTrue(heatmap.isVisible() && window.overlay().isVisible());

    ListView<Finding> findings = robot.lookup("#findings").queryListView();
    Finding first = findings.getItems().get(0);
    assertTrue(
        first.box().x() <= lesion.centerX()
            && lesion.centerX() <= first.box().x() + first.box().width()
            && first.box().y() <= lesion.centerY()
            && lesion.centerY() <= first.box().y() + first.box().height(),
        "the listed finding is at the planted lesion " + lesion + ": " + first);

    Slider opacity = robot.lookup("#opacity").queryAs(Slider.class);
    robot.interact(() -> opacity.setValue(0.25));
    assertEquals(0.25, heatmap.getParent().getOpacity(), 1e-9, "the slider sets heatmap opacity");

    Node outline = robot.lookup(n -> n.getId() != null && n.getId().startsWith("outline-")).query();
    assertFalse(outline.getParent().isVisible(), "outlines are off until asked for");
    robot.clickOn("#show-outlines");
    assertTrue(outline.getParent().isVisible(), "the checkbox shows the outlines");
    javafx.scene.shape.Path drawn = (javafx.scene.shape.Path) outline;
    assertFalse(drawn.getElements().isEmpty(), "the heatmap is outlined");
    assertTrue(
        drawn.getBoundsInParent().contains(lesion.centerX(), lesion.centerY()),
        "the outline surrounds the planted lesion " + lesion + ": " + drawn.getBoundsInParent());
    Slider from = robot.lookup("#heatmap-threshold").queryAs(Slider.class);
    int before = drawn.getElements().size();
    robot.interact(() -> from.setValue(0.8));
    assertTrue(drawn.getElements().size() < before, "a higher Show from draws a tighter outline");

    robot.clickOn("#viewport").type(KeyCode.H);
    assertFalse(window.overlay().isVisible(), "H hides all AI");
    robot.type(KeyCode.H);
    assertTrue(window.overlay().isVisible(), "H brings it back");

    Button analyze = robot.lookup("#analyze").queryButton();
    assertFalse(analyze.isDisabled(), "the UI is usable again after the analysis");
  }

  /** A CT slice gets no radiograph model by itself; the panel says so instead of a result. */
  @Test
  void automaticChoiceLeavesACtSliceUnanalysedAndSaysWhy(FxRobot robot) throws Exception {
    Path ct = dataDir.resolve("ct.dcm");
    int[] pixels = new int[128 * 128];
    Attributes slice =
        DxImageBuilder.create()
            .study(Uids.generate(), "S1", "A1", "")
            .series(Uids.generate(), 1, "")
            .instance(Uids.generate(), 1)
            .pixels(128, 128, 12, pixels)
            .build();
    slice.putString(Tag.MODALITY, VR.CS, "CT");
    DicomWriter.write(ct, slice);
    robot.interact(() -> window.open(List.of(ct)));
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewport().hasImage());
    robot.clickOn("#analyze");
    Label model = robot.lookup("#ai-model").queryAs(Label.class);
    String notAnalysed =
        Messages.format("ai.notAnalysed", Messages.format("ai.noModel.modality", "CT"));
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.getText().equals(notAnalysed));
    assertFalse(robot.lookup("#analyze").queryButton().isDisabled());
  }

  @Test
  void theReaderPicksAnotherModelInTheAiPanelAndTheImageIsAnalysedAgainWithIt(FxRobot robot)
      throws Exception {
    robot.interact(window::openSample);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.viewport().hasImage());
    robot.clickOn("#analyze");
    Label model = robot.lookup("#ai-model").queryAs(Label.class);
    BodyPart part = BodyPart.of(DicomImage.read(sample).attributes());
    assertEquals("CHEST", part.term());
    // The sample may show its recorded analysis first (another test analysed it); the run just
    // asked for says why its model was chosen.
    String why = Messages.format("ai.reason.bodyPart", "CHEST", part.source());
    WaitForAsyncUtils.waitFor(
        180,
        TimeUnit.SECONDS,
        () -> model.getText().startsWith(TumourRecipe.ID) && model.getText().contains(why));

    @SuppressWarnings("unchecked")
    ComboBox<ModelChoice> picker = robot.lookup("#model-picker").queryAs(ComboBox.class);
    ModelChoice fracture = new ModelChoice.Builtin(FractureRecipe.ID);
    robot.interact(() -> picker.setValue(fracture));
    WaitForAsyncUtils.waitFor(
        180, TimeUnit.SECONDS, () -> model.getText().startsWith(FractureRecipe.ID));
    assertEquals(
        fracture,
        Settings.load(AppPaths.of(dataDir)).model(),
        "the pick is saved for the next session");

    // Changing one's mind while the first run is going: the screen ends on the last choice.
    robot.interact(
        () -> {
          picker.setValue(ModelChoice.AUTOMATIC);
          picker.setValue(fracture);
          picker.setValue(ModelChoice.AUTOMATIC);
        });
    WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> window.tasks().isIdle());
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(model.getText().startsWith(TumourRecipe.ID), model.getText());
    assertEquals(ModelChoice.AUTOMATIC, Settings.load(AppPaths.of(dataDir)).model());
  }
}
