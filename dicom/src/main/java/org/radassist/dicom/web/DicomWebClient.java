package org.radassist.dicom.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks DICOMweb to one configured server: QIDO-RS searches, WADO-RS retrieval of whole studies as
 * they are stored ({@code transfer-syntax=*}, so the files arrive byte for byte and compressed
 * instances such as JPEG 2000 are not refused), and STOW-RS store in batches. Requests that can be
 * repeated safely are retried on connection failures and on 429/502/503/504, with growing pauses.
 * Redirects are not followed: every request goes to the configured base URL and nowhere else.
 */
public final class DicomWebClient {
  private static final Logger LOG = LoggerFactory.getLogger(DicomWebClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DICOM_JSON = "application/dicom+json";
  private static final String ACCEPT_STUDY =
      "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
  private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);
  private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
  private static final int STOW_BATCH_FILES = 50;
  private static final long STOW_BATCH_BYTES = 128L << 20;

  private final DicomWebConfig config;
  private final HttpClient http;

  public DicomWebClient(DicomWebConfig config) {
    this.config = config;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(config.connectTimeout());
    if (config.tls() != null) {
      builder.sslContext(config.tls());
    }
    this.http = builder.build();
  }

  public DicomWebConfig config() {
    return config;
  }

  /** Studies matching the query, in the server's order. */
  public List<StudySummary> searchStudies(StudyQuery query)
      throws DicomWebException, InterruptedException {
    return searchList(
        "QIDO-RS study search", "/studies?" + query.toQueryString(), StudySummary::of);
  }

  /** The study with this UID, if the server has it. */
  public Optional<StudySummary> findStudy(String studyUid)
      throws DicomWebException, InterruptedException {
    checkUid(studyUid);
    return searchStudies(StudyQuery.all().withStudyInstanceUid(studyUid).withPage(1, 0)).stream()
        .filter(s -> studyUid.equals(s.studyInstanceUid()))
        .findFirst();
  }

  public List<SeriesSummary> searchSeries(String studyUid)
      throws DicomWebException, InterruptedException {
    checkUid(studyUid);
    return searchList(
        "QIDO-RS series search",
        "/studies/"
            + studyUid
            + "/series?includefield=SeriesDescription&includefield=NumberOfSeriesRelatedInstances",
        SeriesSummary::of);
  }

  public List<InstanceSummary> searchInstances(String studyUid)
      throws DicomWebException, InterruptedException {
    checkUid(studyUid);
    return searchList(
        "QIDO-RS instance search",
        "/studies/" + studyUid + "/instances?includefield=Modality",
        InstanceSummary::of);
  }

  private <T> List<T> searchList(String operation, String pathAndQuery, Function<DicomJson, T> map)
      throws DicomWebException, InterruptedException {
    HttpRequest request = request(pathAndQuery).header("Accept", DICOM_JSON).GET().build();
    long start = System.nanoTime();
    HttpResponse<byte[]> response =
        send(operation, request, HttpResponse.BodyHandlers.ofByteArray(), true);
    expectSuccess(operation, response.statusCode(), Set.of(200, 204));
    List<T> out = new ArrayList<>();
    if (response.statusCode() == 204 || response.body().length == 0) {
      return out;
    }
    JsonNode root;
    try {
      root = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new DicomWebException(
          operation + " on " + config.baseUrl() + ": the answer is not DICOM JSON", 200, e);
    }
    if (!root.isArray()) {
      throw new DicomWebException(
          operation + " on " + config.baseUrl() + ": the answer is not a JSON array", 200);
    }
    for (JsonNode item : root) {
      out.add(map.apply(new DicomJson(item)));
    }
    LOG.debug(
        "{} on {}: {} result(s) in {} ms",
        operation,
        host(),
        out.size(),
        (System.nanoTime() - start) / 1_000_000);
    return out;
  }

