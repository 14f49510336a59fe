package org.radassist.inference.bench;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.network.CamNet;

/**
 * The reference: the network DJL runs, run by python3-torch in a process that stays up and times a
 * batch of runs whenever asked, so its runs can be interleaved with DJL's. A TorchScript package
 * runs its own file. One of our own networks (format {@code djl}) runs as the TorchScript programs
 * DJL runs for it, one per network ({@link CamNet#analysisArchives}), put together there as DJL
 * puts them together: an ensemble runs as many members at once as DJL does ({@code lanes}). Same
 * thread settings as DJL's engine: {@code threads} intra-op threads, no autograd. The script is
 * {@code python_torch_peer.py} beside this class.
 */
final class PythonTorch implements AutoCloseable {
  private static final String SCRIPT = "python_torch_peer.py";

  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final String version;
  private final Path dir;

  private PythonTorch(Process process, Path dir) throws IOException {
    this.process = process;
    this.dir = dir;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String first = out.readLine();
    if (first == null) {
      throw new IOException(
          "python3-torch did not start (its error is above; Debian's package is python3-torch)");
    }
    this.version = "torch " + first.trim();
  }

  /** The package's network in python3-torch, its ensemble members {@code lanes} at a time. */
  static PythonTorch start(Path python, ModelPackage pkg, int threads, int lanes)
      throws IOException {
    Path dir = Files.createTempDirectory("radassist-python-torch-");
    try {
      Path script = dir.resolve(SCRIPT);
      try (InputStream s = PythonTorch.class.getResourceAsStream(SCRIPT)) {
        Files.copy(s, script);
      }
      ModelCard card = pkg.card();
      List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
      if (ModelCard.FORMAT_TORCHSCRIPT.equals(card.format())) {
        command.addAll(
            List.of(
                "torchscript",
                pkg.weightsFile().toString(),
                Integer.toString(threads),
                Integer.toString(card.input().channels())));
      } else {
        Path spec = dir.resolve("spec.json");
        writeSpec(card, lanes, spec);
        command.addAll(List.of("camnet", spec.toString(), Integer.toString(threads)));
        for (Path network : writeNetworks(pkg, dir)) {
          command.add(network.toString());
        }
      }
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try {
        return new PythonTorch(p, dir);
      } catch (IOException e) {
        p.destroy();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  String version() {
    return version;
  }

  /** Milliseconds of {@code count} forward passes at {@code size x size}. */
  double[] time(int size, int count) throws IOException {
    return Arrays.stream(ask(size + " " + count).split(" "))
        .mapToDouble(Double::parseDouble)
        .toArray();
  }

  /**
   * The outputs of one forward pass of {@code tensor} ({@code n x c x h x w}, row-major), each
   * flattened in row-major order.
   */
  List<float[]> run(float[] tensor, int n, int c, int h, int w) throws IOException {
    Path input = dir.resolve("check-in.f32");
    Path output = dir.resolve("check-out.f32");
    ByteBuffer buf = ByteBuffer.allocate(tensor.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(tensor);
    Files.write(input, buf.array());
    String shapes =
        ask(String.join(" ", "check", "" + n, "" + c, "" + h, "" + w, "" + input, "" + output));
    ByteBuffer values = ByteBuffer.wrap(Files.readAllBytes(output)).order(ByteOrder.LITTLE_ENDIAN);
    List<float[]> outputs = new ArrayList<>();
    for (String shape : shapes.split(" ")) {
      int count =
          Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).reduce(1, (a, b) -> a * b);
      float[] o = new float[count];
      values.asFloatBuffer().get(o);
      values.position(values.position() + 4 * count);
      outputs.add(o);
    }
    return outputs;
  }

  /**
   * Writes the network this process runs to {@code file} as TorchScript: for one of our own
   * networks, their programs put together and scripted, which DJL can then run as one TorchScript
   * model to time the same file on both engines.
   */
  void save(Path file) throws IOException {
    String answer = ask("save " + file);
    if (!answer.equals("saved")) {
      throw new IOException("python3-torch did not save the network: " + answer);
    }
  }

  private String ask(String command) throws IOException {
    in.write(command + "\n");
    in.flush();
    String line = out.readLine();
    if (line == null) {
      throw new IOException("python3-torch stopped");
    }
    return line.trim();
  }

  private static void writeSpec(ModelCard card, int lanes, Path file) throws IOException {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("channels", card.input().channels());
    spec.put("mirrored", card.architecture().mirrored());
    spec.put("maxPooling", card.outputs().maxPooling());
    spec.put("lanes", lanes);
    new ObjectMapper().writeValue(file.toFile(), spec);
  }

  /** The TorchScript program of each of the package's networks, as DJL runs them. */
  private static List<Path> writeNetworks(ModelPackage pkg, Path dir) throws IOException {
    ModelCard card = pkg.card();
    boolean maxPooling = card.outputs().maxPooling();
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block block = CamNet.build(card.architecture(), card.labels().size(), maxPooling);
      CamNet.loadParameters(block, manager, pkg.weightsFile());
      List<Path> files = new ArrayList<>();
      for (byte[] archive : CamNet.analysisArchives(block, card.architecture(), maxPooling)) {
        files.add(Files.write(dir.resolve("network-" + files.size() + ".pt"), archive));
      }
      return files;
    } catch (MalformedModelException e) {
      throw new IOException("the package's parameters do not load: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    in.close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroy();
    }
    deleteTree(dir);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
