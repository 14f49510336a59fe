package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AnalyzerOptionsTest {

  @Test
  void aTwoCoreLaptopRunsOneWorkerOnOneThreadLeavingACoreForTheViewer() {
    assertEquals(
        new AnalyzerOptions(DeviceChoice.AUTO, 1, 1),
        AnalyzerOptions.forCores(DeviceChoice.AUTO, 2));
  }

  @Test
  void aSixteenCoreWorkstationRunsFourWorkersOfThreeThreads() {
    assertEquals(
        new AnalyzerOptions(DeviceChoice.CPU, 4, 3),
        AnalyzerOptions.forCores(DeviceChoice.CPU, 16));
  }

  @Test
  void parsesTheDeviceAsTheCommandLineGivesIt() {
    assertEquals(DeviceChoice.GPU, DeviceChoice.parse("gpu"));
    assertEquals(DeviceChoice.AUTO, DeviceChoice.parse(" Auto "));
    assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu"));
  }
}
