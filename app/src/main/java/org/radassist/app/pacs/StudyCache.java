package org.radassist.app.pacs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.web.StudySummary;
import org.radassist.dicom.web.UidHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrieved studies on local disk, so a study opens again without the network. Each study has a
 * folder named by a hash of its UID (no patient data in file names) holding its instances and a
 * {@code study.json} with when it was last used. A retrieval is written to a staging folder and
 * moved into place only when complete, so a cancelled or failed one never looks cached. When the
 * total passes the size limit, the least recently used studies are deleted first.
 */
public final class StudyCache {
  private static final Logger LOG = LoggerFactory.getLogger(StudyCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INDEX = "study.json";

  /** What {@code study.json} records. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Index(
      String studyInstanceUid,
      String server,
      long retrievedMillis,
      long lastUsedMillis,
      StudySummary study) {}

  /**
   * A complete cached study.
   *
   * @param study what the first instance says about patient and study, for listing offline
   */
  public record CachedStudy(
      String studyInstanceUid,
      Path folder,
      List<Path> files,
      long bytes,
      Instant lastUsed,
      StudySummary study) {}

  private final Path root;
  private final long limitBytes;

  public StudyCache(Path root, long limitBytes) {
    this.root = root;
    this.limitBytes = limitBytes;
  }

  public Path root() {
    return root;
  }

  public long limitBytes() {
    return limitBytes;
  }

  private static String key(String studyUid) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(studyUid.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** The cached study, marked as just used, if it is complete on disk. */
  public synchronized Optional<CachedStudy> find(String studyUid) throws IOException {
    Path folder = root.resolve(key(studyUid));
    Path index = folder.resolve(INDEX);
    if (!Files.isRegularFile(index)) {
      return Optional.empty();
    }
    Index i = JSON.readValue(index.toFile(), Index.class);
    Index used =
        new Index(
            i.studyInstanceUid(),
            i.server(),
            i.retrievedMillis(),
            System.currentTimeMillis(),
            i.study());
    writeIndex(folder, used);
    return Optional.of(describe(folder, used));
  }

  /** Every complete cached study, least recently used first. */
  public synchronized List<CachedStudy> list() throws IOException {
    List<CachedStudy> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> folders = Files.list(root)) {
      for (Path folder : folders.filter(Files::isDirectory).toList()) {
        Path index = folder.resolve(INDEX);
        if (Files.isRegularFile(index)) {
          try {
            out.add(describe(folder, JSON.readValue(index.toFile(), Index.class)));
          } catch (IOException e) {
            LOG.warn("Ignoring cache folder {} with an unreadable index", folder.getFileName());
          }
        }
      }
    }
    out.sort(Comparator.comparing(CachedStudy::lastUsed));
    return out;
  }

  public synchronized long sizeBytes() throws IOException {
    long total = 0;
    for (CachedStudy s : list()) {
      total += s.bytes();
    }
    return total;
  }

  private static CachedStudy describe(Path folder, Index index) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    return new CachedStudy(
        index.studyInstanceUid(),
        folder,
        files,
        bytes,
        Instant.ofEpochMilli(index.lastUsedMillis()),
        index.study());
  }

