package org.radassist.app.pacs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.cli.RootCommand;
import org.radassist.app.core.AppPaths;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.dimse.StorageScp;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.testsupport.Externals;
import org.radassist.testsupport.SyntheticStudy;
import picocli.CommandLine;

/**
 * {@code radassist pacs receive} taking studies from dcmtk's storescu, as a modality sends them.
 */
class StorageReceiverTest {
  @TempDir Path tmp;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
    return new Result(p.exitValue(), out);
  }

  private static void succeeds(List<String> command) throws Exception {
    Result r = run(command);
    assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.output());
  }

  private static Map<String, int[]> pixels(List<Path> files) throws Exception {
    Map<String, int[]> out = new TreeMap<>();
    for (Path f : files) {
      DicomImage image = DicomImage.read(f);
      out.put(image.sopInstanceUid(), image.frame(0).samples());
    }
    return out;
  }

  @Test
  void studiesSentByStorescuLandInTheCacheUnchanged() throws Exception {
    Path storescu = Externals.tool("storescu");
    Path echoscu = Externals.tool("echoscu");
    SyntheticStudy study = SyntheticStudy.write(tmp.resolve("study"), "SCP-1", "20220303", 3);
    Path ct = Externals.shared("data/dicom/cornerstone_test_images/CTImage.dcm");
    int port = freePort();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread receiver =
        new Thread(
            () -> {
              CommandLine cl = RootCommand.commandLine();
              cl.setOut(new PrintWriter(out));
              cl.setErr(new PrintWriter(err));
              exit.set(
                  cl.execute(
                      "--data-dir",
                      tmp.resolve("data").toString(),
                      "pacs",
                      "receive",
                      "--port",
                      String.valueOf(port),
                      "--aet",
                      "RADASSIST"));
            });
    receiver.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!out.toString().contains("Listening") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(out.toString().contains("Listening"), out + " " + err);

    succeeds(List.of(echoscu.toString(), "-aec", "RADASSIST", "127.0.0.1", "" + port));
    Result wrongAe = run(List.of(echoscu.toString(), "-aec", "SOMEONE", "127.0.0.1", "" + port));
    assertNotEquals(0, wrongAe.exit());
    assertTrue(wrongAe.output().contains("Called AE Title Not Recognized"), wrongAe.output());
    List<String> send =
        new ArrayList<>(List.of(storescu.toString(), "-aec", "RADASSIST", "127.0.0.1", "" + port));
    study.files().forEach(f -> send.add(f.toString()));
    succeeds(send);
    succeeds(
        List.of(storescu.toString(), "-aec", "RADASSIST", "127.0.0.1", "" + port, ct.toString()));
    // An instance without its Study UID is refused as not matching its SOP Class, not as "out of
    // resources", which would invite the modality to send it again and again.
    Attributes orphan = DicomReader.read(study.files().get(0)).dataset();
    orphan.remove(Tag.STUDY_INSTANCE_UID);
    orphan.putString(Tag.SOP_INSTANCE_UID, VR.UI, "1.2.826.0.1.3680043.10.1.77");
    Path orphanFile = tmp.resolve("orphan.dcm");
    DicomWriter.write(orphanFile, orphan);
    Result refused =
        run(
            List.of(
                storescu.toString(),
                "-v",
                "-aec",
                "RADASSIST",
                "127.0.0.1",
                "" + port,
                orphanFile.toString()));
    assertTrue(refused.output().contains("Error: DataSetDoesNotMatchSOPClass"), refused.output());

    StudyCache cache = PacsService.open(AppPaths.of(tmp.resolve("data"))).cache();
    StudyCache.CachedStudy cached = cache.find(study.studyInstanceUid()).orElseThrow();
    assertEquals(3, cached.files().size());
    assertEquals(3, cached.study().instanceCount());
    assertEquals("SCP-1", cached.study().patientId());
    Map<String, int[]> sent = pixels(study.files());
    Map<String, int[]> received = pixels(cached.files());
    assertEquals(sent.keySet(), received.keySet());
    for (String uid : sent.keySet()) {
      assertArrayEquals(sent.get(uid), received.get(uid), uid);
    }
    for (Path f : cached.files()) {
      assertEquals("STORESCU", DicomReader.read(f).meta().string(0x00020016));
    }
    DicomImage original = DicomImage.read(ct);
    StudyCache.CachedStudy ctStudy = cache.find(original.studyInstanceUid()).orElseThrow();
    assertArrayEquals(
        original.frame(0).samples(), DicomImage.read(ctStudy.files().get(0)).frame(0).samples());

    receiver.interrupt();
    receiver.join(20_000);
    assertEquals(0, exit.get(), err.toString());
    assertTrue(out.toString().contains("now has 3 instance(s)"), out.toString());
    assertTrue(Files.isDirectory(cache.root()));
  }

  @Test
  void aStudyStillArrivingIsNotEvictedByTheCacheLimit() throws Exception {
    Path storescu = Externals.tool("storescu");
    SyntheticStudy x = SyntheticStudy.write(tmp.resolve("x"), "EVICT-X", "20240101", 3);
    SyntheticStudy y = SyntheticStudy.write(tmp.resolve("y"), "EVICT-Y", "20240101", 3);
    long four = Files.size(x.files().get(0)) * 4;
    StudyCache cache = new StudyCache(tmp.resolve("cache"), four);
    List<String> send =
        new ArrayList<>(List.of(storescu.toString(), "-aec", "RADASSIST", "127.0.0.1"));
    try (StorageScp scp =
        StorageScp.start(
            InetAddress.getLoopbackAddress(),
            0,
            "RADASSIST",
            new StorageReceiver(cache, s -> {}))) {
      send.add(String.valueOf(scp.port()));
      // Interleaved, as two modalities sending through one router would deliver them.
      for (int i = 0; i < 3; i++) {
        send.add(x.files().get(i).toString());
        send.add(y.files().get(i).toString());
      }
      succeeds(send);
    }
    assertEquals(3, cache.find(x.studyInstanceUid()).orElseThrow().files().size());
    assertEquals(3, cache.find(y.studyInstanceUid()).orElseThrow().files().size());
  }

  @Test
  void aRetrievalKilledMidwayIsRemovedByTheNextCacheRunAndALiveOneIsKept() throws Exception {
    Path python = Externals.tool("python3");
    Path data = tmp.resolve("data");
    Path root = AppPaths.of(data).cache().resolve("studies");
    Path killed = Files.createDirectories(root.resolve(".staging-killed"));
    Path lock = Files.createFile(killed.resolve(".lock"));
    Files.write(killed.resolve("part.dcm"), new byte[300 * 1024]);
    // Another radassist holding its staging lock, as a pull in progress does (fcntl, as Java).
    Process holder =
        new ProcessBuilder(
                python.toString(),
                "-c",
                "import fcntl,sys,time\n"
                    + "f=open(sys.argv[1],'r+')\n"
                    + "fcntl.lockf(f,fcntl.LOCK_EX)\n"
                    + "print('locked',flush=True)\n"
                    + "time.sleep(120)",
                lock.toString())
            .redirectErrorStream(true)
            .start();
    try {
      String first = new String(holder.getInputStream().readNBytes(7), StandardCharsets.UTF_8);
      assertEquals("locked\n", first);
      String alive = cache(data);
      assertTrue(Files.exists(killed.resolve("part.dcm")), "a live retrieval was removed");
      assertTrue(alive.contains("300 KB still arriving"), alive);
    } finally {
      holder.destroyForcibly();
      assertTrue(holder.waitFor(20, TimeUnit.SECONDS));
    }
    String after = cache(data);
    assertTrue(
        after.contains(
            "Removed 1 unfinished retrieval(s) left by an interrupted pull or receiver (300 KB)"),
        after);
    assertFalse(Files.exists(killed));
  }

  private String cache(Path data) {
    CommandLine cl = RootCommand.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(0, cl.execute("--data-dir", data.toString(), "pacs", "cache"));
    return out.toString();
  }
}
