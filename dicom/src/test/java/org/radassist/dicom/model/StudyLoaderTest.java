package org.radassist.dicom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.pixel.Frame;
import org.radassist.testsupport.Externals;

class StudyLoaderTest {
  private static final Path CORPUS = Externals.shared("data/dicom");
  private static final Path DIRTESTS = CORPUS.resolve("pydicom_test_files/dicomdirtests");

  @TempDir Path tmp;

  /**
   * A folder holding a DICOMDIR beside its images loads the images once, as files, and names the
   * DICOMDIR as the medium's index rather than passing over it in silence.
   */
  @Test
  void aDicomdirInAFolderIsAccountedForAndItsImagesLoadOnce() throws Exception {
    try (StudyLoader loader = new StudyLoader(2)) {
      LoadResult r = loader.load(List.of(DIRTESTS));
      assertEquals(
          List.of(
              "DICOMDIR",
              "DICOMDIR-bigEnd",
              "DICOMDIR-empty.dcm",
              "DICOMDIR-implicit",
              "DICOMDIR-nooffset",
              "DICOMDIR-nopatient",
              "DICOMDIR-reordered",
              "TINY_ALPHA/DICOMDIR"),
          r.report().directories().stream()
              .map(d -> DIRTESTS.relativize(Path.of(d)).toString())
              .toList());
      assertTrue(r.report().loaded() >= 31, "the images the DICOMDIR lists are among the files");
      assertEquals(List.of(), r.report().duplicates());
    }
  }

  @Test
  void dicomdirLoadsEveryReferencedInstanceIntoStudiesAndSortedSeries() throws Exception {
    try (StudyLoader loader = new StudyLoader(2)) {
      LoadResult r = loader.load(List.of(DIRTESTS.resolve("DICOMDIR")));
      assertEquals(List.of(), r.report().failures());
      assertEquals(6, r.studies().size());
      int instances = 0;
      for (Study s : r.studies()) {
        for (Series series : s.series()) {
          List<Instance> list = series.instances();
          instances += list.size();
          boolean byPosition =
              list.stream()
                  .allMatch(
                      i ->
                          i.metadata().doubles(Tag.IMAGE_POSITION_PATIENT).length == 3
                              && java.util.Arrays.equals(
                                  i.metadata().doubles(Tag.IMAGE_ORIENTATION_PATIENT),
                                  list.get(0).metadata().doubles(Tag.IMAGE_ORIENTATION_PATIENT))
                              && list.get(0)
                                      .metadata()
                                      .doubles(Tag.IMAGE_ORIENTATION_PATIENT)
                                      .length
                                  == 6);
          for (int i = 1; i < list.size(); i++) {
            assertTrue(
                key(list.get(i - 1), byPosition) <= key(list.get(i), byPosition),
                "series " + series.seriesNumber() + " is not in viewing order");
          }
        }
      }
      assertEquals(r.report().loaded(), instances);
      assertEquals(31, instances);
    }
  }

  private static double key(Instance i, boolean byPosition) {
    double[] p = i.metadata().doubles(Tag.IMAGE_POSITION_PATIENT);
    double[] o = i.metadata().doubles(Tag.IMAGE_ORIENTATION_PATIENT);
    if (!byPosition) {
      return i.instanceNumber().orElse(Integer.MAX_VALUE);
    }
    double nx = o[1] * o[5] - o[2] * o[4];
    double ny = o[2] * o[3] - o[0] * o[5];
    double nz = o[0] * o[4] - o[1] * o[3];
    return p[0] * nx + p[1] * ny + p[2] * nz;
  }

