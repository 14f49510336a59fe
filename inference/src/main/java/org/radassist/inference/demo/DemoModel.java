package org.radassist.inference.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;

/** Access to the model package shipped inside this module's jar. */
public final class DemoModel {
  /** Folder name of the package, also its resource folder. */
  public static final String PACKAGE_NAME = "phantom-nodule-camnet";

  static final String RESOURCE_DIR = "/org/radassist/inference/demo/" + PACKAGE_NAME + "/";
  static final String WEIGHTS_FILE = "camnet.params";
  static final List<String> FILES = List.of("model-card.json", WEIGHTS_FILE);

  private DemoModel() {}

  /**
   * Copies the built-in package into {@code parent}/{@value #PACKAGE_NAME} (DJL reads weights from
   * files, not from inside a jar) and returns that folder.
   */
  public static Path extractTo(Path parent) {
    Path dir = parent.resolve(PACKAGE_NAME);
    try {
      Files.createDirectories(dir);
      for (String name : FILES) {
        try (InputStream in = DemoModel.class.getResourceAsStream(RESOURCE_DIR + name)) {
          if (in == null) {
            throw new IllegalStateException("built-in model resource " + name + " is missing");
          }
          Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the built-in model to " + dir, e);
    }
    return dir;
  }

  /** Loads the built-in package from a fresh temporary copy. */
  public static ModelPackage load() throws ModelPackageException {
    try {
      Path tmp = Files.createTempDirectory("radassist-demo-model-");
      Path dir = extractTo(tmp);
      for (String name : FILES) {
        dir.resolve(name).toFile().deleteOnExit();
      }
      dir.toFile().deleteOnExit();
      tmp.toFile().deleteOnExit();
      return ModelPackage.load(dir);
    } catch (IOException e) {
      throw new ModelPackageException("cannot unpack the built-in model: " + e.getMessage(), e);
    }
  }
}
