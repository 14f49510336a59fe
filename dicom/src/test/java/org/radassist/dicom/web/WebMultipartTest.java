package org.radassist.dicom.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebMultipartTest {
  private static final String BOUNDARY = "b0undary-42";

  @TempDir Path tmp;

  /** Hands out at most a few bytes per read, as a slow network does. */
  private static InputStream trickle(byte[] data) {
    Random random = new Random(7);
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(9)));
      }
    };
  }

  private static byte[] body(byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("preamble to ignore\r\n".getBytes(StandardCharsets.US_ASCII));
    for (byte[] p : parts) {
      out.write(
          ("--"
                  + BOUNDARY
                  + "\r\nContent-Type: application/dicom\r\nContent-Length: "
                  + p.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(p);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  @Test
  void partsComeBackExactlyEvenWhenTheyContainAlmostTheDelimiter() throws IOException {
    byte[] tricky =
        ("x\r\n--b0undary-4\r\n--b0undar\r\n\r\n--").getBytes(StandardCharsets.US_ASCII);
    byte[] big = new byte[200_000];
    new Random(1).nextBytes(big);
    byte[] empty = new byte[0];
    MultipartReader reader =
        new MultipartReader(trickle(body(tricky, big, empty)), BOUNDARY, () -> false);
    MultipartReader.Part a = reader.next(tmp);
    assertEquals("application/dicom", a.contentType());
    assertArrayEquals(tricky, Files.readAllBytes(a.body()));
    assertArrayEquals(big, Files.readAllBytes(reader.next(tmp).body()));
    assertArrayEquals(empty, Files.readAllBytes(reader.next(tmp).body()));
    assertNull(reader.next(tmp));
    assertNull(reader.next(tmp));
  }

  @Test
  void aCutConnectionIsAnErrorNotAShortPart() throws IOException {
    byte[] whole = new byte[0];
    try {
      whole = body(new byte[5000]);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    byte[] cut = java.util.Arrays.copyOf(whole, 3000);
    MultipartReader reader =
        new MultipartReader(new ByteArrayInputStream(cut), BOUNDARY, () -> false);
    IOException e = assertThrows(IOException.class, () -> reader.next(tmp));
    assertTrue(e.getMessage().contains("ends inside a part"), e.getMessage());
    try (var left = Files.list(tmp)) {
      assertEquals(0, left.count(), "the cut part's file is removed");
    }
  }

  @Test
  void cancelStopsTheStream() throws IOException {
    MultipartReader reader =
        new MultipartReader(trickle(body(new byte[100_000])), BOUNDARY, () -> true);
    assertThrows(CancellationException.class, () -> reader.next(tmp));
  }

  @Test
  void boundaryIsFoundQuotedOrNot() throws IOException {
    assertEquals(
        "abc",
        MultipartReader.boundaryOf("multipart/related; type=\"application/dicom\"; boundary=abc"));
    assertEquals("a b", MultipartReader.boundaryOf("multipart/related;BOUNDARY=\"a b\""));
    assertThrows(IOException.class, () -> MultipartReader.boundaryOf("multipart/related"));
  }

  @Test
  void queryStringCarriesEveryFieldEncoded() {
    String q =
        StudyQuery.all()
            .withPatientId("P 1*")
            .withPatientName("DOE^J*")
            .withStudyDates(LocalDate.of(2024, 1, 2), null)
            .withModality("DX")
            .toQueryString();
    assertTrue(q.contains("PatientID=P+1*"), q);
    assertTrue(q.contains("PatientName=DOE%5EJ*"), q);
    assertTrue(q.contains("StudyDate=20240102-"), q);
    assertTrue(q.contains("ModalitiesInStudy=DX"), q);
    assertTrue(q.contains("limit=100"), q);
    assertFalse(q.contains("StudyInstanceUID"), q);
  }

  @Test
  void secretsStayOutOfDescriptions() {
    WebAuth basic = WebAuth.basic("reader", "pa55word");
    assertFalse(basic.toString().contains("pa55word"));
    assertEquals("Basic cmVhZGVyOnBhNTV3b3Jk", basic.authorization().orElseThrow());
    WebAuth bearer = WebAuth.bearer("tok-123");
    assertEquals("Bearer tok-123", bearer.authorization().orElseThrow());
    assertFalse(bearer.toString().contains("tok-123"));
    DicomWebConfig config =
        DicomWebConfig.of("https://pacs.example:8443/dicom-web/").withAuth(basic);
    assertEquals("https://pacs.example:8443/dicom-web", config.baseUrl().toString());
    assertFalse(config.toString().contains("pa55word"));
    assertThrows(
        IllegalArgumentException.class,
        () -> DicomWebConfig.of("https://u:p@pacs.example/dicom-web"));
    assertThrows(IllegalArgumentException.class, () -> DicomWebConfig.of("ftp://pacs.example/"));
  }

  /** Sends a few bytes, then nothing, until closed: as the HTTP client's body stream does. */
  private static final class QuietStream extends InputStream {
    private final java.util.concurrent.CountDownLatch closed =
        new java.util.concurrent.CountDownLatch(1);
    private int left = 3;

    @Override
    public int read() throws IOException {
      if (left > 0) {
        left--;
        return 7;
      }
      try {
        closed.await();
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException();
      }
      return -1;
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  @Test
  void aStreamThatGoesQuietIsClosedAndSaysSo() throws Exception {
    StallGuard guard = new StallGuard(new QuietStream(), java.time.Duration.ofMillis(300));
    assertEquals(7, guard.read());
    long start = System.nanoTime();
    byte[] rest = guard.readAllBytes();
    assertEquals(2, rest.length);
    assertTrue(guard.stalled());
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
  }
}
