package org.radassist.inference.dataset;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.AnalyzerOptions;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.demo.BinaryMetrics;
import org.radassist.inference.demo.DemoModel;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.phantom.Lesion;

/**
 * Scores a nodule model on real chest films of one split: every film is analysed as it is and again
 * with a simulated nodule planted (seeded by the film's hash), so each film is its own control.
 * "Negative" means no simulated nodule; a film's own pathology is not known to the metric.
 *
 * <p>Usage: {@code SimulatedLesionEvaluation RADIOGRAPHS_DIR [MODEL_DIR] [train|validation|test]}
 * (default: the built-in model on the test split).
 */
public final class SimulatedLesionEvaluation {
  private SimulatedLesionEvaluation() {}

  public static void main(String[] args) throws Exception {
    RadiographCorpus corpus = RadiographCorpus.open(Path.of(args[0]));
    ModelPackage pkg = args.length > 1 ? ModelPackage.load(Path.of(args[1])) : DemoModel.load();
    Split split = args.length > 2 ? Split.parse(args[2]) : Split.TEST;
    System.out.println(evaluate(corpus, pkg, split));
  }

  public static Map<String, Object> evaluate(RadiographCorpus corpus, ModelPackage pkg, Split split)
      throws Exception {
    String label = pkg.card().labels().get(0).name();
    BinaryMetrics metrics = new BinaryMetrics(pkg.card().labels().get(0).threshold());
    List<CorpusImage> images = corpus.select("chest", split);
    try (Analyzer analyzer = Analyzer.open(pkg, AnalyzerOptions.defaults(DeviceChoice.CPU))) {
      for (CorpusImage image : images) {
        Frame clean = RadiographCorpus.read(image.file());
        Prediction negative = analyzer.analyze(clean, ModalityLut.identity(), List.of());
        metrics.add(probability(negative, label), false, false, negative.findings(label).size());
        LesionSimulator.Result planted =
            LesionSimulator.plant(clean, Long.parseLong(image.sha256().substring(0, 12), 16));
        Prediction positive = analyzer.analyze(planted.frame(), ModalityLut.identity(), List.of());
        metrics.add(
            probability(positive, label),
            true,
            holds(positive.findings(label), planted.lesion()),
            0);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", pkg.card().id() + " " + pkg.card().version());
    out.put("split", split.name().toLowerCase(Locale.ROOT));
    out.put("films", images.size());
    out.putAll(metrics.toMap());
    return out;
  }

  private static double probability(Prediction p, String label) {
    return p.label(label).orElseThrow().probability();
  }

  private static boolean holds(List<Finding> findings, Lesion l) {
    return findings.stream().anyMatch(f -> f.box().contains(l.centerX(), l.centerY()));
  }
}
