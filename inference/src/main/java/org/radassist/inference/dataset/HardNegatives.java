package org.radassist.inference.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.demo.CropTraining;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hard negative mining: the places on clean training films where the model being trained fires
 * most. A film is scored by its highest heatmap value, so one bright rib crossing or breast shadow
 * anywhere costs a clean film its specificity and a planted film its pointing game; random negative
 * crops rarely land on such a spot, so from a set epoch on, every few epochs, the current
 * parameters are run over the training films and part of the negative crops are centred on their
 * strongest peaks. The spots are saved with the checkpoint, so a resumed run uses the same ones.
 */
final class HardNegatives implements CropTraining.EpochStart {
  private static final Logger LOG = LoggerFactory.getLogger(HardNegatives.class);
  private static final String FILE = "hard-negatives.tsv";

  private final Recipe.Mining mining;
  private final ModelCard card;
  private final List<FilmCache.Film> films;
  private final Path checkpoints;
  private volatile Map<Integer, List<double[]>> spots = Map.of();

  HardNegatives(
      Recipe.Mining mining, ModelCard card, List<FilmCache.Film> films, Path checkpoints) {
    this.mining = mining;
    this.card = card;
    this.films = films;
    this.checkpoints = checkpoints;
  }

  @Override
  public void before(int epoch, Optional<Path> parameters) throws IOException {
    if (epoch < mining.firstEpoch() || parameters.isEmpty()) {
      return;
    }
    if ((epoch - mining.firstEpoch()) % mining.everyEpochs() == 0) {
      spots = mine(parameters.get());
      save(epoch);
      LOG.info("epoch {}: mined hard negatives on {} films", epoch, spots.size());
    } else if (spots.isEmpty()) {
      spots = load();
    }
  }

  /**
   * Where to centre a negative crop of film {@code film}: one of its mined spots for the recipe's
   * share of crops once spots exist, else wherever the recipe would put it.
   */
  Optional<double[]> focus(int film, SplittableRandom r, Recipe recipe) {
    List<double[]> mined = spots.get(film);
    if (mined != null && r.nextDouble() < mining.share()) {
      return Optional.of(mined.get(r.nextInt(mined.size())));
    }
    return recipe.negativeFocus(films.get(film).frame(), r);
  }

  private Map<Integer, List<double[]>> mine(Path parameters) throws IOException {
    Path pkg = Files.createDirectories(checkpoints.resolve("mining"));
    Path weights = pkg.resolve(LesionModelTrainer.WEIGHTS_FILE);
    Files.copy(parameters, weights, StandardCopyOption.REPLACE_EXISTING);
    card.withWeights(
            new ModelCard.Weights(weights.getFileName().toString(), ModelPackage.sha256(weights)))
        .write(pkg.resolve(ModelCard.FILE_NAME));
    String label = card.labels().get(0).name();
    Map<Integer, List<double[]>> found = new HashMap<>();
    try (Analyzer analyzer = LesionModelTrainer.open(pkg)) {
      for (int i = 0; i < films.size(); i++) {
        FilmCache.Film film = films.get(i);
        Prediction p = analyzer.analyze(film.frame(), ModalityLut.identity(), List.of());
        double separation = 4 * HeldOutEvaluation.halfCell(card, film.frame());
        found.put(i, peaks(p.heatmap(label).orElseThrow(), mining.spotsPerFilm(), separation));
      }
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("mining hard negatives failed: " + e.getMessage(), e);
    }
    return found;
  }

  /** The {@code count} highest values of the map, each at least {@code separation} apart. */
  static List<double[]> peaks(Heatmap map, int count, double separation) {
    float[] v = map.values();
    int w = map.width();
    List<double[]> out = new ArrayList<>();
    boolean[] taken = new boolean[v.length];
    double s2 = separation * separation;
    while (out.size() < count) {
      int best = -1;
      for (int i = 0; i < v.length; i++) {
        if (!taken[i] && (best < 0 || v[i] > v[best])) {
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      double bx = best % w + 0.5;
      double by = best / w + 0.5;
      out.add(new double[] {bx, by});
      for (int i = 0; i < v.length; i++) {
        double dx = i % w + 0.5 - bx;
        double dy = i / w + 0.5 - by;
        if (dx * dx + dy * dy < s2) {
          taken[i] = true;
        }
      }
    }
    return out;
  }

  private void save(int epoch) throws IOException {
    StringBuilder b = new StringBuilder("# mined before epoch ").append(epoch).append('\n');
    spots.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              for (double[] p : e.getValue()) {
                b.append(e.getKey()).append('\t').append(p[0]).append('\t').append(p[1]);
                b.append('\n');
              }
            });
    Path tmp = checkpoints.resolve(FILE + ".tmp");
    Files.writeString(tmp, b, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        checkpoints.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private Map<Integer, List<double[]>> load() throws IOException {
    Path file = checkpoints.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    Map<Integer, List<double[]>> loaded = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      loaded
          .computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>())
          .add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
    }
    return loaded;
  }
}
