package org.radassist.inference.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A model package whose card is complete and whose weights hash to the card's sha256. Instances
 * only exist for packages that passed these checks; whether the network's outputs match the card is
 * checked when an {@link org.radassist.inference.analysis.Analyzer} opens it, because that needs
 * the engine.
 */
public final class ModelPackage {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> RESIZES =
      Set.of("stretch", "letterbox", "shorter-side-center-crop");
  private static final Set<String> WINDOWINGS = Set.of("dicom-voi", "percentile", "none");
  private static final Set<String> ACTIVATIONS = Set.of("sigmoid", "softmax");

  private final Path root;
  private final Path source;
  private final ModelCard card;
  private final Path weightsFile;

  private ModelPackage(Path root, Path source, ModelCard card, Path weightsFile) {
    this.root = root;
    this.source = source;
    this.card = card;
    this.weightsFile = weightsFile;
  }

  /**
   * Loads a package folder or {@code .zip}; a zip is unpacked into a fresh temporary folder first.
   *
   * @throws ModelPackageException naming the package and every problem found
   */
  public static ModelPackage load(Path folderOrZip) throws ModelPackageException {
    Path source = folderOrZip.toAbsolutePath().normalize();
    if (!Files.exists(source)) {
      throw new ModelPackageException("Model package " + source + " does not exist");
    }
    Path root = Files.isDirectory(source) ? source : unzip(source);
    Path cardFile = root.resolve(ModelCard.FILE_NAME);
    if (!Files.isRegularFile(cardFile)) {
      throw new ModelPackageException("Model package " + source + " has no " + ModelCard.FILE_NAME);
    }
    ModelCard card;
    try {
      card = ModelCard.read(cardFile);
    } catch (JsonProcessingException e) {
      throw new ModelPackageException(
          "Model package "
              + source
              + ": "
              + ModelCard.FILE_NAME
              + " is not a valid card: "
              + CardJsonError.describe(e),
          e);
    } catch (IOException e) {
      throw new ModelPackageException(
          "Model package " + source + ": " + ModelCard.FILE_NAME + " cannot be read: " + e, e);
    }
    List<String> problems = new ArrayList<>();
    List<String> missing = card.missingFields();
    if (!missing.isEmpty()) {
      problems.add("card is missing " + String.join(", ", missing));
    } else {
      problems.addAll(invalidValues(card));
    }
    if (!problems.isEmpty()) {
      throw new ModelPackageException(
          "Model package " + source + " refused: " + String.join("; ", problems));
    }
    Path weights = root.resolve(card.weights().file()).normalize();
    if (!weights.startsWith(root)) {
      throw new ModelPackageException(
          "Model package "
              + source
              + " refused: weights file "
              + card.weights().file()
              + " lies outside the package");
    }
    if (!Files.isRegularFile(weights)) {
      throw new ModelPackageException(
          "Model package "
              + source
              + " refused: weights file "
              + card.weights().file()
              + " is missing");
    }
    String actual = sha256(weights);
    String expected = card.weights().sha256().toLowerCase(Locale.ROOT);
    if (!actual.equals(expected)) {
      throw new ModelPackageException(
          "Model package "
              + source
              + " refused: sha256 of "
              + card.weights().file()
              + " is "
              + actual
              + " but the card says "
              + expected
              + " (the weights are not the ones the card describes)");
    }
    return new ModelPackage(root, source, card, weights);
  }

