package org.radassist.dicom.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomReader;
import org.radassist.testsupport.Externals;
import org.radassist.testsupport.OrthancServer;
import org.radassist.testsupport.SlowRelay;
import org.radassist.testsupport.SyntheticStudy;
import org.radassist.testsupport.TlsRelay;

/** The client against a real Orthanc with the DICOMweb plugin, Basic authentication on. */
class WebClientOrthancTest {
  private static final String USER = "reader";
  private static final String PASSWORD = "pw-Orthanc-7";

  @TempDir static Path tmp;
  static OrthancServer orthanc;
  static DicomWebClient client;
  static SyntheticStudy study;

  @BeforeAll
  static void start() throws Exception {
    orthanc = OrthancServer.start(USER, PASSWORD);
    client =
        new DicomWebClient(
            DicomWebConfig.of(orthanc.dicomWebUrl()).withAuth(WebAuth.basic(USER, PASSWORD)));
    study = SyntheticStudy.write(tmp.resolve("study"), "WEB-1", "20240315", 3);
    StoreResult stored = client.store(study.files());
    assertTrue(stored.allStored(), stored.toString());
    assertEquals(3, stored.stored().size());
  }

  @AfterAll
  static void stop() {
    if (orthanc != null) {
      orthanc.close();
    }
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void queryFindsTheStudyByPatientAndDate() throws Exception {
    StudySearch search = client.searchStudies(StudyQuery.all().withPatientId("WEB-1"));
    assertFalse(search.incomplete(), "Orthanc sent every match");
    List<StudySummary> byPatient = search.studies();
    assertEquals(1, byPatient.size(), byPatient.toString());
    StudySummary s = byPatient.get(0);
    assertEquals(study.studyInstanceUid(), s.studyInstanceUid());
    assertEquals("Test^PatientWEB-1", s.patientName());
    assertEquals("20240315", s.studyDate());
    assertEquals("ACCWEB-1", s.accessionNumber());
    assertEquals(3, s.instanceCount());
    assertEquals(List.of("DX"), s.modalities());

    LocalDate day = LocalDate.of(2024, 3, 15);
    assertEquals(
        1,
        client
            .searchStudies(StudyQuery.all().withPatientId("WEB-*").withStudyDates(day, day))
            .studies()
            .size());
    assertEquals(
        0,
        client
            .searchStudies(
                StudyQuery.all().withPatientId("WEB-1").withStudyDates(day.plusDays(1), null))
            .studies()
            .size());
    assertEquals(1, client.searchSeries(study.studyInstanceUid()).size());
    assertEquals(3, client.searchInstances(study.studyInstanceUid()).size());
  }

  @Test
  void retrieveGivesBackTheSameBytes() throws Exception {
    Map<String, String> sent = new TreeMap<>();
    for (Path f : study.files()) {
      sent.put(
          DicomReader.read(f).dataset().string(org.radassist.dicom.data.Tag.SOP_INSTANCE_UID),
          sha256(Files.readAllBytes(f)));
    }
    Map<String, String> received = new TreeMap<>();
    AtomicInteger lastExpected = new AtomicInteger();
    int n =
        client.retrieveStudy(
            study.studyInstanceUid(),
            tmp,
            file -> {
              byte[] bytes = Files.readAllBytes(file);
              received.put(sopUid(bytes), sha256Unchecked(bytes));
            },
            new RetrieveProgress() {
              @Override
              public void instanceReceived(int count, int expected, long bytes) {
                lastExpected.set(expected);
              }
            });
    assertEquals(3, n);
    assertEquals(3, lastExpected.get());
    assertEquals(sent, received);
  }

  private static String sopUid(byte[] part10) throws IOException {
    try {
      return DicomReader.read(part10, Path.of("wado"))
          .dataset()
          .string(org.radassist.dicom.data.Tag.SOP_INSTANCE_UID);
    } catch (org.radassist.dicom.io.DicomException e) {
      throw new IOException(e);
    }
  }

  private static String sha256Unchecked(byte[] b) {
    try {
      return sha256(b);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void jpeg2000StudyComesBackAsStoredAndDecodesToTheSamePixels() throws Exception {
    Path j2k = Externals.shared("data/dicom/nema_wg04/RG2_J2KR.dcm");
    StoreResult r = client.store(List.of(j2k));
    assertTrue(r.allStored(), r.toString());
    DicomImage original = DicomImage.read(j2k);
    List<byte[]> parts = new ArrayList<>();
    client.retrieveStudy(
        original.studyInstanceUid(),
        tmp,
        f -> parts.add(Files.readAllBytes(f)),
        RetrieveProgress.NONE);
    assertEquals(1, parts.size());
    assertArrayEquals(Files.readAllBytes(j2k), parts.get(0));
    DicomImage back = DicomImage.of(DicomReader.read(parts.get(0), Path.of("wado")));
    assertArrayEquals(original.frame(0).samples(), back.frame(0).samples());
  }

  @Test
  void cancelStopsARetrieval() {
    assertThrows(
        CancellationException.class,
        () ->
            client.retrieveStudy(
                study.studyInstanceUid(),
                tmp,
                f -> {},
                new RetrieveProgress() {
                  @Override
                  public boolean cancelled() {
                    return true;
                  }
                }));
  }

  @Test
  void wrongPasswordSaysAuthenticationFailedWithoutTheSecret() {
    DicomWebClient wrong =
        new DicomWebClient(
            DicomWebConfig.of(orthanc.dicomWebUrl()).withAuth(WebAuth.basic(USER, "not-it")));
    DicomWebException e =
        assertThrows(DicomWebException.class, () -> wrong.searchStudies(StudyQuery.all()));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
    assertFalse(e.getMessage().contains("not-it"));
  }

  @Test
  void unknownStudyIsReportedAsMissing() {
    DicomWebException e =
        assertThrows(
            DicomWebException.class,
            () -> client.retrieveStudy("1.2.3.4.5.6.7", tmp, f -> {}, RetrieveProgress.NONE));
    assertEquals(404, e.status());
    assertTrue(e.getMessage().contains("no such study"), e.getMessage());
  }

  @Test
  void aFileThatIsNotDicomIsSkippedAndTheOthersAreStored() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.dcm"), "not dicom");
    StoreResult r = client.store(List.of(junk, study.files().get(0)));
    assertTrue(r.allStored(), r.toString());
    assertEquals(List.of(new StoreResult.Skipped(junk, "not a DICOM file")), r.skipped());
    assertEquals(study.files().get(0), r.stored().get(0).file());
  }

  @Test
  void refusedConnectionIsRetriedThenReported() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    DicomWebClient closed =
        new DicomWebClient(
            DicomWebConfig.of("http://127.0.0.1:" + port + "/dicom-web")
                .withRetries(2, Duration.ofMillis(10)));
    DicomWebException e =
        assertThrows(DicomWebException.class, () -> closed.searchStudies(StudyQuery.all()));
    assertEquals(0, e.status());
    assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    assertTrue(e.getMessage().contains("tried 2 times"), e.getMessage());
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try (Socket held = silent.accept()) {
                  Thread.sleep(5000);
                } catch (IOException | InterruptedException ignored) {
                  // The test only needs the connection held open without an answer.
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      DicomWebClient client =
          new DicomWebClient(
              DicomWebConfig.of("http://127.0.0.1:" + silent.getLocalPort() + "/dicom-web")
                  .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1))
                  .withRetries(1, Duration.ofMillis(10)));
      long start = System.nanoTime();
      DicomWebException e =
          assertThrows(DicomWebException.class, () -> client.searchStudies(StudyQuery.all()));
      assertTrue(e.getMessage().contains("no answer within 1 s"), e.getMessage());
      assertTrue(System.nanoTime() - start < 4_000_000_000L);
      acceptor.interrupt();
    }
  }

  @Test
  void aSlowUplinkThatKeepsMovingStoresOnceWhateverTheTimeout() throws Exception {
    Path big = bigImage(tmp.resolve("big.dcm"), 1800, 1700);
    long size = Files.size(big);
    try (SlowRelay relay = SlowRelay.to(orthanc.httpPort(), 1_500_000)) {
      DicomWebClient slow =
          new DicomWebClient(
              DicomWebConfig.of("http://127.0.0.1:" + relay.port() + "/dicom-web")
                  .withAuth(WebAuth.basic(USER, PASSWORD))
                  .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(2500)));
      long start = System.nanoTime();
      StoreResult r = slow.store(List.of(big));
      long millis = (System.nanoTime() - start) / 1_000_000L;
      assertTrue(r.allStored(), r.toString());
      assertEquals(1, r.stored().size());
      assertTrue(millis > 3000, "the upload should take longer than the timeout: " + millis);
      assertEquals(1, relay.connections());
      assertTrue(relay.uplinkBytes() < size * 3 / 2, "sent more than once: " + relay.uplinkBytes());
    }
  }

  /** An uncompressed DX image of {@code rows} x {@code columns} 16-bit pixels, fresh UIDs. */
  private static Path bigImage(Path file, int rows, int columns) throws Exception {
    int[] pixels = new int[rows * columns];
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] = (p * 31) % 4096;
    }
    org.radassist.dicom.data.Attributes ds =
        org.radassist.dicom.write.DxImageBuilder.create()
            .patient("Slow^Link", "WEB-SLOW", "19700101", "F")
            .study(org.radassist.dicom.write.Uids.generate(), "1", "ACCSLOW", "Slow uplink")
            .series(org.radassist.dicom.write.Uids.generate(), 1, "PA")
            .instance(org.radassist.dicom.write.Uids.generate(), 1)
            .pixels(rows, columns, 12, pixels)
            .build();
    org.radassist.dicom.write.DicomWriter.write(file, ds);
    return file;
  }

  @Test
  void aStoreWhoseAnswerNeverComesIsReportedOnceAndNotResent() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread sink =
          new Thread(
              () -> {
                while (!silent.isClosed()) {
                  try {
                    Socket s = silent.accept();
                    accepted.incrementAndGet();
                    Thread reader = new Thread(() -> drain(s));
                    reader.setDaemon(true);
                    reader.start();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      sink.setDaemon(true);
      sink.start();
      DicomWebClient client =
          new DicomWebClient(
              DicomWebConfig.of("http://127.0.0.1:" + silent.getLocalPort() + "/dicom-web")
                  .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1))
                  .withRetries(3, Duration.ofMillis(10)));
      long start = System.nanoTime();
      DicomWebException e =
          assertThrows(DicomWebException.class, () -> client.store(study.files()));
      assertTrue(e.getMessage().contains("no answer within 1 s after the upload"), e.getMessage());
      assertTrue(e.getMessage().contains("3 not confirmed"), e.getMessage());
      assertTrue(System.nanoTime() - start < 5_000_000_000L);
      assertEquals(1, accepted.get(), "a completed upload must not be sent again");
    }
  }

  private static void drain(Socket s) {
    try (s) {
      s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException ignored) {
      // the client gave up and closed
    }
  }

  @Test
  void tlsWithTheHospitalCaWorksAndWithoutItFailsClearly() throws Exception {
    try (TlsRelay relay = TlsRelay.to(orthanc.httpPort())) {
      DicomWebConfig config =
          DicomWebConfig.of("https://127.0.0.1:" + relay.port() + "/dicom-web")
              .withAuth(WebAuth.basic(USER, PASSWORD));
      DicomWebClient trusted =
          new DicomWebClient(config.withTls(TrustedCertificates.fromPem(relay.certificate())));
      List<StudySummary> found =
          trusted.searchStudies(StudyQuery.all().withPatientId("WEB-1")).studies();
      assertEquals(1, found.size());
      List<byte[]> parts = new ArrayList<>();
      trusted.retrieveStudy(
          study.studyInstanceUid(),
          tmp,
          f -> parts.add(Files.readAllBytes(f)),
          RetrieveProgress.NONE);
      assertEquals(3, parts.size());

      DicomWebClient untrusted = new DicomWebClient(config);
      DicomWebException e =
          assertThrows(DicomWebException.class, () -> untrusted.searchStudies(StudyQuery.all()));
      assertTrue(e.getMessage().contains("TLS failed"), e.getMessage());
    }
  }
}
