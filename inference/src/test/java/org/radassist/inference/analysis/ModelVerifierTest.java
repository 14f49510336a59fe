package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.inference.demo.DemoModel;

class ModelVerifierTest {
  @TempDir Path dir;

  @Test
  void theBuiltInPackageVerifies() {
    Path pkg = DemoModel.extractTo(dir);
    ModelVerifier.Report report = ModelVerifier.verify(pkg);
    assertTrue(report.ok(), report.problem().orElse(""));
    assertEquals("phantom-nodule-camnet", report.model().orElseThrow().id());
  }

  @Test
  void tamperedWeightsFailVerificationWithTheReason() throws Exception {
    Path pkg = DemoModel.extractTo(dir);
    Path weights = pkg.resolve("camnet.params");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length - 1] ^= 1;
    Files.write(weights, bytes);
    ModelVerifier.Report report = ModelVerifier.verify(pkg);
    assertFalse(report.ok());
    assertTrue(report.problem().orElseThrow().contains("sha256"), report.problem().get());
  }
}
