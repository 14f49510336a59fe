package org.radassist.app.pacs;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.SampleStudy;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.web.DicomWebClient;
import org.radassist.dicom.web.DicomWebException;
import org.radassist.dicom.web.RetrieveProgress;

/**
 * A server that lists a study with two instances but answers its retrieval, cleanly, with one (a
 * PACS cut short on its side): the study must not land in the cache as if complete, where a reader
 * would read half of it. Orthanc, which the other PACS tests use, never answers so; this server
 * does, on loopback, with a real instance.
 */
class ShortRetrievalTest {
  private static final String BOUNDARY = "radassist-short-retrieval";

  @TempDir Path tmp;

  @Test
  void aStudyThePacsSendsOnlyPartOfIsNotCachedAsComplete() throws Exception {
    Path file = SampleStudy.create(tmp.resolve("sample")).file();
    String study = DicomImage.read(file).studyInstanceUid();
    byte[] instance = Files.readAllBytes(file);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/dicom-web/studies",
        exchange -> {
          if (exchange.getRequestURI().getQuery() != null) {
            String json =
                "[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\""
                    + study
                    + "\"]},\"00201208\":{\"vr\":\"IS\",\"Value\":[2]}}]";
            send(exchange, "application/dicom+json", json.getBytes(StandardCharsets.UTF_8));
          } else {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(
                ("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(instance);
            body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            send(
                exchange,
                "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY,
                body.toByteArray());
          }
        });
    server.start();
    try {
      PacsService service = PacsService.open(AppPaths.of(tmp.resolve("data")));
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web";
      DicomWebClient client = service.connect(PacsServer.anonymous("short", url), null);
      DicomWebException e =
          assertThrows(
              DicomWebException.class, () -> service.pull(client, study, RetrieveProgress.NONE));
      assertTrue(
          e.getMessage().contains("lists 2 instances of the study but sent 1"), e.getMessage());
      assertTrue(service.cache().find(study).isEmpty(), "half a study in the cache");
    } finally {
      server.stop(0);
    }
  }

  private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
