package org.radassist.app.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.inference.phantom.Lesion;
import org.radassist.inference.phantom.Phantom;
import org.radassist.inference.phantom.PhantomImage;

/**
 * The built-in sample study: a synthetic frontal chest radiograph with one nodule at a known place,
 * written as a DX For Presentation file by our own DICOM writer. It is made on first use, never
 * shipped, so the product needs nothing from outside to show what it does.
 */
public record SampleStudy(Path file, Lesion lesion) {
  /** Fixed seed: every installation gets the same image and the same lesion. */
  public static final long SEED = 20261121L;

  public static final int ROWS = 2048;
  public static final int COLUMNS = 2048;
  public static final double PIXEL_SPACING_MM = 0.175;
  static final String FILE_NAME = "sample-chest-dx.dcm";

  /** The sample's file in the user's data folder, created if it is not there yet. */
  public static Path ensure(AppPaths paths) throws DicomException {
    Path file = paths.samples().resolve(FILE_NAME);
    if (Files.isRegularFile(file)) {
      return file;
    }
    return create(AppPaths.ensure(paths.samples())).file();
  }

  /** Renders the sample into {@code dir} and says where its lesion is. */
  public static SampleStudy create(Path dir) throws DicomException {
    PhantomImage phantom = new Phantom(COLUMNS, ROWS).render(SEED, true);
    Frame frame = phantom.frame();
    VoiLut window = phantom.suggestedWindow();
    String studyUid = Uids.generate();
    DxImageBuilder dx =
        DxImageBuilder.create()
            .patient("RADASSIST^SAMPLE", "RA-SAMPLE-0001", "19700101", "O")
            .study(studyUid, "SAMPLE-1", "RA0001", "Built-in sample: synthetic chest radiograph")
            .studyDateTime(LocalDateTime.of(2026, 1, 1, 9, 0))
            .series(Uids.generate(), 1, "PA chest (synthetic phantom)")
            .instance(Uids.generate(), 1)
            .equipment("RadAssist", "Phantom renderer", "0.1.0")
            .bodyPart("CHEST")
            .viewPosition("PA")
            .pixels(frame.rows(), frame.columns(), frame.bitsStored(), frame.samples())
            .window(window.center(), window.width(), "PHANTOM")
            .pixelSpacing(PIXEL_SPACING_MM, PIXEL_SPACING_MM);
    Path file = dir.resolve(FILE_NAME);
    DicomWriter.write(file, dx.build());
    return new SampleStudy(file, phantom.lesion().orElseThrow());
  }
}