  /**
   * Retrieves every instance of a study, passing each to {@code sink} as it arrives.
   *
   * @return the number of instances received
   * @throws CancellationException when {@code progress} asked to stop
   */
  public int retrieveStudy(String studyUid, InstanceSink sink, RetrieveProgress progress)
      throws DicomWebException, InterruptedException {
    checkUid(studyUid);
    String operation = "WADO-RS study retrieval";
    StudySummary study =
        findStudy(studyUid)
            .orElseThrow(
                () ->
                    new DicomWebException(
                        operation + " on " + config.baseUrl() + ": the server has no such study",
                        404));
    int expected = study.instanceCount();
    HttpRequest request =
        request("/studies/" + studyUid).header("Accept", ACCEPT_STUDY).GET().build();
    LOG.info(
        "Retrieving study {} from {} ({} instance(s))", UidHash.of(studyUid), host(), expected);
    HttpResponse<InputStream> response =
        send(operation, request, HttpResponse.BodyHandlers.ofInputStream(), true);
    int received = 0;
    long bytes = 0;
    StallGuard guard = new StallGuard(response.body(), config.requestTimeout());
    try (InputStream body = guard) {
      if (response.statusCode() != 200 && response.statusCode() != 206) {
        expectSuccess(operation, response.statusCode(), Set.of(200));
      }
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
        throw new DicomWebException(
            operation + " on " + config.baseUrl() + ": expected multipart/related, got " + type,
            response.statusCode());
      }
      MultipartReader reader =
          new MultipartReader(body, MultipartReader.boundaryOf(type), progress::cancelled);
      MultipartReader.Part part;
      while ((part = reader.next()) != null) {
        if (!part.contentType().toLowerCase(Locale.ROOT).startsWith("application/dicom")) {
          throw new DicomWebException(
              operation
                  + " on "
                  + config.baseUrl()
                  + ": a part is "
                  + part.contentType()
                  + ", not application/dicom",
              response.statusCode());
        }
        sink.accept(part.body());
        received++;
        bytes += part.body().length;
        progress.instanceReceived(received, expected, bytes);
        if (progress.cancelled()) {
          throw new CancellationException("retrieval cancelled");
        }
      }
    } catch (DicomWebException e) {
      throw e;
    } catch (IOException e) {
      if (guard.stalled()) {
        throw new DicomWebException(
            operation
                + " on "
                + config.baseUrl()
                + ": no data for "
                + config.requestTimeout().toSeconds()
                + " s after "
                + received
                + " instance(s)",
            0,
            e);
      }
      throw new DicomWebException(
          operation
              + " on "
              + config.baseUrl()
              + " failed after "
              + received
              + " instance(s): "
              + e.getMessage(),
          0,
          e);
    }
    LOG.info("Retrieved study {}: {} instance(s), {} bytes", UidHash.of(studyUid), received, bytes);
    return received;
  }

  /**
   * Stores Part 10 files with STOW-RS, in batches small enough for a proxy's body limit.
   *
   * @return what the server stored and what it refused, over all batches
   */
  public StoreResult store(List<Path> files) throws DicomWebException, InterruptedException {
    List<Long> sizes = new ArrayList<>();
    for (Path f : files) {
      sizes.add(checkPart10(f));
    }
    StoreResult total = new StoreResult(List.of(), List.of());
    int from = 0;
    while (from < files.size()) {
      int to = from;
      long batchBytes = 0;
      while (to < files.size()
          && to - from < STOW_BATCH_FILES
          && (to == from || batchBytes + sizes.get(to) <= STOW_BATCH_BYTES)) {
        batchBytes += sizes.get(to);
        to++;
      }
      total = total.plus(storeBatch(files.subList(from, to)));
      from = to;
    }
    LOG.info(
        "Stored {} instance(s) on {}, {} refused",
        total.stored().size(),
        host(),
        total.failed().size());
    return total;
  }

  private StoreResult storeBatch(List<Path> batch) throws DicomWebException, InterruptedException {
    String operation = "STOW-RS store";
    String boundary = "radassist-" + UUID.randomUUID();
    List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
    for (Path f : batch) {
      parts.add(ascii("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n"));
      try {
        parts.add(HttpRequest.BodyPublishers.ofFile(f));
      } catch (IOException e) {
        throw new DicomWebException(operation + ": cannot read " + f + ": " + e.getMessage(), 0, e);
      }
      parts.add(ascii("\r\n"));
    }
    parts.add(ascii("--" + boundary + "--\r\n"));
    HttpRequest request =
        request("/studies")
            .header(
                "Content-Type",
                "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
            .header("Accept", DICOM_JSON)
            .POST(
                HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new)))
            .build();
    // Storing the same instances again is harmless (same SOP Instance UIDs), so retrying is safe.
    HttpResponse<byte[]> response =
        send(operation, request, HttpResponse.BodyHandlers.ofByteArray(), true);
    int status = response.statusCode();
    if ((status == 200 || status == 202 || status == 409) && response.body().length > 0) {
      try {
        JsonNode root = JSON.readTree(response.body());
        StoreResult result = StoreResult.of(new DicomJson(root.isArray() ? root.get(0) : root));
        if (status == 409 && result.failed().isEmpty()) {
          expectSuccess(operation, status, Set.of(200, 202));
        }
        return result;
      } catch (IOException e) {
        throw new DicomWebException(
            operation + " on " + config.baseUrl() + ": the answer is not DICOM JSON", status, e);
      }
    }
    expectSuccess(operation, status, Set.of(200, 202));
    throw new DicomWebException(
        operation + " on " + config.baseUrl() + ": the server did not say what it stored", status);
  }

  private static HttpRequest.BodyPublisher ascii(String s) {
    return HttpRequest.BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** STOW-RS takes Part 10 files only; a bare data set is refused here, with its name. */
  private static long checkPart10(Path file) throws DicomWebException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(132);
      if (head.length < 132
          || head[128] != 'D'
          || head[129] != 'I'
          || head[130] != 'C'
          || head[131] != 'M') {
        throw new DicomWebException(
            "STOW-RS store: " + file + " is not a DICOM Part 10 file (no DICM prefix)", 0);
      }
      return Files.size(file);
    } catch (DicomWebException e) {
      throw e;
    } catch (IOException e) {
      throw new DicomWebException(
          "STOW-RS store: cannot read " + file + ": " + e.getMessage(), 0, e);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(config.baseUrl() + pathAndQuery))
            .timeout(config.requestTimeout())
            .header("User-Agent", "RadAssist/0.1");
    config.auth().authorization().ifPresent(value -> b.header("Authorization", value));
    return b;
  }

  private <T> HttpResponse<T> send(
      String operation,
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      boolean repeatable)
      throws DicomWebException, InterruptedException {
    int attempt = 0;
    while (true) {
      attempt++;
      String reason;
      IOException cause;
      boolean retry = repeatable;
      try {
        HttpResponse<T> response = http.send(request, handler);
        int status = response.statusCode();
        if (!TRANSIENT.contains(status) || attempt >= config.maxAttempts()) {
          return response;
        }
        discard(response);
        LOG.warn(
            "{} on {} answered HTTP {}; retrying ({} of {})",
            operation,
            host(),
            status,
            attempt + 1,
            config.maxAttempts());
        pause(attempt);
        continue;
      } catch (HttpConnectTimeoutException e) {
        cause = e;
        reason = "no connection within " + config.connectTimeout().toSeconds() + " s";
        retry = true;
      } catch (HttpTimeoutException e) {
        cause = e;
        reason = "no answer within " + config.requestTimeout().toSeconds() + " s";
      } catch (ConnectException e) {
        cause = e;
        reason = "cannot connect (" + (e.getMessage() == null ? "refused" : e.getMessage()) + ")";
        retry = true;
      } catch (SSLException e) {
        cause = e;
        reason =
            "TLS failed ("
                + e.getMessage()
                + "); for a hospital CA, configure its certificate as trusted";
        retry = false;
      } catch (IOException e) {
        cause = e;
        reason = "connection failed (" + e.getMessage() + ")";
      }
      if (!retry || attempt >= config.maxAttempts()) {
        String tries = attempt > 1 ? " (tried " + attempt + " times)" : "";
        throw new DicomWebException(
            operation + " on " + config.baseUrl() + ": " + reason + tries, 0, cause);
      }
      LOG.warn(
          "{} on {}: {}; retrying ({} of {})",
          operation,
          host(),
          reason,
          attempt + 1,
          config.maxAttempts());
      pause(attempt);
    }
  }

  private void expectSuccess(String operation, int status, Set<Integer> ok)
      throws DicomWebException {
    if (!ok.contains(status)) {
      throw new DicomWebException(
          operation
              + " on "
              + config.baseUrl()
              + ": HTTP "
              + status
              + ", "
              + DicomWebException.explain(status),
          status);
    }
  }

  private static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream in) {
      try {
        in.close();
      } catch (IOException ignored) {
        // The connection is dropped either way; only the retry matters.
      }
    }
  }

  private void pause(int attempt) throws InterruptedException {
    long ms = config.retryBackoff().toMillis() << Math.min(attempt - 1, 6);
    Thread.sleep(ms);
  }

  private String host() {
    return config.baseUrl().getHost() + ":" + config.baseUrl().getPort();
  }

  private static void checkUid(String uid) {
    if (uid == null || uid.length() > 64 || !UID.matcher(uid).matches()) {
      throw new IllegalArgumentException("not a DICOM UID: '" + uid + "'");
    }
  }
}
