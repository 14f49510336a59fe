package org.radassist.dicom.dimse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for DICOM associations on one address and port and serves each on its own thread. A
 * connection that does not request an association within the ARTIM time (PS3.8 9.1.5) is closed,
 * and an established association that goes idle after the read timeout, so port scanners, health
 * checks and hung modalities cannot hold threads. Up to {@link #MAX_ASSOCIATIONS} connections are
 * served at once, none waits in a queue behind others; beyond that a connection is closed at once.
 */
public final class StorageScp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageScp.class);
  static final int MAX_ASSOCIATIONS = 64;

  /** Default ARTIM time: dcmtk and modalities send their A-ASSOCIATE-RQ within a second. */
  public static final Duration DEFAULT_ARTIM = Duration.ofSeconds(20);

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final ServerSocket server;
  private final String aeTitle;
  private final StoreSession.Factory sessions;
  private final Duration artim;
  private final ThreadPoolExecutor workers;
  private final Thread acceptor;

  private StorageScp(
      ServerSocket server, String aeTitle, StoreSession.Factory sessions, Duration artim) {
    this.server = server;
    this.aeTitle = aeTitle;
    this.sessions = sessions;
    this.artim = artim;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            0,
            MAX_ASSOCIATIONS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
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
    return start(bind, port, aeTitle, sessions, DEFAULT_ARTIM);
  }

  /**
   * Starts listening.
   *
   * @param artim how long a new connection may take to request an association before it is closed
   */
  public static StorageScp start(
      InetAddress bind, int port, String aeTitle, StoreSession.Factory sessions, Duration artim)
      throws IOException {
    if (artim.isNegative() || artim.isZero()) {
      throw new IllegalArgumentException("the association request timeout must be positive");
    }
    if (aeTitle == null || aeTitle.isBlank() || aeTitle.length() > 16 || aeTitle.contains("\\")) {
      throw new IllegalArgumentException("an AE title has 1 to 16 characters, no backslash");
    }
    ServerSocket server = new ServerSocket(port, 50, bind);
    StorageScp scp = new StorageScp(server, aeTitle.strip(), sessions, artim);
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
        socket.setSoTimeout((int) artim.toMillis());
        try {
          workers.execute(() -> new Association(socket, aeTitle, sessions, IDLE_TIMEOUT).run());
        } catch (RejectedExecutionException e) {
          LOG.warn(
              "Refused a connection from {}: {} associations already open",
              socket.getInetAddress().getHostAddress(),
              MAX_ASSOCIATIONS);
          socket.close();
        }
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
