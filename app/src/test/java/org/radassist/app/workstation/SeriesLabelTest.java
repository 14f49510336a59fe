package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TreeCell;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.i18n.Messages;
import org.radassist.dicom.model.Series;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.testsupport.Externals;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every series in the study browser is readable in full on a small window, in English and in
 * Spanish: its counts are never cut to "1 image, 10 fram…", and its row's tooltip says it all.
 */
@ExtendWith(ApplicationExtension.class)
class SeriesLabelTest {
  @TempDir Path dataDir;

  private TestWorkstation workstation;
  private MainWindow window;

  @AfterEach
  void close(FxRobot robot) {
    robot.interact(workstation::close);
    Messages.use(Messages.system());
  }

  @Test
  void seriesLabelsAreWholeInEnglish(FxRobot robot) throws Exception {
    labelsAreWhole(robot, Locale.ENGLISH, 1472, 920);
  }

  @Test
  void seriesLabelsAreWholeInSpanish(FxRobot robot) throws Exception {
    labelsAreWhole(robot, Locale.forLanguageTag("es"), 1000, 650);
  }

  private void labelsAreWhole(FxRobot robot, Locale language, double width, double height)
      throws Exception {
    Path folder = Files.createDirectories(dataDir.resolve("in"));
    Files.copy(
        Externals.shared("data/dicom/pydicom_data/emri_small.dcm"), folder.resolve("mr.dcm"));
    DicomWriter.write(
        folder.resolve("dx.dcm"),
        DxImageBuilder.create()
            .patient("TEST^LABELS", "LAB-1", "19600101", "F")
            .study(Uids.generate(), "1", "ACC-1", "Hand")
            .series(Uids.generate(), 1, "HAND PA without pixel spacing, second exposure")
            .instance(Uids.generate(), 1)
            .bodyPart("HAND")
            .pixels(64, 80, 12, new int[64 * 80])
            .build());
    robot.interact(
        () -> {
          Messages.use(language);
          workstation = TestWorkstation.show(dataDir.resolve("data"), width, height);
          window = workstation.window;
          window.open(List.of(folder));
        });
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> window.studyBrowser().series().size() == 2);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.tasks().isIdle());
    WaitForAsyncUtils.waitForFxEvents();

    List<TreeCell<?>> rows =
        robot.lookup("#series .tree-cell").queryAll().stream()
            .<TreeCell<?>>map(n -> (TreeCell<?>) n)
            .filter(c -> c.getItem() instanceof Series)
            .toList();
    assertEquals(2, rows.size(), "both series are listed");
    for (TreeCell<?> row : rows) {
      String shown =
          row.lookupAll(".text").stream()
              .filter(Text.class::isInstance)
              .map(t -> ((Text) t).getText())
              .collect(Collectors.joining());
      List<String> lines = row.getText().lines().toList();
      List<String> counts = lines.subList(lines.size() - counts(row), lines.size());
      assertTrue(
          shown.lines().toList().containsAll(counts), "the counts " + counts + " in " + shown);
      assertEquals(lines.get(0), shown.lines().findFirst().orElse(""), "modality and body part");
      assertNotNull(row.getTooltip(), "the row has a tooltip");
      assertEquals(row.getText(), row.getTooltip().getText(), "which says it all");
    }
    assertTrue(
        rows.stream()
            .anyMatch(
                r -> r.getText().lines().anyMatch(Messages.format("browser.frames", 10)::equals)),
        "the MR's ten frames are named on a line of their own");
    assertFalse(
        robot.lookup("#series .scroll-bar").queryAllAs(ScrollBar.class).stream()
            .anyMatch(b -> b.getOrientation() == Orientation.HORIZONTAL && b.isVisible()),
        "nothing is hidden to the right of the column");
  }

  /** How many of the row's last lines count images and frames. */
  private static int counts(TreeCell<?> row) {
    Series series = (Series) row.getItem();
    return series.frameCount() > series.instances().size() ? 2 : 1;
  }
}
