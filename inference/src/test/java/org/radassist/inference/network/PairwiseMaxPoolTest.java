package org.radassist.inference.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class PairwiseMaxPoolTest {
  @Test
  void analysingGivesPyTorchsMaxPoolingToTheBitAlsoOnOddSizes() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      manager.getEngine().setRandomSeed(5);
      for (Shape shape : new Shape[] {new Shape(2, 3, 8, 12), new Shape(1, 4, 7, 9)}) {
        NDArray x = manager.randomNormal(shape);
        NDArray expected =
            Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        NDArray pooled =
            new PairwiseMaxPool()
                .forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
        assertEquals(expected.getShape(), pooled.getShape(), "pooled shape of " + shape);
        assertTrue(expected.contentEquals(pooled), "maxima of " + shape);
      }
    }
  }
}
