package org.radassist.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Terminates TLS on a loopback port and relays the bytes to a plain HTTP port, as a hospital's
 * reverse proxy does in front of its PACS. Its certificate is self-signed for 127.0.0.1, made with
 * openssl for each run; {@link #certificate()} is what a client must trust.
 */
public final class TlsRelay implements AutoCloseable {
  private static final String STORE_PASSWORD = "relay";

  private final Path dir;
  private final SSLServerSocket server;
  private final int targetPort;
  private final Thread acceptor;

  private TlsRelay(Path dir, SSLServerSocket server, int targetPort) {
    this.dir = dir;
    this.server = server;
    this.targetPort = targetPort;
    this.acceptor = new Thread(this::acceptLoop, "tls-relay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static TlsRelay to(int targetPort) {
    Externals.tool("openssl");
    try {
      Path dir = Files.createTempDirectory("radassist-tls-");
      Path key = dir.resolve("key.pem");
      Path cert = dir.resolve("cert.pem");
      Path p12 = dir.resolve("server.p12");
      run(
          List.of(
              "openssl",
              "req",
              "-x509",
              "-newkey",
              "rsa:2048",
              "-nodes",
              "-keyout",
              key.toString(),
              "-out",
              cert.toString(),
              "-days",
              "2",
              "-subj",
              "/CN=127.0.0.1",
              "-addext",
              "subjectAltName=IP:127.0.0.1"));
      run(
          List.of(
              "openssl",
              "pkcs12",
              "-export",
              "-in",
              cert.toString(),
              "-inkey",
              key.toString(),
              "-out",
              p12.toString(),
              "-passout",
              "pass:" + STORE_PASSWORD));
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        store.load(in, STORE_PASSWORD.toCharArray());
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, STORE_PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      SSLServerSocket server =
          (SSLServerSocket)
              context
                  .getServerSocketFactory()
                  .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
      return new TlsRelay(dir, server, targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up the TLS relay: " + e.getMessage(), e);
    }
  }

  private static void run(List<String> command) throws IOException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException(command.get(0) + " " + command.get(1) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The PEM certificate the relay presents. */
  public Path certificate() {
    return dir.resolve("cert.pem");
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket backend = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        pump(client, backend);
        pump(backend, client);
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                in.transferTo(out);
              } catch (IOException ignored) {
                // A closed side ends the relay of this connection; the other pump follows.
              } finally {
                try {
                  to.close();
                  from.close();
                } catch (IOException ignored) {
                  // Already closed.
                }
              }
            },
            "tls-relay-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    try {
      server.close();
      acceptor.join(2000);
    } catch (IOException e) {
      // Closing a listening socket only fails when it is already closed.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (String f : List.of("key.pem", "cert.pem", "server.p12")) {
      dir.resolve(f).toFile().delete();
    }
    dir.toFile().delete();
  }
}