  private static void writeIndex(Path folder, Index index) throws IOException {
    Path tmp = folder.resolve(INDEX + ".tmp");
    JSON.writeValue(tmp.toFile(), index);
    Files.move(
        tmp,
        folder.resolve(INDEX),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Starts putting a study into the cache; nothing is visible until {@link Download#commit}. */
  public Download begin(String studyUid) throws IOException {
    Files.createDirectories(root);
    Path staging = Files.createDirectory(root.resolve(".staging-" + UUID.randomUUID()));
    return new Download(studyUid, staging);
  }

  /** A study being written into the cache. */
  public final class Download implements AutoCloseable {
    private final String studyUid;
    private final Path staging;
    private boolean committed;
    private Attributes first;
    private final Set<String> modalities = new TreeSet<>();
    private int count;

    private Download(String studyUid, Path staging) {
      this.studyUid = studyUid;
      this.staging = staging;
    }

    /** Stores one instance as received; the same instance twice is stored once. */
    public Path add(byte[] part10) throws IOException {
      String sop;
      try {
        Attributes ds = DicomReader.read(part10, Path.of("retrieved instance")).dataset();
        sop = ds.string(Tag.SOP_INSTANCE_UID);
        if (first == null) {
          first = ds;
        }
        if (ds.string(Tag.MODALITY) != null) {
          modalities.add(ds.string(Tag.MODALITY));
        }
        count++;
      } catch (DicomException e) {
        throw new IOException("the PACS sent an instance that is not DICOM: " + e.problem(), e);
      }
      if (sop == null) {
        throw new IOException("the PACS sent an instance without SOP Instance UID");
      }
      Path file = staging.resolve(key(sop) + ".dcm");
      Files.write(file, part10);
      return file;
    }

    /** Moves the complete study into place, replacing an older copy, then enforces the limit. */
    public CachedStudy commit(String server) throws IOException {
      synchronized (StudyCache.this) {
        long now = System.currentTimeMillis();
        StudySummary study = summary();
        writeIndex(staging, new Index(studyUid, server, now, now, study));
        Path folder = root.resolve(key(studyUid));
        if (Files.exists(folder)) {
          deleteTree(folder);
        }
        Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        evictBeyondLimit(folder);
        return describe(folder, new Index(studyUid, server, now, now, study));
      }
    }

    /**
     * Adds the received instances to the cached study, creating it if needed: a modality sending
     * over DIMSE delivers a study in pieces, and each piece must join what came before.
     */
    public CachedStudy commitAdding(String source) throws IOException {
      synchronized (StudyCache.this) {
        Path folder = root.resolve(key(studyUid));
        Path index = folder.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
          return commit(source);
        }
        Index old = JSON.readValue(index.toFile(), Index.class);
        try (Stream<Path> s = Files.list(staging)) {
          for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".dcm")).toList()) {
            Files.move(f, folder.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
        deleteTree(staging);
        committed = true;
        StudySummary was = old.study() != null ? old.study() : summary();
        Set<String> allModalities = new TreeSet<>(was.modalities());
        allModalities.addAll(modalities);
        int files;
        try (Stream<Path> s = Files.list(folder)) {
          files = (int) s.filter(p -> p.getFileName().toString().endsWith(".dcm")).count();
        }
        StudySummary merged =
            new StudySummary(
                studyUid,
                was.patientId(),
                was.patientName(),
                was.patientBirthDate(),
                was.studyDate(),
                was.studyTime(),
                was.accessionNumber(),
                was.description(),
                List.copyOf(allModalities),
                -1,
                files);
        long now = System.currentTimeMillis();
        Index updated = new Index(studyUid, old.server(), old.retrievedMillis(), now, merged);
        writeIndex(folder, updated);
        evictBeyondLimit(folder);
        return describe(folder, updated);
      }
    }

    private StudySummary summary() {
      Attributes a = first == null ? new Attributes() : first;
      return new StudySummary(
          studyUid,
          a.string(Tag.PATIENT_ID),
          a.string(Tag.PATIENT_NAME),
          a.string(Tag.PATIENT_BIRTH_DATE),
          a.string(Tag.STUDY_DATE),
          a.string(Tag.STUDY_TIME),
          a.string(Tag.ACCESSION_NUMBER),
          a.string(Tag.STUDY_DESCRIPTION),
          List.copyOf(modalities),
          -1,
          count);
    }

    /** Discards what was received unless committed. */
    @Override
    public void close() {
      if (!committed) {
        try {
          deleteTree(staging);
        } catch (IOException e) {
          LOG.warn("Cannot delete cache staging folder {}: {}", staging, e.getMessage());
        }
      }
    }
  }

  /** Deletes least recently used studies until the cache fits its limit. */
  public synchronized void trim() throws IOException {
    evictBeyondLimit(null);
  }

  /** Deletes least recently used studies until the total fits, never {@code keep}. */
  private void evictBeyondLimit(Path keep) throws IOException {
    List<CachedStudy> studies = list();
    long total = studies.stream().mapToLong(CachedStudy::bytes).sum();
    for (CachedStudy s : studies) {
      if (total <= limitBytes) {
        break;
      }
      if (s.folder().equals(keep)) {
        continue;
      }
      deleteTree(s.folder());
      total -= s.bytes();
      LOG.info(
          "Evicted cached study {} ({} bytes) to stay within {} bytes",
          UidHash.of(s.studyInstanceUid()),
          s.bytes(),
          limitBytes);
    }
    if (total > limitBytes && keep != null) {
      LOG.warn("The study just cached alone exceeds the cache limit of {} bytes", limitBytes);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
