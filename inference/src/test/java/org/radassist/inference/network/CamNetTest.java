package org.radassist.inference.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  /**
   * Two networks trained apart, put side by side, give the mean of their two maps, and the
   * probability of that mean map's strongest cell, read back from one parameter file.
   */
  @Test
  void anEnsembleGivesTheMeanOfItsMembersMaps(@TempDir Path dir) throws Exception {
    ModelCard.Architecture single = new ModelCard.Architecture(CamNet.NAME, List.of(4, 8));
    float[] pixels = noise(5);
    try (NDManager nd = NDManager.newBaseManager("PyTorch")) {
      float[][] memberCams = new float[2][];
      List<Path> files = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        Block member = CamNet.build(single, 1, true);
        member.initialize(nd, DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
        memberCams[k] = cams(member, nd, pixels).toFloatArray();
        files.add(dir.resolve("member-" + k + ".params"));
        CamNet.saveParameters(member, files.get(k));
      }
      ModelCard.Architecture pair = single.withMembers(2);
      Path assembled = dir.resolve("ensemble.params");
      CamNet.assemble(pair, 1, true, files, assembled);
      Block ensemble = CamNet.build(pair, 1, true);
      CamNet.loadParameters(ensemble, nd, assembled);
      NDList out =
          ensemble.forward(
              new ParameterStore(nd, false),
              new NDList(nd.create(pixels, new Shape(1, 1, SIZE, SIZE))),
              false);
      float[] cams = out.get(CamNet.CAMS_OUTPUT).toFloatArray();
      float strongest = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < cams.length; i++) {
        assertEquals((memberCams[0][i] + memberCams[1][i]) / 2, cams[i], 1e-5f);
        strongest = Math.max(strongest, cams[i]);
      }
      assertTrue(memberCams[0][0] != memberCams[1][0], "members start from different weights");
      assertEquals(
          1 / (1 + Math.exp(-strongest)),
          out.get(CamNet.PROBABILITIES_OUTPUT).getFloat(0, 0),
          1e-5);
    }
  }

  /**
   * Mirroring on reads the same parameter file and gives the mean of the map and the flipped-back
   * map of the mirrored image, so the map of a mirrored image is the mirror of the image's map.
   */
  @Test
  void aMirroredRunAveragesTheMapWithTheMirroredImagesMap(@TempDir Path dir) throws Exception {
    ModelCard.Architecture single = new ModelCard.Architecture(CamNet.NAME, List.of(4, 8));
    float[] pixels = noise(6);
    float[] flipped = new float[pixels.length];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        flipped[y * SIZE + x] = pixels[y * SIZE + SIZE - 1 - x];
      }
    }
    try (NDManager nd = NDManager.newBaseManager("PyTorch")) {
      Block plain = CamNet.build(single, 1, true);
      plain.initialize(nd, DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
      Path params = dir.resolve("camnet.params");
      CamNet.saveParameters(plain, params);
      Block mirror = CamNet.build(single.withMirrorAverage(true), 1, true);
      CamNet.loadParameters(mirror, nd, params);

      float[] direct = cams(plain, nd, pixels).toFloatArray();
      float[] ofFlipped = cams(plain, nd, flipped).toFloatArray();
      float[] averaged = cams(mirror, nd, pixels).toFloatArray();
      float[] averagedOfFlipped = cams(mirror, nd, flipped).toFloatArray();
      int grid = SIZE / 2;
      for (int y = 0; y < grid; y++) {
        for (int x = 0; x < grid; x++) {
          int at = y * grid + x;
          int across = y * grid + grid - 1 - x;
          assertEquals((direct[at] + ofFlipped[across]) / 2, averaged[at], 1e-5f);
          assertEquals(averaged[at], averagedOfFlipped[across], 1e-5f);
        }
      }
    }
  }

  private static float[] noise(long seed) {
    float[] pixels = new float[SIZE * SIZE];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) r.nextGaussian();
    }
    return pixels;
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
