package org.radassist.inference.dataset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.demo.BinaryMetrics;
import org.radassist.inference.demo.CropTraining;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.phantom.Lesion;
import org.radassist.inference.phantom.Phantom;
import org.radassist.inference.phantom.PhantomImage;
import org.radassist.inference.preprocess.ImageMapping;

/**
 * Scores a model through the same analysis path the workstation uses, on films it never trained on.
 * Each film is analysed as it is (a negative: no simulated lesion; its own pathology is not known
 * to this metric) and with simulated lesions planted from seeds derived from its hash.
 *
 * <ul>
 *   <li>{@code auroc}: planted versus clean films, by the label's probability;
 *   <li>{@code pointingGame}: share of planted films whose heatmap peak lies in the lesion, grown
 *       by half a map cell (the heatmap cannot place its peak more finely); {@code
 *       pointingGameStrict} without that margin;
 *   <li>{@code boxIou30}: share of planted films with a finding whose box overlaps the lesion's box
 *       with IoU at least 0.3;
 *   <li>{@code falseFindingsPerCleanFilm}: findings on the clean films at the operating threshold;
 *   <li>{@code aurocCi95}, {@code pointingGameCi95}: 95 % intervals of the two over films drawn
 *       again with replacement ({@link FilmBootstrap}).
 * </ul>
 */
public final class HeldOutEvaluation {
  private HeldOutEvaluation() {}

  /** The seed of the {@code k}-th lesion planted into a film, from its hash alone. */
  static long plantSeed(CorpusImage image, int k) {
    return Long.parseLong(image.sha256().substring(0, 12), 16) * 31 + k;
  }

  /** Each film clean and with the lesions of plant seeds {@code 0 .. plantsPerFilm - 1}. */
  public static Map<String, Object> simulated(
      Analyzer analyzer, Recipe recipe, List<FilmCache.Film> films, int plantsPerFilm) {
    return simulated(analyzer, recipe, films, 0, plantsPerFilm);
  }

  /**
   * Each film clean and with the lesions of plant seeds {@code firstPlant ..}: past the ones the
   * card's figures use, a sample of lesions that no choice among models has seen, on films whose
   * first lesions a choice may have favoured.
   */
  public static Map<String, Object> simulated(
      Analyzer analyzer,
      Recipe recipe,
      List<FilmCache.Film> films,
      int firstPlant,
      int plantsPerFilm) {
    return simulated(analyzer, recipe, films, firstPlant, plantsPerFilm, image -> {});
  }

