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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.model.DicomDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks DICOMweb to one configured server: QIDO-RS searches, WADO-RS retrieval of whole studies as
 * they are stored ({@code transfer-syntax=*}, so the files arrive byte for byte and compressed
 * instances such as JPEG 2000 are not refused), and STOW-RS store in batches. Searches and
 * retrievals are retried on connection failures and on 429/502/503/504, with growing pauses; a
 * store only when its upload did not get through. Redirects are not followed: every request goes to
 * the configured base URL and nowhere else.
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

  /**
   * The socket send buffer for our connections. Left to the kernel it grows to megabytes, which a
   * slow uplink needs minutes to drain after the client has handed over the last byte, and that
   * drain would count against the answer timeout. 512 KiB still fills 40 Mbit/s at 100 ms.
   */
  private static final String SEND_BUFFER_PROPERTY = "jdk.httpclient.sendBufferSize";

  static {
    if (System.getProperty(SEND_BUFFER_PROPERTY) == null) {
      System.setProperty(SEND_BUFFER_PROPERTY, Integer.toString(512 << 10));
    }
  }

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

  /** Studies matching the query, in the server's order, and whether it says it left some out. */
  public StudySearch searchStudies(StudyQuery query)
      throws DicomWebException, InterruptedException {
    Found<StudySummary> found =
        searchList("QIDO-RS study search", "/studies?" + query.toQueryString(), StudySummary::of);
    return new StudySearch(found.items(), found.warning());
  }

  /** The study with this UID, if the server has it. */
  public Optional<StudySummary> findStudy(String studyUid)
      throws DicomWebException, InterruptedException {
    checkUid(studyUid);
    return searchStudies(StudyQuery.all().withStudyInstanceUid(studyUid).withPage(1, 0))
        .studies()
        .stream()
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
            SeriesSummary::of)
        .items();
  }

  public List<InstanceSummary> searchInstances(String studyUid)
      throws DicomWebException, InterruptedException {
    checkUid(studyUid);
    return searchList(
            "QIDO-RS instance search",
            "/studies/" + studyUid + "/instances?includefield=Modality",
            InstanceSummary::of)
        .items();
  }

  /** A search's matches and the text of the server's Warning 299, or null. */
  private record Found<T>(List<T> items, String warning) {}

  private <T> Found<T> searchList(String operation, String pathAndQuery, Function<DicomJson, T> map)
      throws DicomWebException, InterruptedException {
    HttpRequest request = request(pathAndQuery).header("Accept", DICOM_JSON).GET().build();
    long start = System.nanoTime();
    HttpResponse<byte[]> response =
        send(operation, request, HttpResponse.BodyHandlers.ofByteArray());
    expectSuccess(operation, response.statusCode(), Set.of(200, 204));
    List<T> out = new ArrayList<>();
    String warning = moreMatches(response);
    if (response.statusCode() == 204 || response.body().length == 0) {
      return new Found<>(out, warning);
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
    return new Found<>(out, warning);
  }

  /**
   * The text of a Warning 299 (RFC 7234 5.5: {@code 299 agent "text"}) saying that the server
   * returned fewer matches than there are (PS3.18 8.3.4.4), or null.
   */
  static String moreMatches(HttpResponse<?> response) {
    for (String value : response.headers().allValues("Warning")) {
      String v = value.trim();
      if (v.startsWith("299")) {
        int open = v.indexOf('"');
        int close = v.lastIndexOf('"');
        String text = open >= 0 && close > open ? v.substring(open + 1, close) : v.substring(3);
        // PS3.18 uses 299 for other notices too ("fuzzymatching ... not supported"), which say
        // nothing of matches left out.
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("exceed") || lower.contains("additional result")) {
          return text.trim();
        }
      }
    }
    return null;
  }

  /**
   * Retrieves every instance of a study, passing each to {@code sink} as it arrives.
   *
   * @param spool folder for the instance files while they arrive, best on the disk they end up on
   * @return the number of instances received
   * @throws CancellationException when {@code progress} asked to stop
   */
  public int retrieveStudy(
      String studyUid, Path spool, InstanceSink sink, RetrieveProgress progress)
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
        send(operation, request, HttpResponse.BodyHandlers.ofInputStream());
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
      while ((part = reader.next(spool)) != null) {
        long size;
        try {
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
          size = Files.size(part.body());
          sink.accept(part.body());
        } finally {
          Files.deleteIfExists(part.body());
        }
        received++;
        bytes += size;
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
   * Stores Part 10 files with STOW-RS, in batches small enough for a proxy's body limit. Each file
   * is read first: what is not DICOM and DICOMDIRs are skipped, damaged files fail here, and
   * neither is sent. A batch the server refuses only costs that batch's instances, each reported
   * with the reason the server gave (PS3.18 10.5.3); the next batches are still sent.
   *
   * @return what became of each file
   * @throws DicomWebException when the server cannot be used at all (unreachable, no answer,
   *     authentication refused, wrong URL); the message says how far the push got
   */
  public StoreResult store(List<Path> files) throws DicomWebException, InterruptedException {
    List<StoreResult.Skipped> skipped = new ArrayList<>();
    List<StoreResult.Failed> failed = new ArrayList<>();
    List<Outgoing> outgoing = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path f : files) {
      Outgoing o = examine(f, skipped, failed);
      if (o == null) {
        continue;
      }
      Path first = seen.putIfAbsent(o.sopInstanceUid(), f);
      if (first != null) {
        // The answer names instances by UID only; a second copy would make it ambiguous.
        skipped.add(
            new StoreResult.Skipped(f, "same SOP Instance UID as " + first + ", sent once"));
      } else {
        outgoing.add(o);
      }
    }
    StoreResult total = new StoreResult(List.of(), failed, skipped);
    int from = 0;
    while (from < outgoing.size()) {
      int to = from;
      long batchBytes = 0;
      while (to < outgoing.size()
          && to - from < STOW_BATCH_FILES
          && (to == from || batchBytes + outgoing.get(to).size() <= STOW_BATCH_BYTES)) {
        batchBytes += outgoing.get(to).size();
        to++;
      }
      try {
        total = total.plus(storeBatch(outgoing.subList(from, to)));
      } catch (DicomWebException e) {
        throw new DicomWebException(
            e.getMessage()
                + " ("
                + total.stored().size()
                + " instance(s) stored before, "
                + (outgoing.size() - from)
                + " not confirmed)",
            e.status(),
            e);
      }
      from = to;
    }
    LOG.info(
        "Stored {} instance(s) on {}, {} failed, {} skipped",
        total.stored().size(),
        host(),
        total.failed().size(),
        total.skipped().size());
    return total;
  }

  /** A file that passed the checks, with the identity the server's answer will refer to. */
  private record Outgoing(Path file, String sopClassUid, String sopInstanceUid, long size) {}

  /**
   * Reads a file's header (not its pixels) to decide whether it can be sent; a file that cannot is
   * added to {@code skipped} or {@code failed} with the reason, and null is returned.
   */
  private static Outgoing examine(
      Path file, List<StoreResult.Skipped> skipped, List<StoreResult.Failed> failed) {
    boolean part10;
    long size;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(132);
      part10 =
          head.length == 132
              && head[128] == 'D'
              && head[129] == 'I'
              && head[130] == 'C'
              && head[131] == 'M';
      size = Files.size(file);
    } catch (IOException e) {
      failed.add(new StoreResult.Failed(file, null, null, 0, "cannot read: " + e.getMessage()));
      return null;
    }
    DicomFile dicom;
    try {
      dicom = DicomReader.readMetadata(file);
    } catch (DicomException e) {
      if (part10) {
        failed.add(new StoreResult.Failed(file, null, null, 0, "damaged: " + e.problem()));
      } else {
        skipped.add(new StoreResult.Skipped(file, "not a DICOM file"));
      }
      return null;
    }
    if (!part10) {
      failed.add(
          new StoreResult.Failed(
              file,
              null,
              null,
              0,
              "a data set without the DICOM file header (no DICM prefix); STOW-RS sends only"
                  + " Part 10 files"));
      return null;
    }
    if (DicomDir.isDicomDir(dicom)) {
      skipped.add(
          new StoreResult.Skipped(file, "a DICOMDIR (the directory of a CD), not an instance"));
      return null;
    }
    String sopClass = dicom.dataset().string(Tag.SOP_CLASS_UID);
    String sopInstance = dicom.dataset().string(Tag.SOP_INSTANCE_UID);
    if (sopClass == null || sopInstance == null) {
      failed.add(
          new StoreResult.Failed(
              file, sopClass, sopInstance, 0, "damaged: no SOP Class or SOP Instance UID"));
      return null;
    }
    return new Outgoing(file, sopClass, sopInstance, size);
  }

  private StoreResult storeBatch(List<Outgoing> batch)
      throws DicomWebException, InterruptedException {
    String operation = "STOW-RS store";
    String boundary = "radassist-" + UUID.randomUUID();
    List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
    for (Outgoing o : batch) {
      parts.add(ascii("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n"));
      try {
        parts.add(HttpRequest.BodyPublishers.ofFile(o.file()));
      } catch (IOException e) {
        throw new DicomWebException(
            operation + ": cannot read " + o.file() + ": " + e.getMessage(), 0, e);
      }
      parts.add(ascii("\r\n"));
    }
    parts.add(ascii("--" + boundary + "--\r\n"));
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new));
    HttpResponse<byte[]> response = sendUpload(operation, "/studies", boundary, body);
    int status = response.statusCode();
    if (status == 401 || status == 403 || status == 404) {
      expectSuccess(operation, status, Set.of(200, 202));
    }
    StoreResult answer = StoreResult.empty();
    if (response.body().length > 0) {
      try {
        JsonNode root = JSON.readTree(response.body());
        if (root != null && (root.isObject() || (root.isArray() && !root.isEmpty()))) {
          answer = answerOf(new DicomJson(root.isArray() ? root.get(0) : root), batch);
        }
      } catch (IOException e) {
        LOG.debug("{} answer with HTTP {} is not DICOM JSON", operation, status);
      }
    }
    return withUnreported(answer, batch, status);
  }

  /** The server's Store Instances Response (PS3.18 10.5.3) mapped back to the files sent. */
  private static StoreResult answerOf(DicomJson answer, List<Outgoing> batch) {
    Map<String, Path> files = new HashMap<>();
    for (Outgoing o : batch) {
      files.put(o.sopInstanceUid(), o.file());
    }
    List<StoreResult.Stored> stored = new ArrayList<>();
    for (DicomJson item : answer.sequence(WebTag.REFERENCED_SOP_SEQUENCE)) {
      String uid = item.string(WebTag.REFERENCED_SOP_INSTANCE_UID);
      stored.add(
          new StoreResult.Stored(
              files.get(uid), item.string(WebTag.REFERENCED_SOP_CLASS_UID), uid));
    }
    List<StoreResult.Failed> failed = new ArrayList<>();
    for (DicomJson item : answer.sequence(WebTag.FAILED_SOP_SEQUENCE)) {
      String uid = item.string(WebTag.REFERENCED_SOP_INSTANCE_UID);
      int reason = item.intValue(WebTag.FAILURE_REASON).orElse(0x0110);
      failed.add(
          new StoreResult.Failed(
              files.get(uid),
              item.string(WebTag.REFERENCED_SOP_CLASS_UID),
              uid,
              reason,
              StoreResult.explain(reason)));
    }
    return new StoreResult(stored, failed, List.of());
  }

  /**
   * Instances of the batch the answer does not mention: stored if the server said success without
   * listing them, else failed with the HTTP status, as nothing says they were kept.
   */
  private static StoreResult withUnreported(StoreResult answer, List<Outgoing> batch, int status) {
    Set<String> reported = new HashSet<>();
    answer.stored().forEach(s -> reported.add(s.sopInstanceUid()));
    answer.failed().forEach(f -> reported.add(f.sopInstanceUid()));
    boolean success = status == 200 || status == 202;
    boolean listed = !reported.isEmpty();
    List<StoreResult.Stored> stored = new ArrayList<>();
    List<StoreResult.Failed> failed = new ArrayList<>();
    for (Outgoing o : batch) {
      if (reported.contains(o.sopInstanceUid())) {
        continue;
      }
      if (success && !listed) {
        stored.add(new StoreResult.Stored(o.file(), o.sopClassUid(), o.sopInstanceUid()));
      } else {
        failed.add(
            new StoreResult.Failed(
                o.file(),
                o.sopClassUid(),
                o.sopInstanceUid(),
                0,
                success
                    ? "the PACS answered HTTP " + status + " without confirming this instance"
                    : "the PACS answered HTTP "
                        + status
                        + ", "
                        + DicomWebException.explain(status)));
      }
    }
    return answer.plus(new StoreResult(stored, failed, List.of()));
  }

  private static HttpRequest.BodyPublisher ascii(String s) {
    return HttpRequest.BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * POSTs a multipart body without a timeout over the whole request: the request fails only when no
   * byte was sent, or no answer came, for the configured time. It is sent again only when the
   * connection failed before the body was complete; once the server has the whole batch, a resend
   * would store it twice and the first outcome would be lost.
   */
  private HttpResponse<byte[]> sendUpload(
      String operation, String path, String boundary, HttpRequest.BodyPublisher body)
      throws DicomWebException, InterruptedException {
    long timeoutNanos = config.requestTimeout().toNanos();
    int attempt = 0;
    while (true) {
      attempt++;
      UploadWatch watch = new UploadWatch(body);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
              .header("User-Agent", "RadAssist/0.1")
              .header(
                  "Content-Type",
                  "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
              .header("Accept", DICOM_JSON)
              .POST(watch);
      config.auth().authorization().ifPresent(value -> b.header("Authorization", value));
      CompletableFuture<HttpResponse<byte[]>> pending =
          http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      String reason;
      Throwable cause;
      try {
        while (true) {
          try {
            return pending.get(200, TimeUnit.MILLISECONDS);
          } catch (TimeoutException e) {
            if (watch.nanosSinceActivity() > timeoutNanos) {
              pending.cancel(true);
              long s = config.requestTimeout().toSeconds();
              throw new DicomWebException(
                  operation
                      + " on "
                      + config.baseUrl()
                      + ": "
                      + (watch.complete()
                          ? "no answer within "
                              + s
                              + " s after the upload; the PACS may have"
                              + " stored the batch, so query it before pushing again"
                          : "the upload stalled for " + s + " s after " + watch.sent() + " bytes"),
                  0);
            }
          }
        }
      } catch (InterruptedException e) {
        pending.cancel(true);
        throw e;
      } catch (ExecutionException e) {
        cause = e.getCause();
        reason = describeFailure(cause);
      }
      boolean retry =
          !watch.complete()
              && (cause instanceof ConnectException
                  || cause instanceof HttpConnectTimeoutException);
      giveUpOrPause(operation, reason, cause, attempt, retry);
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
      String operation, HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws DicomWebException, InterruptedException {
    int attempt = 0;
    while (true) {
      attempt++;
      String reason;
      IOException cause;
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
      } catch (IOException e) {
        cause = e;
        reason = describeFailure(e);
      }
      giveUpOrPause(operation, reason, cause, attempt, !(cause instanceof SSLException));
    }
  }

  /**
   * After a failed attempt: throws when it may not be retried or was the last allowed, else logs
   * and waits before the next.
   */
  private void giveUpOrPause(
      String operation, String reason, Throwable cause, int attempt, boolean retryable)
      throws DicomWebException, InterruptedException {
    if (!retryable || attempt >= config.maxAttempts()) {
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

  private String describeFailure(Throwable e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "no connection within " + config.connectTimeout().toSeconds() + " s";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + config.requestTimeout().toSeconds() + " s";
    }
    if (e instanceof ConnectException) {
      return "cannot connect (" + (e.getMessage() == null ? "refused" : e.getMessage()) + ")";
    }
    if (e instanceof SSLException) {
      return "TLS failed ("
          + e.getMessage()
          + "); for a hospital CA, configure its certificate as trusted";
    }
    return "connection failed (" + e.getMessage() + ")";
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
