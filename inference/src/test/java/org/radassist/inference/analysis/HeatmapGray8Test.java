package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radassist.inference.preprocess.ImageMapping;

/**
 * The 8-bit rendering of a heatmap is {@code Math.round(clamp(value) x 255)} to the last value, the
 * definition the written files have always followed, however it is computed.
 */
class HeatmapGray8Test {

  private static byte reference(float value) {
    return (byte) Math.round(Math.max(0f, Math.min(1f, value)) * 255f);
  }

  private static void assertRendersLikeRound(float[] values) {
    byte[] expected = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      expected[i] = reference(values[i]);
    }
    byte[] actual = new byte[values.length];
    Heatmap.gray8(values.clone(), values.length, actual, 0);
    assertArrayEquals(expected, actual);
  }

  @Test
  void everyFloatNearEachRoundingBoundaryRoundsHalfUp() {
    // Where value x 255 lands on or next to k + 0.5, the two ways of rounding could part.
    int span = 1 << 12;
    float[] values = new float[256 * (2 * span + 1)];
    int n = 0;
    for (int k = 0; k < 256; k++) {
      int centre = Float.floatToIntBits((k + 0.5f) / 255f);
      for (int d = -span; d <= span; d++) {
        values[n++] = Float.intBitsToFloat(centre + d);
      }
    }
    assertRendersLikeRound(values);
  }

  @Test
  void valuesOutsideTheUnitRangeAndSpecialValuesClampAsBefore() {
    assertRendersLikeRound(
        new float[] {
          0f,
          -0f,
          1f,
          Float.MIN_VALUE,
          0.49999997f / 255f,
          0.5f / 255f,
          Math.nextDown(1f),
          Math.nextUp(1f),
          -1e-30f,
          -1f,
          2f,
          1e30f,
          -1e30f,
          Float.POSITIVE_INFINITY,
          Float.NEGATIVE_INFINITY,
          Float.NaN,
          Float.MAX_VALUE,
          -Float.MAX_VALUE
        });
  }

  @Test
  void randomValuesAndEveryFloatBitPatternOnAStrideRoundAsBefore() {
    Random rnd = new Random(7);
    float[] values = new float[1 << 20];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          i % 2 == 0
              ? rnd.nextFloat() * 1.2f - 0.1f
              : Float.intBitsToFloat(i * 4093 + rnd.nextInt());
    }
    assertRendersLikeRound(values);
  }

  @Test
  void mapsOnTheGridAndFromValuesRenderEachPixelAsItsValueRounded() {
    ImageMapping m = ImageMapping.of("shorter-side-center-crop", 517, 389, 224, 224);
    Random rnd = new Random(3);
    float[] cells = new float[16 * 16];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = rnd.nextFloat() * 1.1f - 0.05f;
    }
    GridMap grid = new GridMap(cells, 16, 16, m);
    byte[] expected = new byte[517 * 389];
    for (int y = 0; y < 389; y++) {
      for (int x = 0; x < 517; x++) {
        expected[y * 517 + x] = reference(grid.value(x, y));
      }
    }
    assertArrayEquals(expected, new Heatmap("x", Heatmap.Method.CAM, grid).toGray8());
    assertArrayEquals(
        expected, new Heatmap("x", Heatmap.Method.CAM, 517, 389, grid.toImage()).toGray8());
  }
}