  /**
   * As above, and hands each analysed image to {@code images}: its film, plant seed (-1 when
   * clean), probability, whether the heatmap pointed at the lesion, and the lesion's traits, the
   * rows from which to tell which kinds of lesion a model misses.
   */
  public static Map<String, Object> simulated(
      Analyzer analyzer,
      Recipe recipe,
      List<FilmCache.Film> films,
      int firstPlant,
      int plantsPerFilm,
      Consumer<Map<String, Object>> images) {
    ModelCard card = analyzer.card();
    ModelCard.Label label = card.labels().get(0);
    BinaryMetrics auc = new BinaryMetrics(label.threshold());
    int pointed = 0;
    int pointedStrict = 0;
    int boxHits = 0;
    int detected = 0;
    int cleanFindings = 0;
    int cleanFlagged = 0;
    int planted = 0;
    FilmBootstrap bootstrap = new FilmBootstrap();
    for (FilmCache.Film film : films) {
      Prediction clean = analyze(analyzer, film.frame());
      double p = probability(clean, label.name());
      auc.add(p, false, false, 0);
      int n = clean.findings(label.name()).size();
      cleanFindings += n;
      cleanFlagged += n > 0 ? 1 : 0;
      images.accept(imageRow(film, -1, p, false, Map.of()));
      double[] filmPlanted = new double[plantsPerFilm];
      boolean[] filmPointed = new boolean[plantsPerFilm];
      for (int k = firstPlant; k < firstPlant + plantsPerFilm; k++) {
        PlantedFilm pf =
            recipe.plant(film.frame(), new SplittableRandom(plantSeed(film.image(), k)));
        Prediction pred = analyze(analyzer, pf.frame());
        double q = probability(pred, label.name());
        auc.add(q, true, false, 0);
        planted++;
        detected += q >= label.threshold() ? 1 : 0;
        Heatmap map = pred.heatmap(label.name()).orElseThrow();
        int peak = argmax(map.values());
        double px = peak % map.width() + 0.5;
        double py = peak / map.width() + 0.5;
        double d = pf.lesion().distance(px, py);
        pointedStrict += d == 0 ? 1 : 0;
        pointed += d <= halfCell(card, pf.frame()) ? 1 : 0;
        boolean overlap = false;
        for (Finding f : pred.findings(label.name())) {
          overlap |= pf.lesion().iou(f.box()) >= 0.3;
        }
        boxHits += overlap ? 1 : 0;
        filmPlanted[k - firstPlant] = q;
        filmPointed[k - firstPlant] = d <= halfCell(card, pf.frame());
        images.accept(imageRow(film, k, q, filmPointed[k - firstPlant], pf.traits()));
      }
      bootstrap.add(p, filmPlanted, filmPointed);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("films", films.size());
    m.put("plantedImages", planted);
    m.put("auroc", round(auc.auc()));
    m.put("aurocCi95", rounded(bootstrap.auroc()));
    m.put("threshold", label.threshold());
    m.put("sensitivity", round((double) detected / planted));
    m.put("pointingGame", round((double) pointed / planted));
    m.put("pointingGameCi95", rounded(bootstrap.pointingGame()));
    m.put("bootstrapDrawsOfFilms", FilmBootstrap.DRAWS);
    m.put("pointingGameStrict", round((double) pointedStrict / planted));
    m.put("boxIou30", round((double) boxHits / planted));
    m.put("falseFindingsPerCleanFilm", round((double) cleanFindings / films.size()));
    m.put("cleanFilmsWithFinding", round((double) cleanFlagged / films.size()));
    return m;
  }

  private static Map<String, Object> imageRow(
      FilmCache.Film film, int plant, double p, boolean pointed, Map<String, Double> traits) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("film", film.image().file().getFileName().toString());
    row.put("plant", plant);
    row.put("probability", round(p));
    row.put("pointed", pointed);
    new TreeMap<>(traits).forEach((k, v) -> row.put(k, round(v)));
    return row;
  }