  private static List<String> invalidValues(ModelCard card) {
    List<String> p = new ArrayList<>();
    if (!ModelCard.TASK_CLASSIFICATION_CAM.equals(card.task())) {
      p.add("task must be classification-cam, was " + card.task());
    }
    if (!ModelCard.FORMAT_TORCHSCRIPT.equals(card.format())
        && !ModelCard.FORMAT_DJL.equals(card.format())) {
      p.add("format must be torchscript or djl, was " + card.format());
    }
    if (!SHA256.matcher(card.weights().sha256().toLowerCase(Locale.ROOT)).matches()) {
      p.add("weights.sha256 must be 64 hex digits");
    }
    ModelCard.Input in = card.input();
    if (in.width() < 8 || in.height() < 8) {
      p.add("input width and height must be at least 8");
    }
    if (in.channels() != 1 && in.channels() != 3) {
      p.add("input.channels must be 1 or 3, was " + in.channels());
    }
    if (!RESIZES.contains(in.resize())) {
      p.add("input.resize must be one of " + RESIZES + ", was " + in.resize());
    }
    if (!WINDOWINGS.contains(in.windowing())) {
      p.add("input.windowing must be one of " + WINDOWINGS + ", was " + in.windowing());
    }
    if (!(in.scale() > 0)) {
      p.add("input.scale must be positive");
    }
    if (in.mean().length != in.channels() || in.std().length != in.channels()) {
      p.add("input.mean and input.std need one value per channel");
    } else {
      for (double s : in.std()) {
        if (!(s > 0)) {
          p.add("input.std values must be positive");
          break;
        }
      }
    }
    Map<String, String> files = new HashMap<>();
    for (ModelCard.Label l : card.labels()) {
      if (!(l.threshold() >= 0 && l.threshold() <= 1)) {
        p.add("threshold of label " + l.name() + " must lie in [0, 1]");
      }
      String other = files.putIfAbsent(fileSafe(l.name()).toLowerCase(Locale.ROOT), l.name());
      if (other != null) {
        p.add(
            "labels "
                + other
                + " and "
                + l.name()
                + " need distinct names (each label writes heatmap-<name>.png, compared"
                + " without case and with characters other than A-Z a-z 0-9 . _ - as _)");
      }
    }
    ModelCard.Outputs out = card.outputs();
    if (negative(out.probabilities()) || negative(out.cams())) {
      p.add("output indices must not be negative");
    }
    if (out.cams() != null && out.cams().equals(out.probabilities())) {
      p.add("outputs.probabilities and outputs.cams must be different outputs");
    }
    if (out.pooling() != null && !out.pooling().equals("mean") && !out.pooling().equals("max")) {
      p.add("outputs.pooling must be mean or max, was " + out.pooling());
    }
    if (out.activation() != null && !ACTIVATIONS.contains(out.activation())) {
      p.add("outputs.activation must be sigmoid or softmax, was " + out.activation());
    }
    if ("softmax".equals(out.activation()) && card.labels().size() == 1) {
      p.add(
          "outputs.activation softmax over a single label always gives 1; a one-label model's"
              + " logit needs sigmoid");
    }
    if (ModelCard.FORMAT_DJL.equals(card.format())) {
      if (!"camnet".equals(card.architecture().name())) {
        p.add("architecture.name must be camnet, was " + card.architecture().name());
      } else if (card.architecture().stageFilters().isEmpty()) {
        p.add("architecture.stageFilters must not be empty");
      } else {
        int stages = card.architecture().stageFilters().size();
        if (!onePositivePerStage(card.architecture().convsPerStage(), stages)) {
          p.add("architecture.convsPerStage must give a count of at least 1 for every stage");
        }
        if (!onePositivePerStage(card.architecture().dilationPerStage(), stages)) {
          p.add("architecture.dilationPerStage must give a dilation of at least 1 for every stage");
        }
        if (card.architecture().members() != null && card.architecture().members() < 1) {
          p.add("architecture.members must be at least 1, was " + card.architecture().members());
        }
      }
    }
    return p;
  }

  private static boolean negative(OutputRef ref) {
    return ref != null && ref.index() != null && ref.index() < 0;
  }

  /**
   * A name as it goes into a file name (a label's in {@code <uid>.heatmap-<label>.png}): characters
   * a file system might refuse or read as a path become {@code _}.
   */
  public static String fileSafe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** An optional per-stage list: absent, or one value of at least 1 for each stage. */
  private static boolean onePositivePerStage(List<Integer> values, int stages) {
    return values == null
        || (values.size() == stages && values.stream().allMatch(v -> v != null && v >= 1));
  }

  private static Path unzip(Path zip) throws ModelPackageException {
    try {
      Path dir = Files.createTempDirectory("radassist-model-");
      int entries = 0;
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry e; (e = in.getNextEntry()) != null; entries++) {
          Path target = dir.resolve(e.getName()).normalize();
          if (!target.startsWith(dir)) {
            throw new ModelPackageException(
                "Model package "
                    + zip
                    + " refused: entry "
                    + e.getName()
                    + " would unpack outside the package");
          }
          if (e.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } finally {
        deleteOnExit(dir);
      }
      if (entries == 0) {
        throw new ModelPackageException(
            "Model package " + zip + " is not a readable zip: it holds no entries");
      }
      return packageRoot(dir);
    } catch (IOException e) {
      throw new ModelPackageException(
          "Model package " + zip + " is not a readable zip: " + e.getMessage(), e);
    }
  }

  /**
   * The folder of an unpacked zip that holds the card: its top, or the one folder a zip made by
   * compressing a package folder puts everything in. Archivers' own entries ({@code __MACOSX/}, dot
   * files) are not part of the package.
   */
  private static Path packageRoot(Path dir) throws IOException {
    if (Files.exists(dir.resolve(ModelCard.FILE_NAME))) {
      return dir;
    }
    try (var children = Files.list(dir)) {
      List<Path> folders =
          children
              .filter(c -> !c.getFileName().toString().startsWith("."))
              .filter(c -> !c.getFileName().toString().equals("__MACOSX"))
              .toList();
      return folders.size() == 1 && Files.isDirectory(folders.get(0)) ? folders.get(0) : dir;
    }
  }

  /**
   * Registers the whole unpacked tree for deletion at exit, parents before children: the JVM
   * deletes in reverse order of registration, and a folder only goes once it is empty.
   */
  private static void deleteOnExit(Path dir) throws IOException {
    try (var all = Files.walk(dir)) {
      all.forEach(f -> f.toFile().deleteOnExit());
    }
  }

  /** Lowercase hex sha256 of a file. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  /** The folder the package lives in (the unpacked copy for a zip). */
  public Path root() {
    return root;
  }

  /** What the caller asked to load: the folder or the zip. */
  public Path source() {
    return source;
  }

  public ModelCard card() {
    return card;
  }

  public Path weightsFile() {
    return weightsFile;
  }

  public String sha256() {
    return card.weights().sha256().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return card.id() + " " + card.version() + " (" + source + ")";
  }
}
