package org.radassist.inference.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.radassist.inference.model.ModelPackage;

/**
 * The reference: the same TorchScript file in python3-torch, loaded once in a process that stays up
 * and times a batch of runs whenever asked ({@code "size count"} on its stdin, one line of
 * milliseconds back), so its runs can be interleaved with DJL's. Same thread settings as DJL's
 * engine: {@code threads} intra-op threads, one inter-op thread, no autograd.
 */
final class PythonTorch implements AutoCloseable {
  private static final String SCRIPT =
      String.join(
          "\n",
          "import sys, time, torch",
          "torch.set_num_threads(int(sys.argv[2]))",
          "torch.set_num_interop_threads(1)",
          "m = torch.jit.load(sys.argv[1], map_location='cpu').eval()",
          "c = int(sys.argv[3])",
          "print(torch.__version__, flush=True)",
          "for line in sys.stdin:",
          "    s, n = (int(v) for v in line.split())",
          "    x = torch.rand(1, c, s, s)",
          "    t = []",
          "    with torch.no_grad():",
          "        for i in range(n):",
          "            a = time.perf_counter(); m(x); t.append((time.perf_counter() - a) * 1000)",
          "    print(' '.join('%.4f' % v for v in t), flush=True)",
          "");

  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final String version;
  private final Path script;

  private PythonTorch(Process process, Path script) throws IOException {
    this.process = process;
    this.script = script;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String first = out.readLine();
    if (first == null) {
      throw new IOException("python3-torch did not start");
    }
    this.version = "torch " + first.trim();
  }

  static PythonTorch start(Path python, ModelPackage pkg, int threads) throws IOException {
    Path script = Files.createTempFile("radassist-bench-", ".py");
    Files.writeString(script, SCRIPT);
    Process p =
        new ProcessBuilder(
                python.toString(),
                script.toString(),
                pkg.weightsFile().toString(),
                Integer.toString(threads),
                Integer.toString(pkg.card().input().channels()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    return new PythonTorch(p, script);
  }

  String version() {
    return version;
  }

  /** Milliseconds of {@code count} forward passes at {@code size x size}. */
  double[] time(int size, int count) throws IOException {
    in.write(size + " " + count + "\n");
    in.flush();
    String line = out.readLine();
    if (line == null) {
      throw new IOException("python3-torch stopped");
    }
    return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    in.close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroy();
    }
    Files.deleteIfExists(script);
  }
}
