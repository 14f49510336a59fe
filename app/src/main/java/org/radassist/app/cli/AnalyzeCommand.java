package org.radassist.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.radassist.app.core.AnalysisWriter;
import org.radassist.app.core.ImageAnalysis;
import org.radassist.app.core.ModelChoice;
import org.radassist.app.core.NoModelForImageException;
import org.radassist.app.core.NoSuchModelException;
import org.radassist.app.core.Workspace;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.ReadingStoreException;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.model.Instance;
import org.radassist.dicom.model.LoadReport;
import org.radassist.dicom.model.LoadResult;
import org.radassist.dicom.model.StudyLoader;
import org.radassist.inference.analysis.Analyzer;
import org.radassist.inference.analysis.AnalyzerOptions;
import org.radassist.inference.analysis.DeviceChoice;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.analysis.LabelResult;
import org.radassist.inference.model.ModelPackageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code radassist analyze PATH... --out DIR}: per image a findings JSON, an overlay PNG and one
 * heatmap PNG per label, plus {@code summary.json}. Files, folders, zips and DICOMDIRs are read
 * through the same loader as the workstation; a file that cannot be read is reported and the others
 * are still analysed. Each analysis is also filed in the reading record unless {@code --no-record},
 * so decisions can be recorded on its findings.
 */
@Command(
    name = "analyze",
    description =
        "Run AI analysis on DICOM files or folders and write findings, overlays, heatmaps.")
