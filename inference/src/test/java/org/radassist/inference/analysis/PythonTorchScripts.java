package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.radassist.testsupport.Externals;

/**
 * Debian's python3-torch for tests: runs a short script that prints one JSON line, to make
 * TorchScript models at test time or to compute the reference outputs of one on the exact tensor
 * DJL received. Only {@code /usr/bin/python3} imports Debian's torch (see FACTS.md); without it the
 * calling test skips, or fails under {@code RADASSIST_REQUIRE_EXTERNALS=1}.
 */
public final class PythonTorchScripts {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static Boolean torchImports;

  private PythonTorchScripts() {}

  /** Skips (or in CI fails) the calling test unless python3-torch can be imported. */
  public static synchronized void requireTorch() throws Exception {
    Externals.tool(PYTHON.toString());
    if (torchImports == null) {
      Process p =
          new ProcessBuilder(PYTHON.toString(), "-c", "import torch")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      torchImports = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
    Externals.require(torchImports, "python3-torch (Debian) importable by " + PYTHON);
  }

  /** Runs {@code script} in {@code dir} with {@code args} and parses the JSON it prints. */
  static JsonNode run(Path dir, String script, String... args) throws Exception {
    requireTorch();
    Path py = Files.createTempFile(dir, "script-", ".py");
    Files.writeString(py, script);
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), py.toString()));
    command.addAll(List.of(args));
    Process proc =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(proc.waitFor(300, TimeUnit.SECONDS), "python3-torch finished");
    assertEquals(0, proc.exitValue(), "python3-torch exit code");
    try {
      return new ObjectMapper().readTree(out);
    } catch (IOException e) {
      throw new AssertionError("python3-torch printed no JSON: " + out, e);
    }
  }

  /**
   * Writes a tensor as little-endian float32, the layout {@code numpy.fromfile(f, '<f4')} reads.
   */
  static Path tensorFile(Path dir, float[] tensor) throws IOException {
    Path file = Files.createTempFile(dir, "tensor-", ".f32");
    ByteBuffer buf = ByteBuffer.allocate(tensor.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(tensor);
    Files.write(file, buf.array());
    return file;
  }
}
