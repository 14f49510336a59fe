package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Runs model loading and analysis in a forked JVM whose HTTP, HTTPS and SOCKS proxies all point at
 * a local socket that counts connection attempts and answers none. The pipeline must succeed and
 * the socket must see nothing: no download, no telemetry.
 */
class OfflinePipelineTest {

  @Test
  void theWholePipelineRunsWithNetworkingUnavailable() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread watcher =
          new Thread(
              () -> {
                while (!trap.isClosed()) {
                  try (Socket s = trap.accept()) {
                    attempts.incrementAndGet();
                  } catch (Exception e) {
                    return;
                  }
                }
              });
      watcher.setDaemon(true);
      watcher.start();
      String port = Integer.toString(trap.getLocalPort());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd =
          List.of(
              java,
              "-cp",
              System.getProperty("java.class.path"),
              "-Dhttp.proxyHost=127.0.0.1",
              "-Dhttp.proxyPort=" + port,
              "-Dhttps.proxyHost=127.0.0.1",
              "-Dhttps.proxyPort=" + port,
              "-DsocksProxyHost=127.0.0.1",
              "-DsocksProxyPort=" + port,
              "-Djava.net.useSystemProxies=false",
              OfflinePipelineMain.class.getName());
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .directory(new File(System.getProperty("user.dir")))
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), "forked pipeline finished");
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("PIPELINE-OK offline=true"), out);
    }
    assertEquals(0, attempts.get(), "connection attempts through the proxies");
  }
}