final class AnalyzeCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "DICOM files or folders")
  List<Path> paths;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder")
  Path out;

  @Option(
      names = "--model",
      defaultValue = "auto",
      paramLabel = "auto|ID|DIR",
      description =
          "auto: the built-in model for each image's body part (chest films: tumour model,"
              + " extremities: fracture model); a built-in model id (see 'models list'); or a"
              + " model package folder or .zip (default: ${DEFAULT-VALUE})")
  String model;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "auto|cpu|gpu",
      description = "Where to run the model (default: ${DEFAULT-VALUE})")
  DeviceChoice device;

  private boolean warnedCpu;

  @Option(
      names = "--logits-heatmap",
      defaultValue = "occlusion",
      paramLabel = "occlusion|gradient",
      description =
          "Heatmap for models that output only logits: occlusion sensitivity, or SmoothGrad input"
              + " x gradient (faster, follows the model less closely). Default: ${DEFAULT-VALUE}")
  String logitsHeatmap;

  @Option(
      names = "--no-record",
      description = "Do not file the analyses in the reading record of the data folder")
  boolean noRecord;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    int failures = 0;
    Heatmap.Method method = heatmapMethod();
    try (Workspace workspace = Workspace.open(root.paths().configureLogging());
        ReadingService record = noRecord ? null : ReadingService.open(workspace.paths().root());
        StudyLoader loader = StudyLoader.withDefaultThreads()) {
      ModelChoice choice = ModelChoice.parse(model, Workspace.builtinIds());
      if (!(choice instanceof ModelChoice.Automatic)) {
        // An unusable package or unknown id fails here, before any image is read; a name that
        // names nothing is bad usage.
        try {
          workspace.modelFor(choice, null);
        } catch (NoSuchModelException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
      }
      AnalysisWriter writer = new AnalysisWriter(out);
      LoadResult loaded = loader.load(paths);
      if (loaded.report().failures().isEmpty() && instances(loaded).isEmpty()) {
        // An empty folder or a mistyped one gave exit 0 and no output, as if all had gone well.
        stderr.println(
            "radassist: no DICOM file found in "
                + String.join(", ", paths.stream().map(Path::toString).toList()));
        failures++;
      }
      for (LoadReport.Failure f : loaded.report().failures()) {
        failures++;
        writer.failed(f.location(), f.reason());
        stderr.println("radassist: " + f.location() + ": " + f.reason());
      }
      for (LoadReport.Duplicate d : loaded.report().duplicates()) {
        writer.skipped(d.location(), d.reason());
        stdout.println(d.location() + ": skipped, " + d.reason());
      }
      for (String index : loaded.report().directories()) {
        writer.skipped(index, LoadReport.DIRECTORY_REASON);
        stdout.println(index + ": skipped, " + LoadReport.DIRECTORY_REASON);
      }
      // Images are read, analysed and written by a few threads at once, so one image's decoding
      // and PNG writing overlap another's inference; results are listed and recorded here, in
      // input order, a bounded number ahead so memory stays flat on a folder of thousands.
      int parallel = AnalyzerOptions.defaults().imagesInFlight();
      ExecutorService pool = Executors.newFixedThreadPool(parallel, AnalyzeCommand::daemon);
      try {
        Deque<Future<Outcome>> pending = new ArrayDeque<>();
        for (Instance instance : instances(loaded)) {
          if (!instance.isImage()) {
            pending.add(CompletableFuture.completedFuture(Outcome.skipped(instance)));
          } else {
            pending.add(
                pool.submit(
                    () -> {
                      try {
                        return analyse(instance, choice, workspace, method, writer);
                      } finally {
                        // The batch will not come back to this image; its pixels go now.
                        instance.release();
                      }
                    }));
          }
          while (pending.size() > 2 * parallel) {
            failures += report(await(pending.poll()), writer, record, stdout, stderr);
            writer.checkpoint();
          }
        }
        while (!pending.isEmpty()) {
          failures += report(await(pending.poll()), writer, record, stdout, stderr);
          writer.checkpoint();
        }
      } finally {
        pool.shutdownNow();
      }
      writer.finish();
    }
    stdout.flush();
    stderr.flush();
    return failures == 0 ? RootCommand.OK : RootCommand.FAILURE;
  }

  /** What became of one input: analysed (with its written result), skipped or failed. */
  private record Outcome(
      String where, ImageAnalysis analysis, Path json, String skipped, String error, String line) {
    static Outcome skipped(Instance instance) {
      return new Outcome(
          instance.source().describe(), null, null, notAnImage(instance), null, null);
    }

    static Outcome failed(String where, String error, String line) {
      return new Outcome(where, null, null, null, error, line);
    }
  }

  private Outcome analyse(
      Instance instance,
      ModelChoice choice,
      Workspace workspace,
      Heatmap.Method method,
      AnalysisWriter writer)
      throws IOException {
    String where = instance.source().describe();
    try {
      DicomImage image = instance.image();
      Workspace.SelectedModel selected = workspace.modelFor(choice, image.attributes());
      Analyzer analyzer = workspace.analyzer(selected.pkg(), device, 0, method);
      ImageAnalysis analysis = ImageAnalysis.run(analyzer, image, 0, selected.reason());
      return new Outcome(where, analysis, writer.writeFiles(analysis), null, null, null);
    } catch (NoModelForImageException e) {
      // A CT slice in a radiograph study: nothing went wrong, no built-in model is for it.
      return new Outcome(where, null, null, e.getMessage(), null, null);
    } catch (ModelPackageException e) {
      return Outcome.failed(where, e.getMessage(), where + ": " + e.getMessage());
    } catch (DicomException e) {
      return Outcome.failed(where, e.problem(), e.getMessage());
    } catch (RuntimeException e) {
      // An image the model cannot take (an unsupported colour model, a failed inference) is
      // reported like an unreadable file, and the rest of the batch is still analysed.
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Outcome.failed(where, reason, where + ": " + reason);
    } catch (OutOfMemoryError e) {
      // One 4k film too many in flight: its allocation failed and is gone, so this image is
      // listed as failed and the batch goes on, instead of ending with the rest unlisted.
      String reason =
          "not enough memory to analyse it ("
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MB Java heap); give Java more, e.g. RADASSIST_JAVA_OPTS=-Xmx4g";
      return Outcome.failed(where, reason, where + ": " + reason);
    }
  }

  /** Lists, records and prints one outcome; returns 1 if it counts as a failure. */
  private int report(
      Outcome o,
      AnalysisWriter writer,
      ReadingService record,
      PrintWriter stdout,
      PrintWriter stderr) {
    if (o.skipped() != null) {
      writer.skipped(o.where(), o.skipped());
      stdout.println(o.where() + ": skipped, " + o.skipped());
      return 0;
    }
    if (o.error() != null) {
      writer.failed(o.where(), o.error());
      stderr.println("radassist: " + o.line());
      return 1;
    }
    String ranOn = o.analysis().prediction().device();
    if (device == DeviceChoice.GPU && !ranOn.startsWith("gpu") && !warnedCpu) {
      warnedCpu = true;
      stderr.println("radassist: warning: --device gpu, but no usable GPU: ran on " + ranOn);
    }
    // Listed and printed only once the record has committed it: a batch killed in between must
    // never have announced an analysis the record does not hold.
    if (record != null) {
      try {
        record.recordAnalysis(o.analysis().image(), 0, o.analysis().prediction(), null);
      } catch (ReadingStoreException e) {
        writer.failed(o.where(), "not saved in the reading record: " + notSavedReason(e));
        stderr.println("radassist: " + o.where() + ": " + e.getMessage());
        return 1;
      }
    }
    writer.listed(o.analysis().image().path().toString(), o.json());
    stdout.println(describe(o.where(), o.analysis()));
    return 0;
  }

  /** The store's sentence without its own "Not saved:" lead, which the summary already says. */
  private static String notSavedReason(ReadingStoreException e) {
    String m = CliErrors.describe(e);
    m = m.startsWith("Not saved: ") ? m.substring("Not saved: ".length()) : m;
    return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
  }

  /** The outcome, or the error that stopped the whole command (the output folder unwritable). */
  private static Outcome await(Future<Outcome> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "radassist-analyze");
    t.setDaemon(true);
    return t;
  }

  private Heatmap.Method heatmapMethod() {
    return switch (logitsHeatmap.toLowerCase(Locale.ROOT)) {
      case "occlusion" -> Heatmap.Method.OCCLUSION;
      case "gradient" -> Heatmap.Method.GRADIENT;
      default ->
          throw new ParameterException(
              spec.commandLine(), "--logits-heatmap must be occlusion or gradient");
    };
  }

  private static List<Instance> instances(LoadResult loaded) {
    return loaded.studies().stream()
        .flatMap(study -> study.series().stream())
        .flatMap(series -> series.instances().stream())
        .toList();
  }

  /** Reports, presentation states and other objects without pixels are listed, not analysed. */
  private static String notAnImage(Instance instance) {
    String modality = instance.metadata().string(Tag.MODALITY, "");
    return "no image to analyse: a "
        + (modality.isEmpty() ? "" : modality + " ")
        + "object without Pixel Data (SOP Class "
        + instance.metadata().string(Tag.SOP_CLASS_UID, "not given")
        + ")";
  }

  private static String describe(String where, ImageAnalysis analysis) {
    StringBuilder line =
        new StringBuilder(where)
            .append(": ")
            .append(analysis.prediction().model().id())
            .append(" (")
            .append(analysis.modelReason())
            .append(")");
    if (analysis.image().frameCount() > 1) {
      line.append(
          String.format(
              Locale.ROOT,
              " frame %d of %d",
              analysis.frameIndex() + 1,
              analysis.image().frameCount()));
    }
    for (LabelResult l : analysis.prediction().labels()) {
      line.append(
          String.format(
              Locale.ROOT,
              " %s p=%.3f%s",
              l.name(),
              l.probability(),
              l.positive() ? " POSITIVE" : ""));
    }
    line.append(
        String.format(
            Locale.ROOT,
            ", %d finding(s), %.0f ms",
            analysis.prediction().findings().size(),
            analysis.totalMs()));
    return line.toString();
  }
}
