package org.radassist.inference.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.AnalyzerOptions;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.demo.DemoModel;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.phantom.Phantom;
import org.radassist.inference.phantom.PhantomImage;

/**
 * Median and 95th-percentile latency per image on the CPU. For each model and input size the
 * package is re-carded at that size (both networks are fully convolutional), opened, warmed, and
 * one 1024x1024 phantom is analysed repeatedly; "inference" is the network alone, "analyze" the
 * whole call (preprocessing, inference, heatmaps, findings). A TorchScript model is also timed in
 * python3-torch on a tensor of the same size with the same thread count.
 *
 * <p>Usage: {@code InferenceBench [--sizes 224,512] [--runs 30] [--threads N (default: as the
 * analyzer)] [--torchscript DIR] [--python /usr/bin/python3]}; {@code --torchscript} is a package
 * folder whose format is torchscript.
 */
public final class InferenceBench {
  private final List<Integer> sizes;
  private final int runs;
  private final int threads;
  private final Optional<Path> torchscript;
  private final Optional<Path> python;

  public InferenceBench(
      List<Integer> sizes,
      int runs,
      int threads,
      Optional<Path> torchscript,
      Optional<Path> python) {
    this.sizes = List.copyOf(sizes);
    this.runs = runs;
    this.threads = threads;
    this.torchscript = torchscript;
    this.python = python;
  }

  /** One measured configuration; times in milliseconds. */
  public record Row(
      String model, String runtime, int size, double medianMs, double p95Ms, String note) {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(224, 512);
    int runs = 30;
    int threads = AnalyzerOptions.defaults().threadsPerWorker();
    Optional<Path> ts = Optional.empty();
    Optional<Path> py = Optional.of(Path.of("/usr/bin/python3")).filter(Files::isExecutable);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" ->
            sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--torchscript" -> ts = Optional.of(Path.of(args[++i]));
        case "--python" -> py = Optional.of(Path.of(args[++i]));
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    List<Row> rows = new InferenceBench(sizes, runs, threads, ts, py).run();
    System.out.println(format(rows));
  }

  public List<Row> run() throws Exception {
    List<Row> rows = new ArrayList<>();
    Path work = Files.createTempDirectory("radassist-bench-");
    PhantomImage image = new Phantom(1024, 1024).render(1, true);
    ModelPackage demo = DemoModel.load();
    for (int size : sizes) {
      rows.addAll(measure(resized(demo, size, work), image, size));
    }
    if (torchscript.isPresent()) {
      ModelPackage ts = ModelPackage.load(torchscript.get());
      for (int size : sizes) {
        rows.addAll(measure(resized(ts, size, work), image, size));
        if (python.isPresent()) {
          rows.add(python(ts, size));
        }
      }
    }
    return rows;
  }

  private List<Row> measure(ModelPackage pkg, PhantomImage image, int size) throws Exception {
    AnalyzerOptions options = new AnalyzerOptions(DeviceChoice.CPU, 1, threads);
    double[] inference = new double[runs];
    double[] total = new double[runs];
    try (Analyzer analyzer = Analyzer.open(pkg, options)) {
      for (int i = 0; i < 3; i++) {
        analyzer.analyze(image.frame(), ModalityLut.identity(), List.of());
      }
      for (int i = 0; i < runs; i++) {
        Prediction p = analyzer.analyze(image.frame(), ModalityLut.identity(), List.of());
        inference[i] = p.timings().inferenceMs();
        total[i] = p.timings().totalMs();
      }
    }
    String id = pkg.card().id();
    return List.of(
        new Row(id, "DJL inference", size, median(inference), p95(inference), ""),
        new Row(id, "DJL analyze", size, median(total), p95(total), "1024x1024 image"));
  }

  /** A copy of the package whose card asks for a {@code size x size} input. */
  private static ModelPackage resized(ModelPackage pkg, int size, Path work) throws Exception {
    ModelCard c = pkg.card();
    ModelCard.Input in = c.input();
    ModelCard.Input sized =
        new ModelCard.Input(
            size,
            size,
            in.channels(),
            in.resize(),
            in.windowing(),
            in.invertMonochrome1(),
            in.scale(),
            in.mean(),
            in.std());
    ModelCard card =
        new ModelCard(
            c.id(),
            c.name(),
            c.version(),
            c.task(),
            c.format(),
            c.weights(),
            c.labels(),
            sized,
            c.outputs(),
            c.intendedUse(),
            c.trainingData(),
            c.metrics(),
            c.licence(),
            c.architecture());
    Path dir = Files.createDirectories(work.resolve(c.id() + "-" + size));
    Path weights = dir.resolve(c.weights().file());
    if (!Files.exists(weights)) {
      Files.createSymbolicLink(weights, pkg.weightsFile());
    }
    card.write(dir.resolve(ModelCard.FILE_NAME));
    return ModelPackage.load(dir);
  }

  private Row python(ModelPackage pkg, int size) throws IOException, InterruptedException {
    String script =
        String.join(
            "\n",
            "import sys, time, statistics, torch",
            "torch.set_num_threads(int(sys.argv[4]))",
            "m = torch.jit.load(sys.argv[1], map_location='cpu').eval()",
            "n, s = int(sys.argv[2]), int(sys.argv[3])",
            "x = torch.rand(1, " + pkg.card().input().channels() + ", s, s)",
            "t = []",
            "with torch.no_grad():",
            "    for i in range(3): m(x)",
            "    for i in range(n):",
            "        a = time.perf_counter(); m(x); t.append((time.perf_counter() - a) * 1000)",
            "t.sort()",
            "print(statistics.median(t), t[min(len(t) - 1, int(0.95 * len(t)))], torch.__version__)");
    Path py = Files.createTempFile("radassist-bench-", ".py");
    Files.writeString(py, script);
    Process p =
        new ProcessBuilder(
                python.get().toString(),
                py.toString(),
                pkg.weightsFile().toString(),
                Integer.toString(runs),
                Integer.toString(size),
                Integer.toString(threads))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    boolean finished = p.waitFor(10, TimeUnit.MINUTES);
    Files.deleteIfExists(py);
    String[] last = out.substring(out.lastIndexOf('\n') + 1).split(" ");
    if (!finished || p.exitValue() != 0 || last.length != 3) {
      return new Row(pkg.card().id(), "python3-torch", size, Double.NaN, Double.NaN, out);
    }
    return new Row(
        pkg.card().id(),
        "python3-torch " + last[2],
        size,
        Double.parseDouble(last[0]),
        Double.parseDouble(last[1]),
        "network only");
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** Nearest-rank 95th percentile. */
  static double p95(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(0.95 * s.length);
    return s[Math.max(0, rank - 1)];
  }

  public static String format(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%-24s %-22s %5s %10s %10s  %s%n",
            "model",
            "runtime",
            "size",
            "median ms",
            "p95 ms",
            "note"));
    for (Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-24s %-22s %5d %10.1f %10.1f  %s%n",
              r.model(),
              r.runtime(),
              r.size(),
              r.medianMs(),
              r.p95Ms(),
              r.note()));
    }
    return b.toString();
  }
}
