package org.radassist.dicom.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.write.Uids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads files, folders, zip archives and DICOMDIRs into Study ▸ Series ▸ Instance: metadata of all
 * inputs first (in parallel, reading only the header of each file), then on request the first frame
 * of a series, then its other frames in the background with a bounded number of frames in flight. A
 * file that fails is listed in the {@link LoadReport} with its location and reason; the rest loads.
 */
public final class StudyLoader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StudyLoader.class);

  private final ExecutorService pool;
  private final ExecutorService firstFrames;

  public StudyLoader(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "dicom-loader-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // First frames get their own thread so a background prefetch never delays what the user waits
    // for.
    this.firstFrames =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "dicom-first-frame");
              t.setDaemon(true);
              return t;
            });
  }

  /** One thread per core. */
  public static StudyLoader withDefaultThreads() {
    return new StudyLoader(Runtime.getRuntime().availableProcessors());
  }

  /** Reads the metadata of every DICOM instance under the inputs; never throws for a bad file. */
  public LoadResult load(List<Path> inputs) {
    List<LoadReport.Failure> failures = Collections.synchronizedList(new ArrayList<>());
    List<InstanceSource> sources = new ArrayList<>();
    for (Path input : inputs) {
      collect(input, sources, failures);
    }
    List<Future<Instance>> futures = new ArrayList<>(sources.size());
    Set<InstanceSource> indexes = ConcurrentHashMap.newKeySet();
    for (InstanceSource s : sources) {
      futures.add(pool.submit(() -> readInstance(s, failures, indexes)));
    }
    List<Instance> instances = new ArrayList<>();
    for (Future<Instance> f : futures) {
      try {
        Instance instance = f.get();
        if (instance != null) {
          instances.add(instance);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        // readInstance reports its own failures
      }
    }
    Map<String, Instance> kept = new HashMap<>();
    for (Instance instance : instances) {
      kept.merge(instance.sopInstanceUid(), instance, StudyLoader::fuller);
    }
    Map<String, Study> studies = new LinkedHashMap<>();
    List<LoadReport.Duplicate> duplicates = new ArrayList<>();
    int loaded = 0;
    for (Instance instance : instances) {
      Instance keep = kept.get(instance.sopInstanceUid());
      if (keep != instance) {
        duplicates.add(
            new LoadReport.Duplicate(instance.source().describe(), keep.source().describe()));
        continue;
      }
      Attributes md = instance.metadata();
      String studyUid = md.string(Tag.STUDY_INSTANCE_UID, "unknown study");
      String seriesUid = md.string(Tag.SERIES_INSTANCE_UID, "unknown series");
      studies
          .computeIfAbsent(studyUid, u -> new Study(u, md))
          .seriesFor(seriesUid, md)
          .add(instance);
      loaded++;
    }
    for (Study s : studies.values()) {
      s.sort();
    }
    LOG.info(
        "loaded {} instances in {} studies; {} inputs failed, {} duplicates",
        loaded,
        studies.size(),
        failures.size(),
        duplicates.size());
    List<String> directories =
        sources.stream().filter(indexes::contains).map(InstanceSource::describe).toList();
    return new LoadResult(
        new ArrayList<>(studies.values()),
        new LoadReport(loaded, failures, duplicates, directories));
  }

  /**
   * Of two copies of one instance, the larger, else the first: only the header was read, and a
   * transfer cut short leaves a copy whose header is whole and whose pixels are not.
   */
  private static Instance fuller(Instance first, Instance second) {
    return second.source().size() > first.source().size() ? second : first;
  }

  private static Instance readInstance(
      InstanceSource s, List<LoadReport.Failure> failures, Set<InstanceSource> indexes) {
    try {
      DicomFile f = s.readMetadata();
      if (DicomDir.isDicomDir(f)) {
        indexes.add(s);
        return null;
      }
      if (f.dataset().string(Tag.SOP_INSTANCE_UID) == null) {
        if (!f.dataset().contains(Tag.ROWS) || !f.dataset().contains(Tag.COLUMNS)) {
          failures.add(
              new LoadReport.Failure(
                  s.describe(), "no SOP Instance UID and no image: not a DICOM instance"));
          return null;
        }
        // An image without its (Type 1) UID, as test and research files often are: pydicom,
        // GDCM and dcmtk show it, so it opens here too, under a UID derived from where it is.
        f.dataset().putString(Tag.SOP_INSTANCE_UID, VR.UI, Uids.derived(s.describe()));
      }
      return new Instance(s, f.dataset());
    } catch (DicomException e) {
      failures.add(new LoadReport.Failure(s.describe(), e.problem()));
      return null;
    } catch (RuntimeException e) {
      failures.add(new LoadReport.Failure(s.describe(), "internal error: " + e));
      return null;
    } catch (OutOfMemoryError e) {
      // The allocation that failed is gone, so the others can still load; this one must be named,
      // not left out of the study in silence.
      failures.add(
          new LoadReport.Failure(
              s.describe(),
              "not enough memory to read it ("
                  + (Runtime.getRuntime().maxMemory() >> 20)
                  + " MB Java heap)"));
      return null;
    }
  }

  private static void collect(
      Path input, List<InstanceSource> out, List<LoadReport.Failure> failures) {
    try {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile).sorted().forEach(p -> collectFile(p, out, failures));
        }
      } else if (Files.isRegularFile(input)) {
        if (input.getFileName().toString().equalsIgnoreCase("DICOMDIR")) {
          for (Path p : DicomDir.referencedFiles(input)) {
            if (Files.isRegularFile(p)) {
              out.add(new InstanceSource.FileSource(p));
            } else {
              failures.add(
                  new LoadReport.Failure(p.toString(), "referenced by the DICOMDIR but missing"));
            }
          }
        } else {
          collectFile(input, out, failures);
        }
      } else {
        failures.add(new LoadReport.Failure(input.toString(), "no such file or folder"));
      }
    } catch (IOException e) {
      failures.add(new LoadReport.Failure(input.toString(), "cannot list: " + e.getMessage()));
    } catch (DicomException e) {
      failures.add(new LoadReport.Failure(input.toString(), e.problem()));
    }
  }

  private static void collectFile(
      Path p, List<InstanceSource> out, List<LoadReport.Failure> failures) {
    if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      try (ZipFile z = new ZipFile(p.toFile())) {
        z.stream()
            .filter(e -> !e.isDirectory())
            .map(ZipEntry::getName)
            .sorted()
            .forEach(name -> out.add(new InstanceSource.ZipEntrySource(p, name)));
      } catch (IOException e) {
        failures.add(
            new LoadReport.Failure(p.toString(), "not a readable zip archive: " + e.getMessage()));
      }
      return;
    }
    out.add(new InstanceSource.FileSource(p));
  }

  /** Decodes the first frame of the series' first image, ahead of everything else. */
  public CompletableFuture<Frame> firstFrame(Series series) {
    return CompletableFuture.supplyAsync(
        () -> {
          for (Instance i : series.instances()) {
            if (i.frameCount() > 0) {
              try {
                return i.frame(0);
              } catch (DicomException e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            }
          }
          throw new java.util.concurrent.CompletionException(
              new IllegalStateException("series has no image"));
        },
        firstFrames);
  }

  /**
   * Decodes every frame of the series in the background, one frame per loader thread at a time so
   * memory stays bounded (decoded frames are then held softly by their instance); {@code progress}
   * gets the count of frames done (decoded or failed). Failures are collected in the returned
   * report rather than stopping the rest.
   */
  public CompletableFuture<LoadReport> prefetch(Series series, IntConsumer progress) {
    List<LoadReport.Failure> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger done = new AtomicInteger();
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    for (Instance instance : series.instances()) {
      for (int k = 0; k < instance.frameCount(); k++) {
        int index = k;
        tasks.add(
            CompletableFuture.runAsync(
                () -> {
                  try {
                    instance.frame(index);
                  } catch (DicomException e) {
                    failures.add(new LoadReport.Failure(instance.source().describe(), e.problem()));
                  }
                  progress.accept(done.incrementAndGet());
                },
                pool));
      }
    }
    return CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new))
        .thenApply(v -> new LoadReport(done.get() - failures.size(), failures));
  }

  @Override
  public void close() {
    pool.shutdownNow();
    firstFrames.shutdownNow();
  }
}
