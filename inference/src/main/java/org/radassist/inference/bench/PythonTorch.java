package org.radassist.inference.bench;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
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
 * runs its own file. One of our own networks (format {@code djl}) has no TorchScript file, so it is
 * rebuilt there from the card's architecture with DJL's parameters and scripted to TorchScript; an
 * ensemble runs as many members at once as DJL does ({@code lanes}). Same thread settings as DJL's
 * engine: {@code threads} intra-op threads, no autograd. The script is {@code python_torch_peer.py}
 * beside this class.
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
        Path parameters = dir.resolve("parameters.f32");
        writeSpec(card, lanes, spec);
        writeParameters(pkg, parameters);
        command.addAll(
            List.of("camnet", spec.toString(), parameters.toString(), Integer.toString(threads)));
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
    ModelCard.Architecture a = card.architecture();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("channels", card.input().channels());
    spec.put("labels", card.labels().size());
    spec.put("stageFilters", a.stageFilters());
    spec.put("convsPerStage", a.convsPerStage());
    spec.put("dilationPerStage", a.dilationPerStage());
    spec.put("members", a.memberCount());
    spec.put("mirrored", a.mirrored());
    spec.put("maxPooling", card.outputs().maxPooling());
    spec.put("lanes", lanes);
    new ObjectMapper().writeValue(file.toFile(), spec);
  }

  /**
   * Every parameter and BatchNorm statistic of the package's network, in DJL's order: rank (int32),
   * dimensions (int64 each), values (float32), all little-endian.
   */
  private static void writeParameters(ModelPackage pkg, Path file) throws IOException {
    ModelCard card = pkg.card();
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        DataOutputStream os =
            new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      Block block =
          CamNet.build(card.architecture(), card.labels().size(), card.outputs().maxPooling());
      CamNet.loadParameters(block, manager, pkg.weightsFile());
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray array = p.getValue().getArray();
        long[] shape = array.getShape().getShape();
        float[] values = array.toFloatArray();
        ByteBuffer b =
            ByteBuffer.allocate(4 + 8 * shape.length + 4 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(shape.length);
        for (long d : shape) {
          b.putLong(d);
        }
        b.asFloatBuffer().put(values);
        os.write(b.array());
      }
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
