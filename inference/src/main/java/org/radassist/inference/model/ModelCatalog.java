package org.radassist.inference.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The service behind {@code radassist models list}: the packages found in a models folder, each
 * either loaded (card complete, sha256 right) or with the reason it was refused. Listing checks
 * cards and hashes only; {@code models verify} additionally needs a test run, which {@link
 * org.radassist.inference.analysis.ModelVerifier} does.
 */
public final class ModelCatalog {
  private ModelCatalog() {}

  /** One package found on disk. */
  public record Entry(Path source, Optional<ModelPackage> pkg, Optional<String> problem) {
    public boolean usable() {
      return pkg.isPresent();
    }

    public static Entry of(Path source) {
      try {
        return new Entry(source, Optional.of(ModelPackage.load(source)), Optional.empty());
      } catch (ModelPackageException e) {
        return new Entry(source, Optional.empty(), Optional.of(e.getMessage()));
      }
    }
  }

  /**
   * Every package directly inside {@code folder}: sub-folders holding a {@code model-card.json} and
   * {@code .zip} files, sorted by name. A folder that is itself a package is listed alone.
   */
  public static List<Entry> list(Path folder) throws IOException {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return entries;
    }
    if (Files.isRegularFile(folder.resolve(ModelCard.FILE_NAME))) {
      entries.add(Entry.of(folder));
      return entries;
    }
    try (Stream<Path> children = Files.list(folder)) {
      for (Path p : children.sorted().toList()) {
        boolean packageFolder =
            Files.isDirectory(p) && Files.isRegularFile(p.resolve(ModelCard.FILE_NAME));
        boolean zip =
            Files.isRegularFile(p)
                && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
        if (packageFolder || zip) {
          entries.add(Entry.of(p));
        }
      }
    }
    return entries;
  }
}
