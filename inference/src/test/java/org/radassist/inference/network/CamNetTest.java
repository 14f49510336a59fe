package org.radassist.inference.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.radassist.inference.model.ModelCard;

class CamNetTest {
  private static final int SIZE = 64;

  /**
   * One bright pixel in the middle of a dark input changes the map only where a cell sees it: a
   * dilated last stage must see it from farther away, on a map of the same size.
   */
  @Test
  void aDilatedStageSeesFartherOnTheSameMap() throws Exception {
    int plain = reach(List.of(1, 1));
    int dilated = reach(List.of(1, 2));
    assertTrue(dilated > plain, "cells reached: plain " + plain + ", dilated " + dilated);
  }

  /** How many map cells away from the bright pixel the map still changes. */
  private static int reach(List<Integer> dilations) throws Exception {
    try (Model model = Model.newInstance("camnet-test", "PyTorch");
        NDManager nd = NDManager.newBaseManager("PyTorch")) {
      Block block =
          CamNet.build(
              new ModelCard.Architecture(CamNet.NAME, List.of(4, 8), List.of(1, 2), dilations),
              1,
              true);
      model.setBlock(block);
      block.initialize(
          model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
      float[] dark = new float[SIZE * SIZE];
      float[] spot = dark.clone();
      spot[SIZE / 2 * SIZE + SIZE / 2] = 10f;
      NDArray a = cams(block, nd, dark);
      NDArray b = cams(block, nd, spot);
      assertArrayEquals(new long[] {1, 1, SIZE / 2, SIZE / 2}, b.getShape().getShape());
      float[] diff = b.sub(a).abs().toFloatArray();
      int grid = SIZE / 2;
      int reach = 0;
      for (int y = 0; y < grid; y++) {
        for (int x = 0; x < grid; x++) {
          if (diff[y * grid + x] > 1e-6f) {
            reach = Math.max(reach, Math.max(Math.abs(x - grid / 2), Math.abs(y - grid / 2)));
          }
        }
      }
      return reach;
    }
  }

  private static NDArray cams(Block block, NDManager nd, float[] pixels) {
    NDList out =
        block.forward(
            new ParameterStore(nd, false),
            new NDList(nd.create(pixels, new Shape(1, 1, SIZE, SIZE))),
            false);
    return out.get(CamNet.CAMS_OUTPUT);
  }
}
