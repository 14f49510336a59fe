package org.radassist.dicom.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How requests authenticate: not at all, HTTP Basic, or an OAuth-style Bearer token. The secret
 * never leaves {@link #authorization()}; {@code toString} names the scheme and user only, so a
 * configuration can be logged or shown without leaking it.
 */
public sealed interface WebAuth {
  /** The value of the Authorization header, if any. */
  Optional<String> authorization();

  /** A short description safe to show or log. */
  String describe();

  static WebAuth none() {
    return None.INSTANCE;
  }

  static WebAuth basic(String user, String password) {
    return new Basic(user, password);
  }

  static WebAuth bearer(String token) {
    return new Bearer(token);
  }

  /** No Authorization header. */
  enum None implements WebAuth {
    INSTANCE;

    @Override
    public Optional<String> authorization() {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "no authentication";
    }
  }

  /** RFC 7617 Basic: user and password, UTF-8. */
  final class Basic implements WebAuth {
    private final String user;
    private final String password;

    Basic(String user, String password) {
      this.user = Objects.requireNonNull(user, "user");
      this.password = Objects.requireNonNull(password, "password");
      if (user.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a Basic user name cannot contain ':'");
      }
    }

    public String user() {
      return user;
    }

    @Override
    public Optional<String> authorization() {
      String pair = user + ":" + password;
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String describe() {
      return "Basic as " + user;
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  /** RFC 6750 Bearer token. */
  final class Bearer implements WebAuth {
    private final String token;

    Bearer(String token) {
      this.token = Objects.requireNonNull(token, "token").strip();
      if (this.token.isEmpty()) {
        throw new IllegalArgumentException("the Bearer token is empty");
      }
    }

    @Override
    public Optional<String> authorization() {
      return Optional.of("Bearer " + token);
    }

    @Override
    public String describe() {
      return "Bearer token";
    }

    @Override
    public String toString() {
      return describe();
    }
  }
}
