package org.radassist.inference.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.DxImageBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.inference.analysis.AnalysisInput;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.AnalyzerOptions;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.demo.BuiltInModels;
import org.radassist.inference.demo.DemoModel;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.phantom.Phantom;
import org.radassist.inference.phantom.PhantomImage;

/**
 * Median and 95th-percentile latency per image on the CPU, per model and input size (each package
 * is re-carded at that size; both networks are fully convolutional). It times the network alone
 * ("network": tensor in, outputs out, runs back to back on one tensor, the way python3-torch is
 * timed beside it) and, for every radiograph, the whole {@code analyze --out} path ("end-to-end":
 * read and decode the DICOM file, preprocess, infer, heatmaps and findings, 8-bit heatmap PNG per
 * label written to disk), and their ratio. Inside that path the inference stage runs after decoding
 * has filled the caches with pixels and with the JIT compiler still at work on two cores, so its
 * median among the stage medians is the larger figure, and the network alone the fair one beside
 * python's loop. Then the time per radiograph of a batch of the same film run as {@code analyze}
 * runs a folder, with as many images in flight as it keeps ({@link
 * AnalyzerOptions#imagesInFlight()}), wall time over images: the figure a reader waiting for a
 * folder sees. Every network also runs in python3-torch (see {@link PythonTorch}: a TorchScript
 * file as it is, one of our own as the TorchScript programs DJL runs for it), in one long-lived
 * process with the same thread count, on a tensor of the same size; its runs are interleaved with
 * DJL's, a few at a time, so that load from other processes falls on both alike, in rounds apart
 * from the end-to-end runs. DJL also runs the file python ran ("same file"), which compares the two
 * engines on one program.
 *
 * <p>Usage: {@code InferenceBench [--sizes 224,512] [--runs 30] [--threads N (default: as the
 * analyzer)] [--image FILE.dcm]... [--torchscript DIR] [--python /usr/bin/python3]
 * [--no-built-ins]}. Without {@code --image} the radiograph is a 2048x2048 phantom written as a DX
 * file (the workstation's built-in sample is rendered the same way); {@code --torchscript} is a
 * package folder whose format is torchscript. The shipped chest and fracture models are also timed
 * at their own input sizes, the analysis a radiograph really gets (unless {@code --no-built-ins}).
 */
public final class InferenceBench {
  private static final int WARM_UP = 3;
  private static final String PYTHONS_FILE = "python-scripted.pt";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Integer> sizes;
  private final int runs;
  private final int threads;
  private final List<Path> images;
  private final Optional<Path> torchscript;
  private final Optional<Path> python;
  private final boolean builtIns;

  public InferenceBench(
      List<Integer> sizes,
      int runs,
      int threads,
      List<Path> images,
      Optional<Path> torchscript,
      Optional<Path> python,
      boolean builtIns) {
    this.sizes = List.copyOf(sizes);
    this.runs = runs;
    this.threads = threads;
    this.images = List.copyOf(images);
    this.torchscript = torchscript;
    this.python = python;
    this.builtIns = builtIns;
  }

  /** One side's network runs of a round, filed into its figures. */
  private interface NetworkTiming {
    void run() throws IOException;
  }

  /** Latency of one stage: median and 95th percentile in milliseconds. */
  public record Latency(double medianMs, double p95Ms) {
    static Latency of(double[] v) {
      return new Latency(median(v), p95(v));
    }
  }

