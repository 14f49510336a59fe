package org.radassist.dicom.web;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * One DICOMweb service: its base URL (the part before {@code /studies}), authentication, TLS trust,
 * timeouts and how often a transient failure is retried. Immutable; the {@code with} methods return
 * changed copies.
 *
 * @param tls trust for https, {@code null} for the JDK's default trust store
 * @param maxAttempts how many times an idempotent request is tried before its failure is reported
 */
public record DicomWebConfig(
    URI baseUrl,
    WebAuth auth,
    SSLContext tls,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration retryBackoff) {

  public DicomWebConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    if (baseUrl.getRawAuthority() != null && baseUrl.getRawAuthority().contains("@")) {
      // Checked first, as the other messages quote the URL and would show the password.
      throw new IllegalArgumentException(
          "put credentials in the authentication settings, not in the URL");
    }
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "a DICOMweb URL must start with http:// or https://, not '" + baseUrl + "'");
    }
    if (baseUrl.getHost() == null || baseUrl.getHost().isEmpty()) {
      throw new IllegalArgumentException("the DICOMweb URL '" + baseUrl + "' names no host");
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("a DICOMweb base URL has no query or fragment");
    }
    String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    baseUrl = URI.create(scheme + "://" + baseUrl.getRawAuthority() + path);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** Defaults for a reading room: 10 s to connect, 60 s per answer, 3 attempts, 0.5 s backoff. */
  public static DicomWebConfig of(URI baseUrl) {
    return new DicomWebConfig(
        baseUrl,
        WebAuth.none(),
        null,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        3,
        Duration.ofMillis(500));
  }

  public static DicomWebConfig of(String baseUrl) {
    URI uri;
    try {
      uri = URI.create(baseUrl.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + withoutUserInfo(baseUrl) + "' is not a valid URL", e);
    }
    return of(uri);
  }

  /** The URL with anything between {@code //} and {@code @} masked, for messages. */
  private static String withoutUserInfo(String url) {
    return url.replaceAll("//[^/]*@", "//***@");
  }

  public DicomWebConfig withAuth(WebAuth newAuth) {
    return new DicomWebConfig(
        baseUrl, newAuth, tls, connectTimeout, requestTimeout, maxAttempts, retryBackoff);
  }

  public DicomWebConfig withTls(SSLContext context) {
    return new DicomWebConfig(
        baseUrl, auth, context, connectTimeout, requestTimeout, maxAttempts, retryBackoff);
  }

  public DicomWebConfig withTimeouts(Duration connect, Duration request) {
    return new DicomWebConfig(baseUrl, auth, tls, connect, request, maxAttempts, retryBackoff);
  }

  public DicomWebConfig withRetries(int attempts, Duration backoff) {
    return new DicomWebConfig(
        baseUrl, auth, tls, connectTimeout, requestTimeout, attempts, backoff);
  }

  @Override
  public String toString() {
    return baseUrl + " (" + auth.describe() + ")";
  }
}
