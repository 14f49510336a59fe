package org.radassist.inference.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.radassist.inference.model.ModelCard;

class AnalysisFormTest {
  @Test
  void givesTheTrainedNetworksOutputsForEveryShapeACardCanAskFor() {
    List<ModelCard.Architecture> shapes =
        List.of(
            new ModelCard.Architecture("camnet", List.of(4, 6, 8)),
            new ModelCard.Architecture("camnet", List.of(4, 6, 8, 10), List.of(1, 2, 2, 3)),
            new ModelCard.Architecture(
                    "camnet", List.of(4, 6, 8), List.of(2, 1, 2), List.of(1, 2, 1))
                .withMembers(3),
            new ModelCard.Architecture("camnet", List.of(4, 6, 8), List.of(1, 2, 2))
                .withMembers(2)
                .withMirror(true));
    for (ModelCard.Architecture shape : shapes) {
      for (boolean maxPooling : new boolean[] {true, false}) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
          manager.getEngine().setRandomSeed(11);
          Block trained = CamNet.build(shape, 2, maxPooling);
          trained.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 40, 48));
          // Statistics as training leaves them, not the initial 0 and 1, so the fold is tested.
          for (Pair<String, Parameter> p : trained.getParameters()) {
            NDArray a = p.getValue().getArray();
            if (p.getKey().endsWith("runningVar")) {
              a.set(manager.randomUniform(0.2f, 3f, a.getShape()).toFloatArray());
            } else if (!p.getKey().endsWith("weight")) {
              a.set(manager.randomNormal(a.getShape()).toFloatArray());
            }
          }
          // Odd sides on the way down (42 -> 21 -> 10): pooling drops the last row, as PyTorch's.
          NDArray x = manager.randomNormal(new Shape(2, 1, 42, 50));
          ParameterStore store = new ParameterStore(manager, false);
          NDList expected = trained.forward(store, new NDList(x), false);
          NDList analysed =
              CamNet.forAnalysis(trained, shape, maxPooling).forward(store, new NDList(x), false);
          for (int o = 0; o < 2; o++) {
            assertEquals(
                expected.get(o).getShape(), analysed.get(o).getShape(), shape + " output " + o);
            assertArrayEquals(
                expected.get(o).toFloatArray(),
                analysed.get(o).toFloatArray(),
                1e-4f,
                shape + " output " + o + (maxPooling ? " max" : " mean"));
          }
        }
      }
    }
  }
}
