package org.radassist.app.pacs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * moved into place only when complete, so a cancelled or failed one never looks cached; the staging
 * folder is locked while in use, so one left by a killed process is recognised and removed. When
 * the total passes the size limit, the least recently used studies are deleted first, except those
 * a modality is still sending.
 */
public final class StudyCache {
  private static final Logger LOG = LoggerFactory.getLogger(StudyCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INDEX = "study.json";
  private static final String STAGING_PREFIX = ".staging-";
  private static final String LOCK = ".lock";

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

  /** Unfinished retrievals removed by {@link #removeAbandonedStaging}. */
  public record Abandoned(int folders, long bytes) {}

  /** Staging folders this process is writing, whichever cache object opened them. */
  private static final Set<Path> OWN_STAGING = ConcurrentHashMap.newKeySet();

  private final Path root;
  private final long limitBytes;
  private final Map<Path, Integer> receiving = new HashMap<>();

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
      for (Path folder : folders.filter(StudyCache::isStudyFolder).toList()) {
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

  private static boolean isStudyFolder(Path p) {
    return Files.isDirectory(p) && !p.getFileName().toString().startsWith(STAGING_PREFIX);
  }

  /** Cached studies plus retrievals in progress: what the cache takes on disk. */
  public synchronized long sizeBytes() throws IOException {
    long total = 0;
    for (CachedStudy s : list()) {
      total += s.bytes();
    }
    return total + stagingBytes();
  }

  /** Bytes of the retrievals and receptions in progress now. */
  public synchronized long stagingBytes() throws IOException {
    long total = 0;
    for (Path staging : stagingFolders()) {
      total += treeSize(staging);
    }
    return total;
  }

  private List<Path> stagingFolders() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(
              p -> Files.isDirectory(p) && p.getFileName().toString().startsWith(STAGING_PREFIX))
          .toList();
    }
  }

  /**
   * Deletes staging folders no live process holds: a retrieval killed with SIGKILL (OOM killer,
   * power loss) cannot clean up after itself, and its files would otherwise fill the disk unseen.
   */
  public synchronized Abandoned removeAbandonedStaging() throws IOException {
    int folders = 0;
    long bytes = 0;
    for (Path staging : stagingFolders()) {
      if (inUse(staging)) {
        continue;
      }
      long size = treeSize(staging);
      deleteTree(staging);
      folders++;
      bytes += size;
      LOG.info("Removed an abandoned retrieval ({} bytes)", size);
    }
    return new Abandoned(folders, bytes);
  }

  private static boolean inUse(Path staging) throws IOException {
    if (OWN_STAGING.contains(staging)) {
      // Never probe our own lock: on Linux closing any descriptor of the file would drop it.
      return true;
    }
    Path lock = staging.resolve(LOCK);
    if (!Files.exists(lock)) {
      // Between creating the folder and its lock another process may be a moment behind.
      return Files.getLastModifiedTime(staging).toMillis() > System.currentTimeMillis() - 60_000;
    }
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock held = ch.tryLock();
      if (held == null) {
        return true;
      }
      held.release();
      return false;
    }
  }

  private static long treeSize(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      long total = 0;
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        total += Files.size(p);
      }
      return total;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Keeps the study from eviction until {@link #doneReceiving}: instances a modality sends arrive
   * one by one, and evicting the first ones would leave a study that looks complete with a part.
   */
  public synchronized void receiving(String studyUid) {
    receiving.merge(root.resolve(key(studyUid)), 1, Integer::sum);
  }

  public synchronized void doneReceiving(String studyUid) {
    receiving.computeIfPresent(root.resolve(key(studyUid)), (k, n) -> n == 1 ? null : n - 1);
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
    Staging staging = Staging.create(root);
    return new Download(studyUid, staging);
  }

  /**
   * A folder in the cache for files still arriving (a C-STORE data set), removed on close: there
   * they are on the cache's disk, so joining a study is a rename, and a killed receiver's leftovers
   * are found like an abandoned retrieval's.
   */
  public Spool spool() throws IOException {
    return new Spool(Staging.create(root));
  }

  /** See {@link #spool()}. */
  public static final class Spool implements AutoCloseable {
    private final Staging staging;

    private Spool(Staging staging) {
      this.staging = staging;
    }

    public Path folder() {
      return staging.folder;
    }

    @Override
    public void close() {
      staging.discard();
    }
  }

  /** A staging folder held by this process: locked, so other processes can tell it is alive. */
  private static final class Staging {
    final Path folder;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Staging(Path folder, FileChannel lockChannel, FileLock lock) {
      this.folder = folder;
      this.lockChannel = lockChannel;
      this.lock = lock;
    }

    static Staging create(Path root) throws IOException {
      Files.createDirectories(root);
      Path folder = Files.createDirectory(root.resolve(STAGING_PREFIX + UUID.randomUUID()));
      OWN_STAGING.add(folder);
      FileChannel ch =
          FileChannel.open(
              folder.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        return new Staging(folder, ch, ch.lock());
      } catch (IOException | RuntimeException e) {
        ch.close();
        deleteTree(folder);
        OWN_STAGING.remove(folder);
        throw e;
      }
    }

    /** Releases the lock, whose file is now in {@code movedTo}. */
    void unlock(Path movedTo) throws IOException {
      if (lockChannel.isOpen()) {
        lock.release();
        lockChannel.close();
      }
      Files.deleteIfExists(movedTo.resolve(LOCK));
      OWN_STAGING.remove(folder);
    }

    void discard() {
      try {
        unlock(folder);
        deleteTree(folder);
      } catch (IOException e) {
        LOG.warn("Cannot delete cache staging folder {}: {}", folder, e.getMessage());
      }
    }
  }

  /** A study being written into the cache. */
  public final class Download implements AutoCloseable {
    private final String studyUid;
    private final Staging lockedStaging;
    private final Path staging;
    private boolean committed;
    private Attributes first;
    private final Set<String> modalities = new TreeSet<>();
    private int count;

    private Download(String studyUid, Staging staging) {
      this.studyUid = studyUid;
      this.lockedStaging = staging;
      this.staging = staging.folder;
    }

    /** Where to write incoming files so that {@link #add} moves them on the same disk. */
    public Path folder() {
      return staging;
    }

    /**
     * Moves one received Part 10 file into the study, reading only its header so an instance of any
     * size costs no memory; the same instance twice is stored once.
     */
    public Path add(Path part10) throws IOException {
      String sop;
      try {
        Attributes ds = DicomReader.readMetadata(part10).dataset();
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
      Files.move(part10, file, StandardCopyOption.REPLACE_EXISTING);
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
        lockedStaging.unlock(folder);
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
        lockedStaging.discard();
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
        lockedStaging.discard();
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
      if (s.folder().equals(keep) || receiving.containsKey(s.folder())) {
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
