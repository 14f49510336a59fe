package org.radassist.inference.demo;

import java.nio.file.Path;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;

/**
 * The phantom-trained nodule package shipped inside this module's jar: small, needs no shared data,
 * and finds the nodule of rendered phantoms, so pipeline tests use it. Real images get the models
 * {@link BuiltInModels#select} chooses.
 */
public final class DemoModel {
  /** Folder name of the package, also its resource folder. */
  public static final String PACKAGE_NAME = "phantom-nodule-camnet";

  static final String WEIGHTS_FILE = "camnet.params";

  private DemoModel() {}

  /** Copies the package into {@code parent}/{@value #PACKAGE_NAME} and returns that folder. */
  public static Path extractTo(Path parent) {
    return BuiltInModels.extractTo(PACKAGE_NAME, parent);
  }

  /** Loads the package from a fresh temporary copy. */
  public static ModelPackage load() throws ModelPackageException {
    return BuiltInModels.load(PACKAGE_NAME);
  }
}
