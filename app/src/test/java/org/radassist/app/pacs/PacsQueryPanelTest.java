package org.radassist.app.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.AppPaths;
import org.radassist.app.i18n.Messages;
import org.radassist.dicom.web.DicomWebClient;
import org.radassist.dicom.web.DicomWebConfig;
import org.radassist.dicom.web.StudySummary;
import org.radassist.testsupport.OrthancServer;
import org.radassist.testsupport.SyntheticStudy;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The PACS window driven like a reader would, against a real Orthanc. */
@ExtendWith(ApplicationExtension.class)
class PacsQueryPanelTest {
  @TempDir static Path tmp;
  static OrthancServer orthanc;
  static SyntheticStudy study;
  static PacsService service;

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final AtomicReference<List<Path>> opened = new AtomicReference<>();

  @BeforeAll
  static void startPacs() throws Exception {
    orthanc = OrthancServer.start();
    study = SyntheticStudy.write(tmp.resolve("study"), "GUI-3", "20230405", 2);
    new DicomWebClient(DicomWebConfig.of(orthanc.dicomWebUrl())).store(study.files());
    AppPaths paths = AppPaths.of(tmp.resolve("data"));
    PacsSettings settings = PacsSettings.load(paths);
    settings.put(PacsServer.anonymous("orthanc", orthanc.dicomWebUrl()));
    settings.save();
    service = PacsService.open(paths);
  }

  @AfterAll
  static void stopPacs() {
    if (orthanc != null) {
      orthanc.close();
    }
  }

  @Start
  void start(Stage stage) {
    PacsQueryPanel panel =
        new PacsQueryPanel(service, executor::submit, opened::set, Optional::empty);
    stage.setScene(new Scene(panel, 960, 560));
    stage.show();
  }

  @Test
  void searchRetrieveAndOpenThenListTheCache(FxRobot robot) throws Exception {
    robot.clickOn("#pacs-patient-id").write("GUI-3");
    robot.clickOn("#pacs-search");
    TableView<StudySummary> table = robot.lookup("#pacs-results").queryTableView();
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
    assertEquals(study.studyInstanceUid(), table.getItems().get(0).studyInstanceUid());

    robot.interact(() -> table.getSelectionModel().select(0));
    robot.clickOn("#pacs-retrieve");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> opened.get() != null);
    assertEquals(2, opened.get().size());
    assertTrue(service.cache().find(study.studyInstanceUid()).isPresent());

    robot.clickOn("#pacs-send");
    WaitForAsyncUtils.waitForFxEvents();
    PacsQueryPanel panel = (PacsQueryPanel) table.getParent();
    assertEquals(Messages.text("pacs.noResult"), panel.statusMessage());

    robot.interact(() -> table.getItems().clear());
    robot.clickOn("#pacs-cached");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
    assertEquals("GUI-3", table.getItems().get(0).patientId());
    executor.shutdownNow();
  }
}
