package org.radassist.app.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.AnalyzerOptions;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.demo.BuiltInModels;
import org.radassist.inference.model.ModelCatalog;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's working state shared by the workstation and the CLI: the data folder and the loaded,
 * warmed analyzers, kept per model package and device so a model is loaded and warmed once per
 * process however many images are analysed.
 */
public final class Workspace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

  private final AppPaths paths;
  private final Map<String, Analyzer> analyzers = new HashMap<>();
  private final Map<String, ModelPackage> builtins = new HashMap<>();

  /**
   * Held while a package is unpacked or a model loaded (seconds), so each loads once; {@code this}
   * guards only the maps, so that {@link #close()} never waits for a load: quitting the workstation
   * mid-load would otherwise leave its window up until the load ends.
   */
  private final Object loading = new Object();

  private boolean closed;

  /**
   * The package that analyses an image and why it was the one: the basis, and for automatic choice
   * the body part read from the file, so the workstation can say it in the reader's language while
   * {@link #reason()} stays the English the CLI and analysis files give.
   */
  public record SelectedModel(ModelPackage pkg, Basis basis, BodyPart part) {
    /** Why a model was chosen. */
    public enum Basis {
      /** A package folder the reader brought. */
      PACKAGE,
      /** A built-in model the reader picked. */
      CHOSEN,
      /** Automatic choice by the body part the file names. */
      BODY_PART,
      /** Automatic choice with no body part in the file: the chest model. */
      NOT_STATED
    }

    /** Why, in words. */
    public String reason() {
      return switch (basis) {
        case PACKAGE -> "your package";
        case CHOSEN -> "chosen by you";
        case BODY_PART ->
            "automatic: " + part.term().toLowerCase(Locale.ROOT) + " (" + part.source() + ")";
        case NOT_STATED -> "automatic: body part not stated, chest model";
      };
    }
  }

  private Workspace(AppPaths paths) {
    this.paths = paths;
  }

  /**
   * Opens the workspace; call {@link AppPaths#configureLogging()} before if it should log there.
   */
  public static Workspace open(AppPaths paths) {
    return new Workspace(paths);
  }

  public AppPaths paths() {
    return paths;
  }

  /** Ids of the packages shipped with RadAssist. */
  public static Set<String> builtinIds() {
    return Set.copyOf(BuiltInModels.ids());
  }

  /**
   * Built-in package {@code id}, unpacked into the data folder's models on first use (so {@code
   * models list} shows it and DJL can read its weights) and loaded once per process.
   */
  public ModelPackage builtinModel(String id) throws ModelPackageException {
    synchronized (loading) {
      synchronized (this) {
        ModelPackage known = builtins.get(id);
        if (known != null) {
          return known;
        }
      }
      if (!BuiltInModels.ids().contains(id)) {
        throw new ModelPackageException(
            "no built-in model " + id + "; built-in models are " + BuiltInModels.ids());
      }
      ModelPackage pkg =
          ModelPackage.load(BuiltInModels.extractTo(id, AppPaths.ensure(paths.models())));
      synchronized (this) {
        builtins.put(id, pkg);
      }
      return pkg;
    }
  }

  /**
   * What a reader's {@code ID|PATH} names: a path that exists is the package itself, even when
   * named like a built-in model; otherwise a built-in id, then the id on the card of a package
   * installed in the data folder's models.
   */
  public Optional<ModelPackage> findModel(String idOrPath) throws ModelPackageException {
    Path path = Path.of(idOrPath);
    if (Files.exists(path)) {
      return Optional.of(ModelPackage.load(path));
    }
    if (builtinIds().contains(idOrPath)) {
      return Optional.of(builtinModel(idOrPath));
    }
    return installedModel(idOrPath);
  }

  /** Why {@link #findModel} found nothing for {@code idOrPath}. */
  public String noSuchModel(String idOrPath) {
    return "no model "
        + idOrPath
        + ": not a package folder or .zip, nor the id of a built-in model ("
        + String.join(", ", builtinIds().stream().sorted().toList())
        + ") or of a package in "
        + paths.models();
  }

  private Optional<ModelPackage> installedModel(String id) throws ModelPackageException {
    try {
      return ModelCatalog.list(paths.models()).stream()
          .flatMap(e -> e.pkg().stream())
          .filter(p -> id.equals(p.card().id()))
          .findFirst();
    } catch (IOException e) {
      throw new ModelPackageException("cannot list " + paths.models() + ": " + e.getMessage(), e);
    }
  }

  /** Unpacks every built-in package into the data folder's models. */
  public void installBuiltins() throws ModelPackageException {
    for (String id : BuiltInModels.ids()) {
      builtinModel(id);
    }
  }

  /**
   * Modalities the built-in models may be given automatically: projection radiographs, and
   * secondary captures or "other", which may be digitised films. A CT slice, an ultrasound or a
   * mammogram is not what they were made for.
   */
  private static final Set<String> RADIOGRAPHIC = Set.of("CR", "DX", "RG", "SC", "OT");

  /**
   * The package for {@code image} under the reader's choice: automatic choice takes the built-in
   * model made for the body part the image shows (chest films get the tumour model, extremities the
   * fracture model) and, when the file does not say or no image is given, the chest model; for an
   * image of another modality (CT, US, MG...) or of a body part no built-in model is made for (a
   * spine, an abdomen) it throws {@link NoModelForImageException}.
   */
  public SelectedModel modelFor(ModelChoice choice, Attributes image) throws ModelPackageException {
    if (choice instanceof ModelChoice.Package p) {
      ModelPackage pkg =
          Files.exists(p.path())
              ? ModelPackage.load(p.path())
              : installedModel(p.path().toString()).orElseGet(() -> null);
      if (pkg == null) {
        throw new NoSuchModelException(noSuchModel(p.path().toString()));
      }
      return new SelectedModel(pkg, SelectedModel.Basis.PACKAGE, BodyPart.UNKNOWN);
    }
    if (choice instanceof ModelChoice.Builtin b) {
      return new SelectedModel(builtinModel(b.id()), SelectedModel.Basis.CHOSEN, BodyPart.UNKNOWN);
    }
    return automatic(image);
  }

  private SelectedModel automatic(Attributes image) throws ModelPackageException {
    String modality = image == null ? null : image.string(Tag.MODALITY);
    if (modality != null && !RADIOGRAPHIC.contains(modality.strip().toUpperCase(Locale.ROOT))) {
      throw NoModelForImageException.forModality(modality.strip());
    }
    BodyPart part = image == null ? BodyPart.UNKNOWN : BodyPart.of(image);
    if (part.known() && BuiltInModels.covering(part.term()).isEmpty()) {
      // A spine or abdomen film said so: the chest model would mark its bowel gas and vertebrae,
      // and the fracture model, which saw only hands to elbows, the markers of a hip film.
      throw NoModelForImageException.forBodyPart(part);
    }
    String id = BuiltInModels.select(part.term(), null, null);
    return new SelectedModel(
        builtinModel(id),
        part.known() ? SelectedModel.Basis.BODY_PART : SelectedModel.Basis.NOT_STATED,
        part);
  }

  /** A warmed analyzer for the package and device with this machine's default threads. */
  public Analyzer analyzer(ModelPackage pkg, DeviceChoice device) throws ModelPackageException {
    return analyzer(pkg, device, 0);
  }

  /**
   * A warmed analyzer for the package, device and thread count (0 = default for this machine's
   * cores), created on first request.
   */
  public Analyzer analyzer(ModelPackage pkg, DeviceChoice device, int threads)
      throws ModelPackageException {
    return analyzer(pkg, device, threads, AnalyzerOptions.DEFAULT_LOGITS_HEATMAP);
  }

  /**
   * As {@link #analyzer(ModelPackage, DeviceChoice, int)}, with the heatmap method for models that
   * give only logits.
   */
  public Analyzer analyzer(
      ModelPackage pkg, DeviceChoice device, int threads, Heatmap.Method logitsHeatmap)
      throws ModelPackageException {
    String key =
        pkg.root() + "|" + pkg.sha256() + "|" + device + "|" + threads + "|" + logitsHeatmap;
    synchronized (loading) {
      synchronized (this) {
        requireOpen();
        Analyzer known = analyzers.get(key);
        if (known != null) {
          return known;
        }
      }
      LOG.info("Loading model {} {} on {}", pkg.card().id(), pkg.card().version(), device);
      AnalyzerOptions options =
          (threads > 0
                  ? AnalyzerOptions.forCores(device, threads)
                  : AnalyzerOptions.defaults(device))
              .withLogitsHeatmap(logitsHeatmap);
      Analyzer analyzer = Analyzer.open(pkg, options);
      synchronized (this) {
        if (closed) {
          // Closed while this one loaded: nobody would close it, so it is discarded here.
          analyzer.close();
        }
        requireOpen();
        analyzers.put(key, analyzer);
      }
      return analyzer;
    }
  }

  private void requireOpen() throws ModelPackageException {
    if (closed) {
      throw new ModelPackageException("the workspace is closed: the application is quitting");
    }
  }

  /** Closes the loaded models at once; a model still loading is closed when its load ends. */
  @Override
  public void close() {
    List<Analyzer> loaded;
    synchronized (this) {
      closed = true;
      loaded = List.copyOf(analyzers.values());
      analyzers.clear();
    }
    loaded.forEach(Analyzer::close);
  }
}