  /**
   * Real films as they are, scored against the corpus's own image labels: AUROC of the label's
   * probability for {@code positiveLabel} against {@code negativeLabel} films.
   */
  public static Map<String, Object> realLabels(
      Analyzer analyzer, List<FilmCache.Film> films, String positiveLabel, String negativeLabel) {
    ModelCard.Label label = analyzer.card().labels().get(0);
    BinaryMetrics auc = new BinaryMetrics(label.threshold());
    int pos = 0;
    int neg = 0;
    int negFindings = 0;
    for (FilmCache.Film film : films) {
      String truth = film.image().label();
      if (!truth.equals(positiveLabel) && !truth.equals(negativeLabel)) {
        continue;
      }
      Prediction pred = analyze(analyzer, film.frame());
      boolean positive = truth.equals(positiveLabel);
      auc.add(probability(pred, label.name()), positive, false, 0);
      if (positive) {
        pos++;
      } else {
        neg++;
        negFindings += pred.findings(label.name()).size();
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("films", pos + neg);
    m.put(positiveLabel, pos);
    m.put(negativeLabel, neg);
    m.put("auroc", round(auc.auc()));
    Map<String, Object> at = auc.toMap();
    m.put("sensitivity", at.get("sensitivity"));
    m.put("specificity", at.get("specificity"));
    m.put("findingsPer" + capital(negativeLabel) + "Film", round((double) negFindings / neg));
    return m;
  }

  /** Rendered phantoms (half with a nodule), the kind of image the built-in sample study shows. */
  public static Map<String, Object> phantoms(Analyzer analyzer, int count, int size, long seed) {
    ModelCard card = analyzer.card();
    ModelCard.Label label = card.labels().get(0);
    BinaryMetrics auc = new BinaryMetrics(label.threshold());
    int pointed = 0;
    int lesions = 0;
    int cleanFindings = 0;
    for (int i = 0; i < count; i++) {
      PhantomImage img = new Phantom(size, size).render(seed + i, i % 2 == 1);
      Prediction pred = analyze(analyzer, img.frame());
      auc.add(probability(pred, label.name()), img.lesion().isPresent(), false, 0);
      if (img.lesion().isPresent()) {
        lesions++;
        pointed += pointsAt(card, pred, label.name(), img.frame(), img.lesion().get()) ? 1 : 0;
      } else {
        cleanFindings += pred.findings(label.name()).size();
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("images", count);
    m.put("size", size);
    m.put("auroc", round(auc.auc()));
    m.put("sensitivity", auc.toMap().get("sensitivity"));
    m.put("pointingGame", round((double) pointed / lesions));
    m.put("falseFindingsPerCleanImage", round((double) cleanFindings / (count - lesions)));
    return m;
  }

  /** One phantom image: its probability and whether the heatmap peak is on its lesion. */
  public static Map<String, Object> phantom(Analyzer analyzer, PhantomImage img) {
    ModelCard.Label label = analyzer.card().labels().get(0);
    Prediction pred = analyze(analyzer, img.frame());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("probability", round(probability(pred, label.name())));
    m.put("findings", pred.findings(label.name()).size());
    img.lesion()
        .ifPresent(
            l ->
                m.put(
                    "peakOnNodule", pointsAt(analyzer.card(), pred, label.name(), img.frame(), l)));
    return m;
  }

  private static boolean pointsAt(
      ModelCard card, Prediction pred, String label, Frame frame, Lesion l) {
    Heatmap map = pred.heatmap(label).orElseThrow();
    int peak = argmax(map.values());
    PlantedLesion lesion = PlantedLesion.round("nodule", l.centerX(), l.centerY(), l.radius());
    return lesion.distance(peak % map.width() + 0.5, peak / map.width() + 0.5)
        <= halfCell(card, frame);
  }

  /**
   * The lowest threshold at which clean films get at most {@code maxPerFilm} findings on average,
   * counted the way the analyzer finds them (connected heatmap regions at or above the threshold,
   * at least one when the label's probability reaches it).
   */
  public static double chooseThreshold(
      Analyzer analyzer, List<FilmCache.Film> cleanFilms, double maxPerFilm) {
    String label = analyzer.card().labels().get(0).name();
    List<Heatmap> maps = new ArrayList<>();
    List<Double> probabilities = new ArrayList<>();
    for (FilmCache.Film film : cleanFilms) {
      Prediction pred = analyze(analyzer, film.frame());
      maps.add(pred.heatmap(label).orElseThrow());
      probabilities.add(probability(pred, label));
    }
    for (int step = 30; step < 99; step++) {
      double t = step / 100.0;
      int findings = 0;
      for (int i = 0; i < maps.size(); i++) {
        if (probabilities.get(i) >= t) {
          findings += Math.max(1, regions(maps.get(i), t));
        }
      }
      if (findings <= maxPerFilm * maps.size()) {
        return t;
      }
    }
    return 0.99;
  }

  private static int regions(Heatmap map, double t) {
    int w = map.width();
    int h = map.height();
    float[] v = map.values();
    boolean[] seen = new boolean[v.length];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int count = 0;
    for (int s = 0; s < v.length; s++) {
      if (seen[s] || v[s] < t) {
        continue;
      }
      count++;
      seen[s] = true;
      queue.add(s);
      while (!queue.isEmpty()) {
        int p = queue.poll();
        int x = p % w;
        int y = p / w;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
              continue;
            }
            int q = ny * w + nx;
            if (!seen[q] && v[q] >= t) {
              seen[q] = true;
              queue.add(q);
            }
          }
        }
      }
    }
    return count;
  }

  /** Half a map cell in image pixels for a frame of this size. */
  static double halfCell(ModelCard card, Frame frame) {
    ModelCard.Input in = card.input();
    ImageMapping m =
        ImageMapping.of(in.resize(), frame.columns(), frame.rows(), in.width(), in.height());
    return 0.5 * CropTraining.stride(card) / m.scaleX();
  }

  private static Prediction analyze(Analyzer analyzer, Frame frame) {
    return analyzer.analyze(frame, ModalityLut.identity(), List.of());
  }

  private static double probability(Prediction p, String label) {
    return p.label(label).orElseThrow().probability();
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static List<Double> rounded(double[] interval) {
    return List.of(round(interval[0]), round(interval[1]));
  }

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
