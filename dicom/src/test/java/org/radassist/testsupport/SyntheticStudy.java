package org.radassist.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;

/**
 * A small DX study written by our own writer (fresh UIDs each time), for tests that need a study
 * nobody else has stored: a PACS round trip must find exactly what this wrote.
 */
public record SyntheticStudy(String studyInstanceUid, String patientId, List<Path> files) {

  public static SyntheticStudy write(Path dir, String patientId, String studyDate, int images)
      throws IOException, DicomException {
    Files.createDirectories(dir);
    String study = Uids.generate();
    String series = Uids.generate();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      int rows = 96;
      int columns = 80;
      int[] pixels = new int[rows * columns];
      for (int p = 0; p < pixels.length; p++) {
        pixels[p] = (p * 37 + i * 1009) % 4096;
      }
      Attributes ds =
          DxImageBuilder.create()
              .patient("Test^Patient" + patientId, patientId, "19600101", "O")
              .study(study, "1", "ACC" + patientId, "Synthetic chest")
              .series(series, 1, "PA")
              .instance(Uids.generate(), i + 1)
              .bodyPart("CHEST")
              .viewPosition("PA")
              .pixelSpacing(0.2, 0.2)
              .pixels(rows, columns, 12, pixels)
              .build();
      ds.putString(
          org.radassist.dicom.data.Tag.STUDY_DATE, org.radassist.dicom.data.VR.DA, studyDate);
      Path file = dir.resolve("img" + (i + 1) + ".dcm");
      DicomWriter.write(file, ds);
      files.add(file);
    }
    return new SyntheticStudy(study, patientId, List.copyOf(files));
  }
}
