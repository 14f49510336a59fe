package org.radassist.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.radassist.app.bench.ViewerBench;
import org.radassist.dicom.bench.DicomBench;
import org.radassist.inference.bench.InferenceBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code radassist bench [viewer|inference|dicom]}: figures printed beside a peer measured in the
 * same run. Without a subcommand the viewer and inference benchmarks run; {@code dicom} needs a
 * corpus folder and the reference toolkits, so it runs only when asked for.
 */
@Command(
    name = "bench",
    description =
        "Benchmarks: viewer W/L rate, inference latency, DICOM decoding; each beside a peer.",
    subcommands = {
      BenchCommand.Viewer.class,
      BenchCommand.Inference.class,
      BenchCommand.Dicom.class
    })
final class BenchCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    root.paths().configureLogging();
    ViewerBench.run(spec.commandLine().getOut(), 5);
    InferenceBench.main(new String[0]);
    return RootCommand.OK;
  }

  @Command(name = "viewer", description = "Window/level renders per second on a 2k radiograph.")
  static final class Viewer implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "5", description = "Seconds per measurement")
    double seconds;

    @Override
    public Integer call() {
      ViewerBench.run(spec.commandLine().getOut(), seconds);
      return RootCommand.OK;
    }
  }

  @Command(
      name = "inference",
      description =
          "Latency per image at 224/512 px for the demo model (and --torchscript DIR) beside"
              + " python3-torch, and the whole analyze path per radiograph, also for the shipped"
              + " chest and fracture models at their own input sizes. Options: --sizes 224,512"
              + " --runs N --threads N --torchscript DIR --image DICOM_FILE --no-built-ins.")
  static final class Inference implements Callable<Integer> {
    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      InferenceBench.main(args.toArray(String[]::new));
      return RootCommand.OK;
    }
  }

  @Command(
      name = "dicom",
      description =
          "Decode MB/s per transfer syntax and time to first image of a 200-slice series, beside"
              + " GDCM, dcmtk and pydicom. Arguments: [FOLDER] [SECONDS_PER_MEASUREMENT]; FOLDER"
              + " is the reference corpus (default ../shared/data/dicom) or any folder of DICOM"
              + " files.")
  static final class Dicom implements Callable<Integer> {
    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      DicomBench.main(args.toArray(String[]::new));
      return RootCommand.OK;
    }
  }
}
