package org.radassist.dicom.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.testsupport.Externals;

/**
 * A deflated file cut off in transfer must be reported as truncated. Cut just after its file meta,
 * it inflated to nothing and read as a valid file with an empty data set, no image and no error.
 */
class DeflatedTruncationTest {
  @TempDir Path tmp;

  @Test
  void aDeflatedFileCutShortIsReportedAsTruncated() throws Exception {
    byte[] whole =
        Files.readAllBytes(
            Externals.shared("data/dicom").resolve("pydicom_test_files/image_dfl.dcm"));
    DicomReader.read(write("whole.dcm", whole));
    // Preamble and DICM, then (0002,0000) UL: 12 bytes whose value is the rest of the meta.
    int metaEnd = 132 + 12 + ByteBuffer.wrap(whole, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    for (int cut : new int[] {metaEnd + 10, (metaEnd + whole.length) / 2, whole.length - 12}) {
      Path file = write("cut-" + cut + ".dcm", Arrays.copyOf(whole, cut));
      DicomException e = assertThrows(DicomException.class, () -> DicomReader.read(file));
      assertTrue(e.problem().contains("truncated"), cut + ": " + e.problem());
    }
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path p = tmp.resolve(name);
    Files.write(p, bytes);
    return p;
  }
}
