package org.radassist.app.session;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.analysis.LabelResult;
import org.radassist.inference.analysis.ModelInfo;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.analysis.Timings;
import org.radassist.inference.model.LabelKind;

/** Real DICOM files and analysis results for the record's tests, small enough to make per test. */
public final class Fixtures {
  private Fixtures() {}

  public static final int ROWS = 64;
  public static final int COLUMNS = 80;

  /** A DX image of a study of its own, written to {@code dir/name}. */
  public static DicomImage image(Path dir, String name) throws Exception {
    return image(dir, name, null);
  }

  /** A DX image of study {@code studyUid} (a new study when null), written to {@code dir/name}. */
  public static DicomImage image(Path dir, String name, String studyUid) throws Exception {
    int[] pixels = new int[ROWS * COLUMNS];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (i * 37) % 4096;
    }
    Path file = dir.resolve(name);
    DicomWriter.write(
        file,
        DxImageBuilder.create()
            .patient("Test^Patient", "PID-1", "19700101", "O")
            .study(studyUid, "S1", "ACC-1", "Chest")
            .pixels(ROWS, COLUMNS, 12, pixels)
            .build());
    return DicomImage.read(file);
  }

  /** A prediction with three findings: two nodules and a fracture, with heatmaps. */
  public static Prediction prediction() {
    float[] nodule = new float[ROWS * COLUMNS];
    nodule[10 * COLUMNS + 12] = 0.91f;
    float[] fracture = new float[ROWS * COLUMNS];
    fracture[40 * COLUMNS + 50] = 0.66f;
    return new Prediction(
        new ModelInfo("demo-chest", "1.2.0", "ab".repeat(32)),
        "cpu",
        ROWS,
        COLUMNS,
        List.of(
            new LabelResult("nodule", LabelKind.TUMOR, 0.91, 0.5, true),
            new LabelResult("fracture", LabelKind.FRACTURE, 0.66, 0.5, true)),
        List.of(
            new Heatmap("nodule", Heatmap.Method.CAM, COLUMNS, ROWS, nodule),
            new Heatmap("fracture", Heatmap.Method.CAM, COLUMNS, ROWS, fracture)),
        List.of(
            new Finding(
                "nodule",
                LabelKind.TUMOR,
                0.91,
                new Finding.Box(5, 4, 16, 12),
                new Finding.Point(12, 10)),
            new Finding(
                "nodule",
                LabelKind.TUMOR,
                0.58,
                new Finding.Box(60, 8, 10, 10),
                new Finding.Point(64, 12)),
            new Finding(
                "fracture",
                LabelKind.FRACTURE,
                0.66,
                new Finding.Box(44, 36, 14, 9),
                new Finding.Point(50, 40))),
        new Timings(1, 2, 3, 6));
  }

  /** The same findings as {@link #prediction()}, by another version of the model. */
  public static Prediction predictionByAnotherVersion() {
    Prediction p = prediction();
    return new Prediction(
        new ModelInfo("demo-chest", "1.3.0", "cd".repeat(32)),
        p.device(),
        p.rows(),
        p.columns(),
        p.labels(),
        p.heatmaps(),
        p.findings(),
        p.timings());
  }

  /** A clock tests move by hand, so durations are exact without timing anything. */
  public static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-11-21T08:00:00Z");

    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
