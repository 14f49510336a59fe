package org.radassist.inference.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.inference.analysis.PythonTorchScripts;
import org.radassist.inference.demo.BuiltInModels;
import org.radassist.inference.demo.DemoModel;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.network.CamNet;

/**
 * The bench's python3-torch figure for one of our own networks is only a fair peer if python runs
 * the same network as the analyzer: run from the TorchScript programs DJL runs and put together
 * there, it must give DJL's outputs on the same tensor, and so must the TorchScript file python
 * saves when DJL runs it (the bench's "same file" figure).
 */
class PythonTorchTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final int LANES = 2;

  @TempDir Path dir;

  @Test
  void aSingleNetworkInPythonTorchGivesDjlsOutputs() throws Exception {
    assertSameOutputs(DemoModel.load(), 224);
  }

  @Test
  void anEnsembleInPythonTorchGivesDjlsOutputsWithItsMembersSideBySide() throws Exception {
    assertSameOutputs(BuiltInModels.load(BuiltInModels.CHEST_TUMOUR), 256);
  }

  @Test
  void aMirrorAveragedEnsembleInPythonTorchGivesDjlsOutputs() throws Exception {
    ModelPackage chest = BuiltInModels.load(BuiltInModels.CHEST_TUMOUR);
    ModelCard card = chest.card().withArchitecture(chest.card().architecture().withMirror(true));
    Files.createSymbolicLink(dir.resolve(card.weights().file()), chest.weightsFile());
    card.write(dir.resolve(ModelCard.FILE_NAME));
    assertSameOutputs(ModelPackage.load(dir), 256);
  }

  private void assertSameOutputs(ModelPackage pkg, int size) throws Exception {
    PythonTorchScripts.requireTorch();
    float[] x = new float[size * size];
    Random random = new Random(20261205L);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    List<float[]> djl = djlOutputs(pkg, x, size);
    try (PythonTorch python = PythonTorch.start(PYTHON, pkg, 1, LANES)) {
      assertClose(djl, python.run(x, 1, 1, size, size), "python3-torch");
      Path file = dir.resolve("python-scripted.pt");
      python.save(file);
      assertClose(djl, scriptedOutputs(file, x, size), "python's file run by DJL");
    }
  }

  private static void assertClose(List<float[]> djl, List<float[]> other, String what) {
    assertEquals(2, other.size(), what + ": probabilities and maps");
    assertArrayEquals(djl.get(0), other.get(0), 1e-4f, what + ": probabilities");
    float[] maps = djl.get(1);
    assertEquals(maps.length, other.get(1).length, what + ": map cells");
    double worst = 0;
    for (int i = 0; i < maps.length; i++) {
      worst = Math.max(worst, Math.abs(maps[i] - other.get(1)[i]));
    }
    assertTrue(worst < 1e-3, what + ": largest difference of a map's logit: " + worst);
  }

  private static List<float[]> scriptedOutputs(Path file, float[] x, int size) throws Exception {
    try (Model model = Model.newInstance("python-scripted", Device.cpu(), "PyTorch")) {
      model.load(file);
      return outputs(model, x, size);
    }
  }

  private static List<float[]> djlOutputs(ModelPackage pkg, float[] x, int size) throws Exception {
    ModelCard card = pkg.card();
    try (Model model = Model.newInstance("reference", Device.cpu(), "PyTorch")) {
      model.setBlock(
          CamNet.build(card.architecture(), card.labels().size(), card.outputs().maxPooling()));
      CamNet.loadParameters(model.getBlock(), model.getNDManager(), pkg.weightsFile());
      model.setBlock(
          CamNet.forAnalysis(model.getBlock(), card.architecture(), card.outputs().maxPooling()));
      CamNet.runMembersSideBySide(model.getBlock(), LANES);
      return outputs(model, x, size);
    }
  }

  private static List<float[]> outputs(Model model, float[] x, int size) throws Exception {
    try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
      NDList out =
          predictor.predict(
              new NDList(model.getNDManager().create(x, new Shape(1, 1, size, size))));
      return List.of(out.get(0).toFloatArray(), out.get(1).toFloatArray());
    }
  }
}
