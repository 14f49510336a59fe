package org.radassist.app.pacs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.radassist.dicom.web.DicomWebConfig;
import org.radassist.dicom.web.TrustedCertificates;
import org.radassist.dicom.web.WebAuth;

/**
 * One PACS as the user configured it. The secret (password or token) is not part of it: it comes
 * from the environment variable named by {@code secretEnv}, or is typed in and kept in memory only,
 * so the settings file never holds a credential.
 *
 * @param auth {@code none}, {@code basic} or {@code bearer}
 * @param caCertificate PEM file of the CA that signed the server's certificate, or null for the
 *     JDK's trust store
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PacsServer(
    String name,
    String url,
    String auth,
    String user,
    String secretEnv,
    String caCertificate,
    Integer timeoutSeconds) {

  public PacsServer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    auth = auth == null ? "none" : auth.toLowerCase(Locale.ROOT);
    if (!auth.equals("none") && !auth.equals("basic") && !auth.equals("bearer")) {
      throw new IllegalArgumentException(
          "authentication must be none, basic or bearer, not " + auth);
    }
    if (auth.equals("basic") && (user == null || user.isBlank())) {
      throw new IllegalArgumentException("Basic authentication needs a user name");
    }
    DicomWebConfig.of(url);
  }

  public static PacsServer anonymous(String name, String url) {
    return new PacsServer(name, url, "none", null, null, null, null);
  }

  public boolean needsSecret() {
    return !auth.equals("none");
  }

  /** The secret from {@code secretEnv}, or null when none is set there. */
  public String secretFromEnvironment(Map<String, String> env) {
    if (secretEnv == null || secretEnv.isBlank()) {
      return null;
    }
    String value = env.get(secretEnv);
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * The client configuration with this secret.
   *
   * @throws IllegalArgumentException when authentication is on and there is no secret
   */
  public DicomWebConfig toConfig(String secret) throws IOException {
    DicomWebConfig config = DicomWebConfig.of(url);
    if (timeoutSeconds != null && timeoutSeconds > 0) {
      config = config.withTimeouts(config.connectTimeout(), Duration.ofSeconds(timeoutSeconds));
    }
    if (needsSecret() && (secret == null || secret.isEmpty())) {
      throw new IllegalArgumentException(
          "PACS '"
              + name
              + "' needs a "
              + (auth.equals("basic") ? "password" : "token")
              + (secretEnv == null ? "" : " (environment variable " + secretEnv + " is not set)"));
    }
    config =
        switch (auth) {
          case "basic" -> config.withAuth(WebAuth.basic(user, secret));
          case "bearer" -> config.withAuth(WebAuth.bearer(secret));
          default -> config;
        };
    if (caCertificate != null && !caCertificate.isBlank()) {
      config = config.withTls(TrustedCertificates.fromPem(Path.of(caCertificate)));
    }
    return config;
  }
}
