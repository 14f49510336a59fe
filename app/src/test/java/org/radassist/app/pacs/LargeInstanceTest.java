package org.radassist.app.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.RadAssist;
import org.radassist.app.core.AppPaths;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.web.DicomWebClient;
import org.radassist.dicom.web.DicomWebConfig;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.testsupport.Externals;
import org.radassist.testsupport.OrthancServer;

/**
 * An instance larger than the heap (a tomosynthesis or long cine is hundreds of MB) is received by
 * C-STORE and pulled by WADO-RS by a {@code radassist} run with {@code -Xmx64m}: it is streamed to
 * disk, never held in memory.
 */
class LargeInstanceTest {
  private static final String HEAP = "-Xmx64m";

  @TempDir Path tmp;

  private static Process radassist(Path log, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                RadAssist.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** About 100 MB of 16-bit pixels, fresh UIDs. */
  private static Path bigImage(Path file) throws Exception {
    int rows = 7200;
    int columns = 7000;
    int[] pixels = new int[rows * columns];
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] = (p * 7 + p / columns) % 4096;
    }
    Attributes ds =
        DxImageBuilder.create()
            .patient("Large^Instance", "BIG-1", "19600101", "O")
            .study(Uids.generate(), "1", "ACCBIG", "Large instance")
            .series(Uids.generate(), 1, "PA")
            .instance(Uids.generate(), 1)
            .pixels(rows, columns, 12, pixels)
            .build();
    DicomWriter.write(file, ds);
    return file;
  }

  /** The data sets match: everything after each file's meta group (ours differs: our AE title). */
  private static void assertSameDataSet(Path expected, Path actual) throws Exception {
    byte[] a = Files.readAllBytes(expected);
    byte[] b = Files.readAllBytes(actual);
    int tail = Math.min(a.length, b.length) - 4096;
    assertTrue(
        Arrays.equals(a, a.length - tail, a.length, b, b.length - tail, b.length),
        actual + " differs from " + expected);
  }

  @Test
  void aLargeInstanceIsReceivedAndPulledWithA64MbHeap() throws Exception {
    Path storescu = Externals.tool("storescu");
    Path big = bigImage(tmp.resolve("big.dcm"));
    assertTrue(Files.size(big) > 90L << 20);

    Path receiveData = tmp.resolve("receiver");
    int port = freePort();
    Path receiveLog = tmp.resolve("receive.log");
    Process receiver =
        radassist(
            receiveLog,
            "--data-dir",
            receiveData.toString(),
            "pacs",
            "receive",
            "--port",
            String.valueOf(port));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(receiveLog).contains("Listening") && System.nanoTime() < deadline) {
        assertTrue(receiver.isAlive(), Files.readString(receiveLog));
        Thread.sleep(100);
      }
      Process send =
          new ProcessBuilder(
                  storescu.toString(), "-aec", "RADASSIST", "127.0.0.1", "" + port, big.toString())
              .redirectErrorStream(true)
              .start();
      String sent = new String(send.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(send.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, send.exitValue(), sent + "\n" + Files.readString(receiveLog));
    } finally {
      receiver.destroy();
      assertTrue(receiver.waitFor(30, TimeUnit.SECONDS));
    }
    String received = Files.readString(receiveLog);
    assertTrue(received.contains("now has 1 instance(s)"), received);
    StudyCache cache = PacsService.open(AppPaths.of(receiveData)).cache();
    List<StudyCache.CachedStudy> studies = cache.list();
    assertEquals(1, studies.size());
    assertSameDataSet(big, studies.get(0).files().get(0));

    try (OrthancServer orthanc = OrthancServer.start()) {
      DicomWebClient client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWebUrl()));
      assertTrue(client.store(List.of(big)).allStored());
      String studyUid = studies.get(0).studyInstanceUid();
      Path out = tmp.resolve("pulled");
      Path pullLog = tmp.resolve("pull.log");
      Process pull =
          radassist(
              pullLog,
              "--data-dir",
              tmp.resolve("puller").toString(),
              "pacs",
              "pull",
              "--server",
              orthanc.dicomWebUrl(),
              "--study",
              studyUid,
              "--out",
              out.toString());
      assertTrue(pull.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, pull.exitValue(), Files.readString(pullLog));
      try (var files = Files.list(out)) {
        List<Path> pulled = files.toList();
        assertEquals(1, pulled.size(), pulled.toString());
        assertEquals(-1L, Files.mismatch(big, pulled.get(0)), "WADO gives the file as stored");
      }
    }
  }
}
