package org.radassist.app.pacs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.radassist.app.core.AppPaths;

/**
 * The configured PACS servers and the cache limit, kept in {@code pacs.json} of the data folder.
 * Written to a temporary file and moved over the old one, so a crash never leaves half a file.
 */
public final class PacsSettings {
  static final String FILE_NAME = "pacs.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Cache limit when none is configured: room for a few hundred radiograph studies. */
  public static final long DEFAULT_CACHE_LIMIT = 10L << 30;

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Stored(List<PacsServer> servers, Long cacheLimitBytes) {}

  private final Path file;
  private final List<PacsServer> servers;
  private long cacheLimitBytes;

  private PacsSettings(Path file, List<PacsServer> servers, long cacheLimitBytes) {
    this.file = file;
    this.servers = new ArrayList<>(servers);
    this.cacheLimitBytes = cacheLimitBytes;
  }

  /** Loads the settings; a missing file gives none configured, an unreadable one is an error. */
  public static PacsSettings load(AppPaths paths) throws IOException {
    Path file = paths.root().resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return new PacsSettings(file, List.of(), DEFAULT_CACHE_LIMIT);
    }
    try {
      Stored s = JSON.readValue(file.toFile(), Stored.class);
      return new PacsSettings(
          file,
          s.servers() == null ? List.of() : s.servers(),
          s.cacheLimitBytes() == null ? DEFAULT_CACHE_LIMIT : s.cacheLimitBytes());
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("cannot read PACS settings " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized void save() throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    JSON.writeValue(tmp.toFile(), new Stored(List.copyOf(servers), cacheLimitBytes));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public synchronized List<PacsServer> servers() {
    return List.copyOf(servers);
  }

  public synchronized Optional<PacsServer> server(String name) {
    return servers.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Adds the server, replacing one of the same name. */
  public synchronized void put(PacsServer server) {
    servers.removeIf(s -> s.name().equals(server.name()));
    servers.add(server);
  }

  public synchronized boolean remove(String name) {
    return servers.removeIf(s -> s.name().equals(name));
  }

  public synchronized long cacheLimitBytes() {
    return cacheLimitBytes;
  }

  public synchronized void setCacheLimitBytes(long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("the cache limit cannot be negative");
    }
    this.cacheLimitBytes = limit;
  }
}
