package org.radassist.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay whose uplink (client to server) carries at most a given number of bytes per
 * second, as a rural clinic's line does; the downlink is not limited. It counts connections and
 * uplink bytes, so a test can tell whether a request was sent more than once.
 */
public final class SlowRelay implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final int bytesPerSecond;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong uplinkBytes = new AtomicLong();

  private SlowRelay(ServerSocket server, int targetPort, int bytesPerSecond) {
    this.server = server;
    this.targetPort = targetPort;
    this.bytesPerSecond = bytesPerSecond;
    Thread acceptor = new Thread(this::acceptLoop, "slow-relay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static SlowRelay to(int targetPort, int bytesPerSecond) {
    try {
      ServerSocket server = new ServerSocket();
      // A small window keeps the sender's bytes in the sender, as on a slow line.
      server.setReceiveBufferSize(8192);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      return new SlowRelay(server, targetPort, bytesPerSecond);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  public int connections() {
    return connections.get();
  }

  public long uplinkBytes() {
    return uplinkBytes.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean throttled) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[throttled ? Math.max(1, bytesPerSecond / 10) : 65536];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                  out.write(buf, 0, n);
                  out.flush();
                  if (throttled) {
                    uplinkBytes.addAndGet(n);
                    Thread.sleep(100L * n / buf.length);
                  }
                }
              } catch (IOException | InterruptedException e) {
                // One side closed; closing both ends the other pump too.
              } finally {
                close(from);
                close(to);
              }
            },
            "slow-relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
