package org.radassist.inference.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;

/**
 * The model packages shipped inside this module's jar, and the choice among them for an image. They
 * are unpacked to a folder and loaded by the same {@link ModelPackage} code as any external model
 * (DJL reads weights from files, and the sha256 check then covers them too).
 *
 * <p>Choice, first that applies: the image's Body Part Examined (0018,0015) named in a model's
 * card; a word of its study or series description that a card names (CHEST, WRIST, ...); a label
 * kind the caller asks for; else the chest tumour model, the one the built-in sample study needs.
 * The user may always pick another package; this is only the default.
 */
public final class BuiltInModels {
  public static final String CHEST_TUMOUR = "chest-tumour-camnet";
  public static final String BONE_FRACTURE = "bone-fracture-camnet";
  public static final String PHANTOM_NODULE = DemoModel.PACKAGE_NAME;

  /** The models chosen automatically, in order of preference when nothing else decides. */
  public static final List<String> SELECTABLE = List.of(CHEST_TUMOUR, BONE_FRACTURE);

  static final String RESOURCE_ROOT = "/org/radassist/inference/demo/";
  static final List<String> FILES = List.of(ModelCard.FILE_NAME, "camnet.params");

  private BuiltInModels() {}

  /** Every built-in package id, including the phantom-only model the tests use. */
  public static List<String> ids() {
    return List.of(CHEST_TUMOUR, BONE_FRACTURE, PHANTOM_NODULE);
  }

  /** Copies built-in package {@code id} into {@code parent}/{@code id} and returns that folder. */
  public static Path extractTo(String id, Path parent) {
    Path dir = parent.resolve(id);
    try {
      Files.createDirectories(dir);
      for (String name : FILES) {
        try (InputStream in = resource(id, name)) {
          Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the built-in model " + id + " to " + dir, e);
    }
    return dir;
  }

  /** Loads built-in package {@code id} from a fresh temporary copy removed when the JVM exits. */
  public static ModelPackage load(String id) throws ModelPackageException {
    try {
      Path tmp = Files.createTempDirectory("radassist-model-");
      Path dir = extractTo(id, tmp);
      for (String name : FILES) {
        dir.resolve(name).toFile().deleteOnExit();
      }
      dir.toFile().deleteOnExit();
      tmp.toFile().deleteOnExit();
      return ModelPackage.load(dir);
    } catch (IOException | UncheckedIOException e) {
      throw new ModelPackageException(
          "cannot unpack the built-in model " + id + ": " + e.getMessage(), e);
    }
  }

  /** The card of a built-in package, read without unpacking the weights. */
  public static ModelCard card(String id) {
    try (InputStream in = resource(id, ModelCard.FILE_NAME)) {
      return ModelCard.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the card of built-in model " + id, e);
    }
  }

  /**
   * The id of the built-in model for an image. Any argument may be null or blank: {@code
   * bodyPartExamined} as the DICOM attribute holds it, {@code description} the study or series
   * description, {@code wantedKind} a kind of finding the user asked for.
   */
  public static String select(String bodyPartExamined, String description, LabelKind wantedKind) {
    Optional<String> byPart = covering(bodyPartExamined);
    if (byPart.isPresent()) {
      return byPart.get();
    }
    if (description != null) {
      for (String word : description.toUpperCase(Locale.ROOT).split("[^A-Z]+")) {
        Optional<String> byWord = covering(word);
        if (byWord.isPresent()) {
          return byWord.get();
        }
      }
    }
    if (wantedKind != null) {
      for (String id : SELECTABLE) {
        if (card(id).labels().stream().anyMatch(l -> l.kind() == wantedKind)) {
          return id;
        }
      }
    }
    return CHEST_TUMOUR;
  }

  /** The built-in model whose card names this body part, if any does. */
  public static Optional<String> covering(String bodyPart) {
    if (bodyPart == null || bodyPart.isBlank()) {
      return Optional.empty();
    }
    return SELECTABLE.stream().filter(id -> card(id).coversBodyPart(bodyPart)).findFirst();
  }

  private static InputStream resource(String id, String name) throws IOException {
    InputStream in = BuiltInModels.class.getResourceAsStream(RESOURCE_ROOT + id + "/" + name);
    if (in == null) {
      throw new IOException("built-in model resource " + id + "/" + name + " is missing");
    }
    return in;
  }
}