  @Test
  void aFolderWithBrokenFilesLoadsTheRestAndReportsEachFailure() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("mixed"));
    Files.copy(CORPUS.resolve("pydicom_test_files/CT_small.dcm"), dir.resolve("ct.dcm"));
    Files.copy(CORPUS.resolve("pydicom_test_files/MR_truncated.dcm"), dir.resolve("truncated.dcm"));
    Files.writeString(dir.resolve("notes.txt"), "not dicom at all, just text that is long enough");
    Files.writeString(dir.resolve("hello.txt"), "hello");
    byte[] header =
        Arrays.copyOf(Files.readAllBytes(CORPUS.resolve("pydicom_test_files/CT_small.dcm")), 132);
    byte[] garbage = Arrays.copyOf(header, 132 + 5000);
    for (int i = 132; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 131 + 17);
    }
    Files.write(dir.resolve("dicm-garbage.dcm"), garbage);
    Files.write(dir.resolve("dicm-zeros.dcm"), Arrays.copyOf(header, 132 + 5000));
    try (StudyLoader loader = new StudyLoader(2)) {
      LoadResult r = loader.load(List.of(dir));
      assertEquals(1, r.report().loaded());
      assertEquals(5, r.report().failures().size());
      for (LoadReport.Failure f : r.report().failures()) {
        assertTrue(
            f.location().endsWith("truncated.dcm")
                || f.location().endsWith("notes.txt")
                || f.location().endsWith("hello.txt")
                || f.location().endsWith("dicm-garbage.dcm")
                || f.location().endsWith("dicm-zeros.dcm"));
        if (f.location().endsWith("dicm-garbage.dcm")) {
          // The prefix is there; saying it was not sent a site looking at the wrong end.
          assertTrue(
              f.reason().startsWith("damaged header: the DICM prefix is followed by"), f.reason());
        }
        if (f.location().endsWith("dicm-zeros.dcm")) {
          assertTrue(f.reason().contains("followed by zeros"), f.reason());
        }
        assertTrue(f.reason().length() > 10, f.reason());
        if (f.location().endsWith("notes.txt")) {
          assertTrue(f.reason().startsWith("not a DICOM file: no DICM prefix"), f.reason());
        }
        if (f.location().endsWith("hello.txt")) {
          assertEquals("not a DICOM file: 5 bytes, too short for a data element", f.reason());
        }
      }
      Series series = r.studies().get(0).series().get(0);
      Frame first = loader.firstFrame(series).get(30, TimeUnit.SECONDS);
      assertEquals(128, first.rows());
    }
  }

  @Test
  void aSecondCopyOfAnImageIsShownOnceAndReportedWithTheFileKept() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("copies/a"));
    Path other = Files.createDirectories(tmp.resolve("copies/b"));
    Files.copy(CORPUS.resolve("pydicom_test_files/CT_small.dcm"), dir.resolve("ct.dcm"));
    Files.copy(CORPUS.resolve("pydicom_test_files/CT_small.dcm"), other.resolve("copy.dcm"));
    try (StudyLoader loader = new StudyLoader(2)) {
      LoadResult r = loader.load(List.of(tmp.resolve("copies")));
      assertEquals(1, r.report().loaded());
      assertEquals(List.of(), r.report().failures());
      LoadReport.Duplicate d = r.report().duplicates().get(0);
      assertTrue(d.location().endsWith("copy.dcm"), d.location());
      assertTrue(d.reason().contains(dir.resolve("ct.dcm").toString()), d.reason());
    }
  }

  @Test
  void ofTwoCopiesOfAnImageTheWholeOneIsKeptWhenTheOtherWasCutShort() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("interrupted"));
    byte[] whole = Files.readAllBytes(CORPUS.resolve("nema_wg04/CT1_JPLL.dcm"));
    // An interrupted transfer: the header is whole, the pixels stop halfway; indexing reads only
    // the header of a file this large, so the cut does not show until the pixels are decoded.
    Files.write(dir.resolve("a-cut.dcm"), Arrays.copyOf(whole, whole.length / 2));
    Files.write(dir.resolve("b-whole.dcm"), whole);
    try (StudyLoader loader = new StudyLoader(2)) {
      LoadResult r = loader.load(List.of(dir));
      assertEquals(1, r.report().loaded());
      Instance kept = r.studies().get(0).series().get(0).instances().get(0);
      assertTrue(kept.source().describe().endsWith("b-whole.dcm"), kept.source().describe());
      assertEquals(512 * 512, kept.frame(0).samples().length);
      LoadReport.Duplicate d = r.report().duplicates().get(0);
      assertTrue(d.location().endsWith("a-cut.dcm"), d.location());
    }
  }

  @Test
  void aZipArchiveLoadsAndPrefetchesEveryFrame() throws Exception {
    Path zip = tmp.resolve("study.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name :
          new String[] {
            "pydicom_data/emri_small_RLE.dcm",
            "pydicom_test_files/CT_small.dcm",
            "pydicom_test_files/MR_small.dcm"
          }) {
        out.putNextEntry(new ZipEntry("dir/" + Path.of(name).getFileName()));
        Files.copy(CORPUS.resolve(name), (OutputStream) out);
        out.closeEntry();
      }
    }
    try (StudyLoader loader = new StudyLoader(2)) {
      LoadResult r = loader.load(List.of(zip));
      assertEquals(List.of(), r.report().failures());
      assertEquals(3, r.report().loaded());
      for (Study st : r.studies()) {
        for (Series se : st.series()) {
          for (Instance i : se.instances()) {
            assertTrue(
                !i.metadata().contains(Tag.PIXEL_DATA),
                "a zip entry is indexed by its header, as a file is: its pixels wait in the zip");
          }
        }
      }
      Series series =
          r.studies().stream()
              .flatMap(st -> st.series().stream())
              .filter(x -> x.frameCount() == 10)
              .findFirst()
              .orElseThrow();
      AtomicInteger progress = new AtomicInteger();
      LoadReport frames = loader.prefetch(series, progress::set).get(60, TimeUnit.SECONDS);
      assertEquals(List.of(), frames.failures());
      assertEquals(series.frameCount(), frames.loaded());
      assertEquals(series.frameCount(), progress.get());
    }
  }

  /**
   * A stored (uncompressed) zip entry whose pixels were damaged in transit fails with that reason
   * when its frame is read, as a deflated one does: Java checks only a deflated entry's CRC.
   */
  @Test
  void aDamagedStoredZipEntryIsReportedNotShown() throws Exception {
    byte[] ct = Files.readAllBytes(CORPUS.resolve("pydicom_test_files/CT_small.dcm"));
    Path zip = tmp.resolve("stored.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      ZipEntry entry = new ZipEntry("ct.dcm");
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(ct.length);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(ct);
      entry.setCrc(crc.getValue());
      out.putNextEntry(entry);
      out.write(ct);
      out.closeEntry();
    }
    byte[] bytes = Files.readAllBytes(zip);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(zip, bytes);
    try (StudyLoader loader = new StudyLoader(1)) {
      LoadResult r = loader.load(List.of(zip));
      Instance i = r.studies().get(0).series().get(0).instances().get(0);
      org.radassist.dicom.io.DicomException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              org.radassist.dicom.io.DicomException.class, () -> i.frame(0));
      assertTrue(e.getMessage().contains("zip entry is damaged"), e.getMessage());
    }
  }

  /**
   * Test and research files often lack the SOP Instance UID; pydicom, GDCM and dcmtk still show
   * them. They open under a UID derived from where they are (the same one next time), while a file
   * with neither UID nor image is still refused with that reason.
   */
  @Test
  void anImageWithoutItsUidOpensUnderADerivedOneAndADataSetWithoutBothIsRefused() throws Exception {
    Path noUid = CORPUS.resolve("pydicom_data/JLSL_RGB_ILV0.dcm");
    Path notAnImage = CORPUS.resolve("pydicom_test_files/priv_SQ.dcm");
    String first;
    try (StudyLoader loader = new StudyLoader(1)) {
      LoadResult r = loader.load(List.of(noUid, notAnImage));
      assertEquals(1, r.report().loaded());
      assertEquals(1, r.report().failures().size());
      assertTrue(r.report().failures().get(0).reason().contains("no image"));
      Instance i = r.studies().get(0).series().get(0).instances().get(0);
      first = i.sopInstanceUid();
      assertTrue(first.startsWith("2.25."), first);
      assertEquals(first, i.image().sopInstanceUid(), "the decoded image carries the same UID");
      assertEquals(256, i.frame(0).columns());
    }
    try (StudyLoader loader = new StudyLoader(1)) {
      Instance again =
          loader.load(List.of(noUid)).studies().get(0).series().get(0).instances().get(0);
      assertEquals(first, again.sopInstanceUid(), "reopened from the same place, the same UID");
    }
  }
}
