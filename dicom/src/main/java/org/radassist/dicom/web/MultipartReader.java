package org.radassist.dicom.web;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Streams the parts of a multipart/related body (RFC 2046 5.1, RFC 2387) one at a time, each
 * straight into a file, so neither a study nor one instance of it is ever held in memory and each
 * instance can be stored as soon as it arrives.
 */
final class MultipartReader {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final int MAX_HEADER_LINE = 8192;

  /** One body part: its headers (names lower-cased) and the file holding its content. */
  record Part(Map<String, String> headers, Path body) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }
  }

  private final InputStream in;
  private final byte[] delimiter;
  private final BooleanSupplier cancelled;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int end;
  private boolean finished;
  private boolean started;

  MultipartReader(InputStream in, String boundary, BooleanSupplier cancelled) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    this.cancelled = cancelled;
    // The first delimiter may open the body without a preceding CRLF; a virtual one makes it match.
    buf[0] = '\r';
    buf[1] = '\n';
    end = 2;
  }

  /** The boundary parameter of a multipart Content-Type header. */
  static String boundaryOf(String contentType) throws IOException {
    for (String param : contentType.split(";")) {
      String p = param.strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("boundary")) {
        String value = p.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (!value.isEmpty()) {
          return value;
        }
      }
    }
    throw new IOException("multipart answer without a boundary: " + contentType);
  }

  /**
   * The next part, its content written to a new file in {@code dir}, or {@code null} after the
   * closing delimiter. The file is deleted if the part ends early.
   */
  Part next(Path dir) throws IOException {
    if (finished) {
      return null;
    }
    if (!started) {
      started = true;
      if (!readUntil(delimiter, OutputStream.nullOutputStream())) {
        throw new IOException("multipart answer holds no part");
      }
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    if (!readUntil(CRLF, line)) {
      throw new IOException("multipart answer ends inside a delimiter line");
    }
    if (line.toString(StandardCharsets.US_ASCII).startsWith("--")) {
      finished = true;
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    while (true) {
      line.reset();
      if (!readUntil(CRLF, line)) {
        throw new IOException("multipart answer ends inside part headers");
      }
      if (line.size() == 0) {
        break;
      }
      if (line.size() > MAX_HEADER_LINE) {
        throw new IOException("multipart part header longer than " + MAX_HEADER_LINE + " bytes");
      }
      String h = line.toString(StandardCharsets.ISO_8859_1);
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.put(
            h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
      }
    }
    Path file = Files.createTempFile(dir, ".part-", ".dcm");
    boolean complete = false;
    try (OutputStream body = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      complete = readUntil(delimiter, body);
    } finally {
      if (!complete) {
        Files.deleteIfExists(file);
      }
    }
    if (!complete) {
      throw new IOException("multipart answer ends inside a part (connection cut?)");
    }
    return new Part(headers, file);
  }

  /** Copies bytes to {@code sink} up to {@code pattern}, consuming it; false at end of stream. */
  private boolean readUntil(byte[] pattern, OutputStream sink) throws IOException {
    while (true) {
      int idx = indexOf(pattern, start);
      if (idx >= 0) {
        sink.write(buf, start, idx - start);
        start = idx + pattern.length;
        return true;
      }
      int safe = end - (pattern.length - 1);
      if (safe > start) {
        sink.write(buf, start, safe - start);
        start = safe;
      }
      if (!fill()) {
        return false;
      }
    }
  }

  private int indexOf(byte[] pattern, int from) {
    int last = end - pattern.length;
    outer:
    for (int i = from; i <= last; i++) {
      for (int k = 0; k < pattern.length; k++) {
        if (buf[i + k] != pattern[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private boolean fill() throws IOException {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("retrieval cancelled");
    }
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) {
      byte[] bigger = new byte[buf.length * 2];
      System.arraycopy(buf, 0, bigger, 0, end);
      buf = bigger;
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      return false;
    }
    end += n;
    return true;
  }
}
