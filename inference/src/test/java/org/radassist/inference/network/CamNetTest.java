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
    float[] pixels = new float[SIZE * SIZE];
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) r.nextGaussian();
    }
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
   * An ensemble frees each member's work before the next member runs: after an image it holds no
   * more arrays than one network does (three 1024 px networks keeping theirs to the end of the
   * image took 1.6x as long).
   */
  @Test
  void anEnsembleKeepsNoMoreOfItsWorkThanOneNetwork() {
    ModelCard.Architecture single = new ModelCard.Architecture(CamNet.NAME, List.of(4, 8));
    try (NDManager nd = NDManager.newBaseManager("PyTorch")) {
      int one = arraysLeftByAnImage(single, nd);
      int three = arraysLeftByAnImage(single.withMembers(3), nd);
      assertTrue(three <= one, "arrays left: one network " + one + ", three " + three);
    }
  }

  /**
   * Networks of an ensemble run side by side on threads of their own give the same maps, bit for
   * bit, as run one after another, free their work as they go, and leave the caller's input intact.
   */
  @Test
  void anEnsembleRunSideBySideGivesTheSameMapsAndKeepsNoMoreWork() {
    ModelCard.Architecture three =
        new ModelCard.Architecture(CamNet.NAME, List.of(4, 8)).withMembers(3);
    float[] pixels = new float[SIZE * SIZE];
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) r.nextGaussian();
    }
    try (NDManager nd = NDManager.newBaseManager("PyTorch")) {
      Block block = CamNet.build(three, 1, true);
      block.initialize(nd, DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
      float[] oneByOne = cams(block, nd, pixels).toFloatArray();
      for (int lanes = 2; lanes <= 4; lanes++) {
        CamNet.runMembersSideBySide(block, lanes);
        try (NDManager image = nd.newSubManager()) {
          NDArray input = image.create(pixels, new Shape(1, 1, SIZE, SIZE));
          NDList out = block.forward(new ParameterStore(image, false), new NDList(input), false);
          assertArrayEquals(oneByOne, out.get(CamNet.CAMS_OUTPUT).toFloatArray(), lanes + " lanes");
          assertArrayEquals(pixels, input.toFloatArray(), "the input is left as it was");
        }
      }
      int sideBySide = arraysLeftByAnImage(three, nd, 3);
      int one = arraysLeftByAnImage(three.withMembers(1), nd, 1);
      assertTrue(sideBySide <= one, "arrays left: one network " + one + ", three " + sideBySide);
    }
  }

  private static int arraysLeftByAnImage(ModelCard.Architecture architecture, NDManager nd) {
    return arraysLeftByAnImage(architecture, nd, 1);
  }

  private static int arraysLeftByAnImage(
      ModelCard.Architecture architecture, NDManager nd, int lanes) {
    Block block = CamNet.build(architecture, 1, true);
    block.initialize(nd, DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
    CamNet.runMembersSideBySide(block, lanes);
    try (NDManager image = nd.newSubManager()) {
      cams(block, image, new float[SIZE * SIZE]);
      return image.getManagedArrays().size();
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

  /**
   * A mirror-averaged ensemble's map is the mean of its map of the image and, turned back, its map
   * of the mirror image; so a film and its mirror give mirrored maps cell for cell (a finding moves
   * with the anatomy, not with the film's orientation). It reads and writes the bare ensemble's
   * parameter file, byte for byte.
   */
  @Test
  void aMirrorAveragedNetworkSeesBothSidesWithTheSameParameters(@TempDir Path dir)
      throws Exception {
    ModelCard.Architecture bare =
        new ModelCard.Architecture(CamNet.NAME, List.of(4, 8)).withMembers(2);
    float[] pixels = new float[SIZE * SIZE];
    java.util.SplittableRandom r = new java.util.SplittableRandom(17);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) r.nextGaussian();
    }
    float[] mirrorPixels = new float[pixels.length];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        mirrorPixels[y * SIZE + x] = pixels[y * SIZE + SIZE - 1 - x];
      }
    }
    try (NDManager nd = NDManager.newBaseManager("PyTorch")) {
      Block plain = CamNet.build(bare, 1, true);
      plain.initialize(nd, DataType.FLOAT32, new Shape(1, 1, SIZE, SIZE));
      Path file = dir.resolve("bare.params");
      CamNet.saveParameters(plain, file);
      Block mirrored = CamNet.build(bare.withMirror(true), 1, true);
      CamNet.loadParameters(mirrored, nd, file);
      Path again = dir.resolve("mirrored.params");
      CamNet.saveParameters(mirrored, again);
      assertArrayEquals(
          java.nio.file.Files.readAllBytes(file), java.nio.file.Files.readAllBytes(again));
      CamNet.runMembersSideBySide(mirrored, 2);

      NDArray seen = cams(plain, nd, pixels);
      NDArray turnedBack = cams(plain, nd, mirrorPixels).flip(3);
      float[] expected = seen.add(turnedBack).div(2).toFloatArray();
      float[] both = cams(mirrored, nd, pixels).toFloatArray();
      assertArrayEquals(expected, both, 1e-5f);
      float[] ofMirror = cams(mirrored, nd, mirrorPixels).flip(3).toFloatArray();
      assertArrayEquals(both, ofMirror, 1e-5f);
      assertTrue(
          java.util.stream.IntStream.range(0, expected.length)
              .anyMatch(i -> Math.abs(seen.toFloatArray()[i] - expected[i]) > 1e-3),
          "the mirror changes the map");
    }
  }
}
