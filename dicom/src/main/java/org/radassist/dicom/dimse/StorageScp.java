package org.radassist.dicom.dimse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for DICOM associations on one address and port and serves each on its own thread. An idle
 * association is dropped after the read timeout, so a modality that hangs cannot hold a thread for
 * ever.
 */
public final class StorageScp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageScp.class);
  private static final int MAX_ASSOCIATIONS = 16;

  private final ServerSocket server;
  private final String aeTitle;
  private final StoreSession.Factory sessions;
  private final Duration idleTimeout;
  private final ExecutorService workers;
  private final Thread acceptor;

  private StorageScp(
      ServerSocket server, String aeTitle, StoreSession.Factory sessions, Duration idleTimeout) {
    this.server = server;
    this.aeTitle = aeTitle;
    this.sessions = sessions;
    this.idleTimeout = idleTimeout;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            MAX_ASSOCIATIONS,
            r -> {
              Thread t = new Thread(r, "storage-scp-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, "storage-scp-accept");
    acceptor.setDaemon(true);
  }

  /**
   * Starts listening.
   *
   * @param bind the local address, e.g. loopback, or the clinic network's interface
   * @param port 0 for any free port (see {@link #port()})
   * @param aeTitle the called AE title peers must use, 1 to 16 characters
   */
  public static StorageScp start(
      InetAddress bind, int port, String aeTitle, StoreSession.Factory sessions)
      throws IOException {
    if (aeTitle == null || aeTitle.isBlank() || aeTitle.length() > 16 || aeTitle.contains("\\")) {
      throw new IllegalArgumentException("an AE title has 1 to 16 characters, no backslash");
    }
    ServerSocket server = new ServerSocket(port, 50, bind);
    StorageScp scp = new StorageScp(server, aeTitle.strip(), sessions, Duration.ofSeconds(60));
    scp.acceptor.start();
    LOG.info("Storage SCP {} listening on {}:{}", aeTitle, bind.getHostAddress(), scp.port());
    return scp;
  }

  public int port() {
    return server.getLocalPort();
  }

  public String aeTitle() {
    return aeTitle;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setSoTimeout((int) idleTimeout.toMillis());
        workers.submit(() -> new Association(socket, aeTitle, sessions).run());
      } catch (SocketException e) {
        if (!server.isClosed()) {
          LOG.warn("Storage SCP accept failed: {}", e.getMessage());
        }
      } catch (IOException e) {
        LOG.warn("Storage SCP accept failed: {}", e.getMessage());
      }
    }
  }

  /** Stops listening and waits briefly for associations in progress. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("Closing the listening socket: {}", e.getMessage());
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