  /**
   * One model at one size on one image. {@code python} is empty where no python reference ran;
   * {@code pythonsFileInDjl} is DJL running the TorchScript file python ran, for our own networks;
   * {@code stages} are the medians of decode, preprocess, inference, heatmap and PNG; {@code
   * batchMs} is the wall time per radiograph of a batch.
   */
  public record Row(
      String model,
      int size,
      String image,
      Latency network,
      Latency endToEnd,
      Optional<Latency> python,
      String pythonVersion,
      Optional<Latency> pythonsFileInDjl,
      double[] stages,
      double batchMs) {
    public double ratio() {
      return endToEnd.medianMs() / network.medianMs();
    }

    public double batchRatio() {
      return batchMs / network.medianMs();
    }
  }

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(224, 512);
    int runs = 30;
    int threads = AnalyzerOptions.defaults().threadsPerWorker();
    List<Path> images = new ArrayList<>();
    Optional<Path> ts = Optional.empty();
    Optional<Path> py = Optional.of(Path.of("/usr/bin/python3")).filter(Files::isExecutable);
    boolean builtIns = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" ->
            sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--image" -> images.add(Path.of(args[++i]));
        case "--torchscript" -> ts = Optional.of(Path.of(args[++i]));
        case "--python" -> py = Optional.of(Path.of(args[++i]));
        case "--no-built-ins" -> builtIns = false;
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    List<Row> rows = new InferenceBench(sizes, runs, threads, images, ts, py, builtIns).run();
    System.out.println(format(rows, threads));
  }

  public List<Row> run() throws Exception {
    Path work = Files.createTempDirectory("radassist-bench-");
    List<Path> inputs = new ArrayList<>();
    inputs.add(phantomFile(work));
    inputs.addAll(images);
    List<Row> rows = new ArrayList<>();
    rows.addAll(measure(DemoModel.load(), sizes, inputs, work));
    if (builtIns) {
      // What `analyze` really runs on a radiograph: each shipped model at its own input size.
      for (String id : BuiltInModels.SELECTABLE) {
        ModelPackage pkg = BuiltInModels.load(id);
        rows.addAll(measure(pkg, List.of(pkg.card().input().width()), inputs, work));
      }
    }
    if (torchscript.isPresent()) {
      rows.addAll(measure(ModelPackage.load(torchscript.get()), sizes, inputs, work));
    }
    return rows;
  }

  /** One package at each size, beside its network in python3-torch when there is a python. */
  private List<Row> measure(ModelPackage pkg, List<Integer> at, List<Path> inputs, Path work)
      throws Exception {
    List<Row> rows = new ArrayList<>();
    try (PythonTorch ref = reference(pkg)) {
      ModelPackage pythons = pythonsFile(pkg, ref, work);
      for (int size : at) {
        ModelCard.Input input = pkg.card().input();
        boolean own = input.width() == size && input.height() == size;
        ModelPackage sized = own ? pkg : resized(pkg, size, work);
        ModelPackage sizedPythons = pythons == null || own ? pythons : resized(pythons, size, work);
        rows.addAll(measure(sized, inputs, size, ref, sizedPythons, work));
      }
    }
    return rows;
  }

  /**
   * One of our own networks as the TorchScript file python3-torch scripted and runs, packaged for
   * DJL with the same card: DJL and python then run the very same file, so the two engines are
   * compared apart from the way our analyzer runs the network. Null for a TorchScript package (DJL
   * already runs python's file) or without a python reference.
   */
  private static ModelPackage pythonsFile(ModelPackage pkg, PythonTorch ref, Path work)
      throws Exception {
    if (ref == null || ModelCard.FORMAT_TORCHSCRIPT.equals(pkg.card().format())) {
      return null;
    }
    ModelCard c = pkg.card();
    Path dir = Files.createDirectories(work.resolve(c.id() + "-python"));
    Path file = dir.resolve(PYTHONS_FILE);
    ref.save(file);
    ObjectNode card = JSON.valueToTree(c);
    card.put("id", c.id() + "-python");
    card.put("format", ModelCard.FORMAT_TORCHSCRIPT);
    card.remove("architecture");
    card.set(
        "weights",
        JSON.valueToTree(new ModelCard.Weights(PYTHONS_FILE, ModelPackage.sha256(file))));
    JSON.writeValue(dir.resolve(ModelCard.FILE_NAME).toFile(), card);
    return ModelPackage.load(dir);
  }

  /**
   * The package's network in python3-torch, or null where there is no python or it cannot run the
   * network (a python without torch): the DJL figures are still worth having, so the bench says why
   * once and goes on without the reference.
   */
  private PythonTorch reference(ModelPackage pkg) {
    if (python.isEmpty()) {
      return null;
    }
    try {
      return PythonTorch.start(python.get(), pkg, threads, options().memberLanes());
    } catch (IOException e) {
      System.err.println("no python3-torch figure for " + pkg.card().id() + ": " + e.getMessage());
      return null;
    }
  }

  private AnalyzerOptions options() {
    return new AnalyzerOptions(DeviceChoice.CPU, 1, threads);
  }

  private List<Row> measure(
      ModelPackage pkg,
      List<Path> inputs,
      int size,
      PythonTorch ref,
      ModelPackage pythons,
      Path work)
      throws Exception {
    AnalyzerOptions options = options();
    int n = inputs.size();
    double[] networkMs = new double[runs * n];
    double[][] total = new double[n][runs];
    double[][][] stages = new double[n][5][runs];
    double[] pythonMs = new double[runs * n];
    double[] sameFileMs = new double[runs * n];
    double[] batch = new double[n];
    try (Analyzer analyzer = Analyzer.open(pkg, options);
        Analyzer sameFile = pythons == null ? null : Analyzer.open(pythons, options)) {
      if (ref != null) {
        ref.time(size, WARM_UP);
      }
      if (sameFile != null) {
        sameFile.networkLatencies(WARM_UP);
      }
      for (int i = 0; i < WARM_UP; i++) {
        for (Path input : inputs) {
          endToEnd(analyzer, input, work);
        }
      }
      analyzer.networkLatencies(WARM_UP);
      for (int r = 0; r < runs; r++) {
        for (int k = 0; k < n; k++) {
          double[] t = endToEnd(analyzer, inputs.get(k), work);
          total[k][r] = t[5];
          for (int s = 0; s < 5; s++) {
            stages[k][s][r] = t[s];
          }
        }
      }
      // The networks alone in rounds of their own: run between end-to-end runs, DJL's paid for
      // their garbage and compiling (0.2-0.4 ms on the 224 px sample network) and python's did
      // not. Each side's first run after the other's work finds its caches taken: dropped on all.
      // The order turns each round, so that load from other processes falls on all sides alike.
      for (int r = 0; r < runs; r++) {
        int round = r;
        List<NetworkTiming> sides = new ArrayList<>();
        sides.add(
            () -> System.arraycopy(analyzer.networkLatencies(n + 1), 1, networkMs, round * n, n));
        if (ref != null) {
          sides.add(() -> System.arraycopy(ref.time(size, n + 1), 1, pythonMs, round * n, n));
        }
        if (sameFile != null) {
          sides.add(
              () ->
                  System.arraycopy(sameFile.networkLatencies(n + 1), 1, sameFileMs, round * n, n));
        }
        Collections.rotate(sides, r);
        for (NetworkTiming side : sides) {
          side.run();
        }
      }
      for (int k = 0; k < n; k++) {
        batch[k] = batchPerImage(analyzer, inputs.get(k), work, options.imagesInFlight());
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      double[] medians = new double[5];
      for (int s = 0; s < 5; s++) {
        medians[s] = median(stages[k][s]);
      }
      rows.add(
          new Row(
              pkg.card().id(),
              size,
              describe(inputs.get(k)),
              Latency.of(networkMs),
              Latency.of(total[k]),
              Optional.ofNullable(ref).map(p -> Latency.of(pythonMs)),
              ref == null ? "" : ref.version(),
              Optional.ofNullable(pythons).map(p -> Latency.of(sameFileMs)),
              medians,
              batch[k]));
    }
    return rows;
  }

  /**
   * One image the way {@code analyze --out} handles it; milliseconds of decode, preprocess,
   * inference, heatmap, PNG, and their total.
   */
  private static double[] endToEnd(Analyzer analyzer, Path input, Path work) throws Exception {
    long t0 = System.nanoTime();
    DicomImage image = DicomImage.read(input);
    AnalysisInput in = AnalysisInput.of(image, 0);
    long t1 = System.nanoTime();
    Prediction p = analyzer.analyze(in);
    long t2 = System.nanoTime();
    for (Heatmap h : p.heatmaps()) {
      Files.write(work.resolve("heatmap-" + h.label() + ".png"), h.toPng());
    }
    long t3 = System.nanoTime();
    return new double[] {
      ms(t1 - t0),
      p.timings().preprocessMs(),
      p.timings().inferenceMs(),
      p.timings().heatmapMs(),
      ms(t3 - t2),
      ms(t3 - t0)
    };
  }

  /**
   * Milliseconds per radiograph when {@link #runs} copies of {@code input} go through {@link
   * #endToEnd} {@code inFlight} at a time, after one round to warm the threads.
   */
  private double batchPerImage(Analyzer analyzer, Path input, Path work, int inFlight)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    try {
      List<Callable<double[]>> warm = new ArrayList<>();
      List<Callable<double[]>> jobs = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        // Each image its own folder, as each SOP instance has its own files in analyze's output.
        Path out = Files.createDirectories(work.resolve("batch-" + r));
        Callable<double[]> job = () -> endToEnd(analyzer, input, out);
        jobs.add(job);
        if (r < inFlight) {
          warm.add(job);
        }
      }
      for (Future<double[]> f : pool.invokeAll(warm)) {
        f.get();
      }
      long t0 = System.nanoTime();
      for (Future<double[]> f : pool.invokeAll(jobs)) {
        f.get();
      }
      return ms(System.nanoTime() - t0) / runs;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String describe(Path input) {
    try {
      DicomImage image = DicomImage.read(input);
      return input.getFileName()
          + " ("
          + image.modality()
          + " "
          + image.columns()
          + "x"
          + image.rows()
          + ")";
    } catch (Exception e) {
      return input.getFileName().toString();
    }
  }

  /** A 2048x2048 phantom chest radiograph with a nodule, as a DX file. */
  private static Path phantomFile(Path work) throws Exception {
    PhantomImage phantom = new Phantom(2048, 2048).render(20261121L, true);
    Frame frame = phantom.frame();
    Path file = work.resolve("phantom-2048.dcm");
    DicomWriter.write(
        file,
        DxImageBuilder.create()
            .instance(Uids.generate(), 1)
            .pixels(frame.rows(), frame.columns(), frame.bitsStored(), frame.samples())
            .window(phantom.suggestedWindow().center(), phantom.suggestedWindow().width(), "")
            .build());
    return file;
  }

  /** A copy of the package whose card asks for a {@code size x size} input. */
  private static ModelPackage resized(ModelPackage pkg, int size, Path work) throws Exception {
    ModelCard c = pkg.card();
    ModelCard card = c.withInputSize(size, size);
    Path dir = Files.createDirectories(work.resolve(c.id() + "-" + size));
    Path weights = dir.resolve(c.weights().file());
    if (!Files.exists(weights)) {
      Files.createSymbolicLink(weights, pkg.weightsFile());
    }
    card.write(dir.resolve(ModelCard.FILE_NAME));
    return ModelPackage.load(dir);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
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

  public static String format(List<Row> rows, int threads) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "CPU, %d PyTorch thread(s); median / p95 ms; end-to-end = decode + preprocess +"
                + " inference + heatmap + heatmap PNGs; batch = wall ms per radiograph of a"
                + " batch with %d images in flight, as analyze runs a folder%n",
            threads,
            new AnalyzerOptions(DeviceChoice.CPU, 1, threads).imagesInFlight()));
    b.append(
        String.format(
            Locale.ROOT,
            "%-22s %4s %-32s %15s %15s %6s %7s %6s %15s %15s  %s%n",
            "model",
            "size",
            "image",
            "DJL network",
            "end-to-end",
            "ratio",
            "batch",
            "ratio",
            "python3-torch",
            "DJL, same file",
            "stage medians: decode/pre/infer/heat/png"));
    for (Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-22s %4d %-32s %15s %15s %5.2fx %7.1f %5.2fx %15s %15s  %.1f/%.1f/%.1f/%.1f/%.1f%n",
              r.model(),
              r.size(),
              r.image(),
              cell(r.network()),
              cell(r.endToEnd()),
              r.ratio(),
              r.batchMs(),
              r.batchRatio(),
              r.python().map(InferenceBench::cell).orElse("-"),
              r.pythonsFileInDjl()
                  .map(InferenceBench::cell)
                  .orElse(r.python().isPresent() ? "=" : "-"),
              r.stages()[0],
              r.stages()[1],
              r.stages()[2],
              r.stages()[3],
              r.stages()[4]));
    }
    rows.stream()
        .map(Row::pythonVersion)
        .filter(v -> !v.isEmpty())
        .findFirst()
        .ifPresent(
            v ->
                b.append("python3-torch: ")
                    .append(v)
                    .append(
                        ", network only; a TorchScript file as it is, our own networks as the"
                            + " TorchScript programs DJL runs, one per network. DJL, same file: DJL"
                            + " running the file python ran (= where DJL's network is that file)\n"));
    return b.toString();
  }

  // Hundredths under 10 ms: a tenth is 8 % of the sample network's 1.2 ms.
  private static String cell(Latency l) {
    String format = l.medianMs() < 10 ? "%.2f / %.2f" : "%.1f / %.1f";
    return String.format(Locale.ROOT, format, l.medianMs(), l.p95Ms());
  }
}
