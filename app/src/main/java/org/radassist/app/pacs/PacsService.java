package org.radassist.app.pacs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.ImageAnalysis;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.web.DicomWebClient;
import org.radassist.dicom.web.DicomWebException;
import org.radassist.dicom.web.RetrieveProgress;
import org.radassist.dicom.web.StoreResult;
import org.radassist.dicom.web.StudyQuery;
import org.radassist.dicom.web.StudySearch;
import org.radassist.dicom.web.StudySummary;
import org.radassist.dicom.web.UidHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query, retrieve and store back, the same for the workstation and the CLI. Connections are made
 * only to a {@link PacsServer} the user configured (in settings, or explicitly on the command
 * line); retrieved studies go into the {@link StudyCache} unless another folder is asked for.
 */
public final class PacsService {
  private static final Logger LOG = LoggerFactory.getLogger(PacsService.class);

  private final PacsSettings settings;
  private final StudyCache cache;

  public PacsService(AppPaths paths, PacsSettings settings) {
    this.settings = settings;
    this.cache = new StudyCache(paths.cache().resolve("studies"), settings.cacheLimitBytes());
  }

  /** The service with the settings stored in this data folder. */
  public static PacsService open(AppPaths paths) throws IOException {
    return new PacsService(paths, PacsSettings.load(paths));
  }

  public PacsSettings settings() {
    return settings;
  }

  public StudyCache cache() {
    return cache;
  }

  /** A client for the server with {@code secret}, or the one in its environment variable. */
  public DicomWebClient connect(PacsServer server, String secret) throws IOException {
    String s = secret != null ? secret : server.secretFromEnvironment(System.getenv());
    return new DicomWebClient(server.toConfig(s));
  }

  public StudySearch query(DicomWebClient client, StudyQuery query)
      throws DicomWebException, InterruptedException {
    return client.searchStudies(query);
  }

  /** Retrieves the study into the cache and returns it, complete, ready to open offline. */
  public StudyCache.CachedStudy pull(
      DicomWebClient client, String studyUid, RetrieveProgress progress)
      throws IOException, InterruptedException {
    cache.removeAbandonedStaging();
    try (StudyCache.Download download = cache.begin(studyUid)) {
      int n = client.retrieveStudy(studyUid, download.folder(), download::add, progress);
      if (n == 0) {
        throw new DicomWebException("the PACS sent no instance of the study", 0);
      }
      int announced = announced(client, studyUid);
      if (announced > n) {
        throw new DicomWebException(
            "the PACS lists "
                + announced
                + " instances of the study but sent "
                + n
                + "; nothing was cached, retrieve it again",
            0);
      }
      StudyCache.CachedStudy cached = download.commit(client.config().baseUrl().toString());
      LOG.info("Cached study {}: {} instance(s)", UidHash.of(studyUid), cached.files().size());
      return cached;
    }
  }

  /** Retrieves the study into {@code dir}, one file per instance named by its SOP UID. */
  public List<Path> pullInto(
      DicomWebClient client, String studyUid, Path dir, RetrieveProgress progress)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    client.retrieveStudy(
        studyUid,
        dir,
        part -> {
          Path file = dir.resolve(sopInstanceUid(part) + ".dcm");
          Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
          files.add(file);
        },
        progress);
    int announced = announced(client, studyUid);
    if (announced > files.size()) {
      throw new DicomWebException(
          "the PACS lists "
              + announced
              + " instances of the study but sent "
              + files.size()
              + " (kept in "
              + dir
              + "); retrieve it again",
          0);
    }
    return files;
  }

  /**
   * How many instances the PACS lists for the study (QIDO-RS Number of Study Related Instances), -1
   * when it does not say: a retrieval cut short by the server (a timeout on its side, a full disk)
   * can end as a clean response with fewer parts, and a reader must not read half a study as if it
   * were all of it.
   */
  private static int announced(DicomWebClient client, String studyUid) throws InterruptedException {
    try {
      return client
          .searchStudies(StudyQuery.all().withStudyInstanceUid(studyUid))
          .studies()
          .stream()
          .filter(s -> studyUid.equals(s.studyInstanceUid()))
          .mapToInt(StudySummary::instanceCount)
          .findFirst()
          .orElse(-1);
    } catch (DicomWebException e) {
      // A server that serves WADO-RS but not QIDO-RS still gives complete studies.
      return -1;
    }
  }

  private static String sopInstanceUid(Path part10) throws IOException {
    try {
      String uid = DicomReader.readMetadata(part10).dataset().string(Tag.SOP_INSTANCE_UID);
      if (uid == null || !uid.matches("[0-9.]+")) {
        throw new IOException("the PACS sent an instance without a valid SOP Instance UID");
      }
      return uid;
    } catch (DicomException e) {
      throw new IOException("the PACS sent an instance that is not DICOM: " + e.problem(), e);
    }
  }

  public StoreResult push(DicomWebClient client, List<Path> files)
      throws DicomWebException, InterruptedException {
    return client.store(files);
  }

  /** Stores the analysis as a Secondary Capture in the analysed study; returns what was stored. */
  public StoreResult sendOverlay(DicomWebClient client, ImageAnalysis analysis)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("radassist-overlay-");
    try {
      Path file = OverlayCapture.write(analysis, dir);
      return client.store(List.of(file));
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
