package org.radassist.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Orthanc (Debian {@code orthanc} + {@code orthanc-dicomweb}) for one test class: free
 * loopback ports, a temporary storage folder, remote access off, run as {@code nobody} when the
 * tests run as root. Stopped by its PID and waited for, then its folder is deleted.
 */
public final class OrthancServer implements AutoCloseable {
  public static final String ORTHANC = "/usr/sbin/Orthanc";
  public static final String DICOMWEB_PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

  private final Path dir;
  private final int httpPort;
  private final int dicomPort;
  private final String user;
  private final String password;
  private final Process process;

  private OrthancServer(
      Path dir, int httpPort, int dicomPort, String user, String password, Process process) {
    this.dir = dir;
    this.httpPort = httpPort;
    this.dicomPort = dicomPort;
    this.user = user;
    this.password = password;
    this.process = process;
  }

  /** Plain HTTP, no authentication. */
  public static OrthancServer start() {
    return start(null, null);
  }

  /**
   * Starts Orthanc and waits until it answers; skips (or fails in CI) when it is not installed.
   * Orthanc 1.10.1 on Debian 12 crashes (SIGSEGV) on its first TLS connection with {@code
   * SslEnabled}, so https is tested through {@link TlsRelay} in front of it, as a hospital's
   * reverse proxy would terminate TLS.
   *
   * @param user when not null, HTTP Basic is required with this user and password
   */
  public static OrthancServer start(String user, String password) {
    Externals.tool(ORTHANC);
    Externals.require(
        Files.exists(Path.of(DICOMWEB_PLUGIN)), DICOMWEB_PLUGIN + " (orthanc-dicomweb)");
    try {
      Path dir = Files.createTempDirectory("radassist-orthanc-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      int http = freePort();
      int dicom = freePort();
      StringBuilder config = new StringBuilder();
      config.append("{\"Name\":\"radassist-test\",\"HttpPort\":").append(http);
      config.append(",\"DicomPort\":").append(dicom);
      config.append(",\"DicomAet\":\"ORTHANC\"");
      config.append(",\"StorageDirectory\":\"").append(dir.resolve("db")).append('"');
      config.append(",\"IndexDirectory\":\"").append(dir.resolve("db")).append('"');
      config.append(",\"RemoteAccessAllowed\":false,\"HttpThreadsCount\":8,\"ConcurrentJobs\":1");
      // Orthanc's default (Latin1) answers QIDO in ISO_IR 100 and drops every other character.
      config.append(",\"DefaultEncoding\":\"Utf8\"");
      config.append(",\"DicomModalities\":{},\"DicomAlwaysAllowStore\":true");
      config.append(",\"Plugins\":[\"").append(DICOMWEB_PLUGIN).append("\"]");
      config.append(",\"DicomWeb\":{\"Enable\":true,\"Root\":\"/dicom-web/\"}");
      if (user != null) {
        config
            .append(",\"AuthenticationEnabled\":true,\"RegisteredUsers\":{\"")
            .append(user)
            .append("\":\"")
            .append(password)
            .append("\"}");
      } else {
        config.append(",\"AuthenticationEnabled\":false");
      }
      config.append('}');
      Path configFile = dir.resolve("orthanc.json");
      Files.writeString(configFile, config.toString());
      readableByAll(configFile);
      List<String> command = new ArrayList<>();
      if ("root".equals(System.getProperty("user.name"))) {
        command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
      }
      command.add(ORTHANC);
      command.add(configFile.toString());
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("orthanc.log").toFile())
              .start();
      OrthancServer server = new OrthancServer(dir, http, dicom, user, password, p);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Orthanc: " + e.getMessage(), e);
    }
  }

  private static void readableByAll(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady() throws IOException {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/system")).timeout(Duration.ofSeconds(2));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String log = log();
        close();
        throw new IllegalStateException("Orthanc exited at start: " + log);
      }
      try {
        if (client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String log = log();
    close();
    throw new IllegalStateException("Orthanc did not answer within 30 s: " + log);
  }

  /** http://127.0.0.1:PORT, Orthanc's REST root. */
  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The DICOMweb root, e.g. {@code http://127.0.0.1:PORT/dicom-web}. */
  public String dicomWebUrl() {
    return baseUrl() + "/dicom-web";
  }

  public int dicomPort() {
    return dicomPort;
  }

  public String log() {
    try {
      String log = Files.readString(dir.resolve("orthanc.log"), StandardCharsets.ISO_8859_1);
      return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder is harmless; the test result is what matters.
    }
  }
}
