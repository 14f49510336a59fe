package org.radassist.dicom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.testsupport.Externals;

/**
 * {@code radassist bench dicom FOLDER}: a site times its own files, not only the reference corpus,
 * and a folder that cannot be timed says why in one line.
 */
class DicomBenchTest {
  @TempDir Path dir;

  @Test
  void aSitesOwnFolderIsTimedFileByFileAndItsSmallSliceMakesTheSeries() throws Exception {
    Path radiograph = Externals.shared("data/dicom/nema_wg04/RG2_RLE.dcm");
    Path slice =
        Externals.shared(
            "data/dicom/cornerstone_test_images/"
                + "CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm");
    Files.createDirectories(dir.resolve("b"));
    Files.copy(radiograph, dir.resolve("a-film.dcm"));
    Files.copy(slice, dir.resolve("b/ct-slice.dcm"));
    Files.writeString(dir.resolve("notes.txt"), "not a DICOM file");

    List<Path> files = DicomBench.corpusFiles(dir);

    assertEquals(List.of(dir.resolve("a-film.dcm"), dir.resolve("b/ct-slice.dcm")), files);
    assertEquals(Optional.of(dir.resolve("b/ct-slice.dcm")), DicomBench.seriesSlice(files));
  }

  @Test
  void theReferenceCorpusKeepsItsFixedFiles() throws Exception {
    Path corpus = Externals.shared("data/dicom");
    List<Path> files = DicomBench.corpusFiles(corpus);
    assertEquals(20, files.size(), "13 CT syntaxes and 7 WG-04 radiographs");
    assertTrue(DicomBench.seriesSlice(files).orElseThrow().toString().contains("CTImage"));
  }

  @Test
  void aMissingFolderOrOneWithoutImagesSaysSo() throws Exception {
    IOException missing =
        assertThrows(IOException.class, () -> DicomBench.corpusFiles(dir.resolve("nowhere")));
    assertTrue(missing.getMessage().contains("is not a folder"), missing.getMessage());
    Files.writeString(dir.resolve("notes.txt"), "not a DICOM file");
    IOException empty = assertThrows(IOException.class, () -> DicomBench.corpusFiles(dir));
    assertTrue(empty.getMessage().contains("holds no DICOM image file"), empty.getMessage());
  }
}
