package org.radassist.dicom.pixel;

import java.util.stream.IntStream;

/**
 * A loop over the samples of a frame, split into bands run side by side when the frame is large: a
 * 2k radiograph holds four million samples, and each pass over them (unpacking, byte order, masking
 * to Bits Stored) is a few milliseconds of memory traffic that a second core halves before the
 * first image can be shown. Small frames run on the calling thread, where handing work to another
 * costs more than it saves.
 */
public final class SampleBands {
  public static final int PARALLEL_SAMPLES = 1 << 20;
  private static final int BAND = 1 << 18;

  /** The body of the loop, for samples {@code from} (inclusive) to {@code to} (exclusive). */
  public interface Range {
    void run(int from, int to);
  }

  private SampleBands() {}

  public static void run(int count, Range body) {
    if (count < PARALLEL_SAMPLES) {
      body.run(0, count);
      return;
    }
    int bands = (count + BAND - 1) / BAND;
    IntStream.range(0, bands)
        .parallel()
        .forEach(b -> body.run(b * BAND, Math.min(count, (b + 1) * BAND)));
  }

  /**
   * {@link #run} over all of {@code samples}, then their smallest and largest value as {@code {min,
   * max}}, each band's taken right after its body ran, while the band is still in cache.
   */
  public static int[] runThenRange(int[] samples, Range body) {
    int count = samples.length;
    int bands = Math.max(1, (count + BAND - 1) / BAND);
    int[] mins = new int[bands];
    int[] maxs = new int[bands];
    IntStream each = IntStream.range(0, bands);
    if (count >= PARALLEL_SAMPLES) {
      each = each.parallel();
    }
    each.forEach(
        b -> {
          int from = b * BAND;
          int to = Math.min(count, from + BAND);
          body.run(from, to);
          // Branches, not Math.min/max: C2 does not vectorise either here, and on image data the
          // branches are almost never taken, so this runs twice as fast as the cmov chain.
          int min = Integer.MAX_VALUE;
          int max = Integer.MIN_VALUE;
          for (int i = from; i < to; i++) {
            int v = samples[i];
            if (v < min) {
              min = v;
            }
            if (v > max) {
              max = v;
            }
          }
          mins[b] = min;
          maxs[b] = max;
        });
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int b = 0; b < bands; b++) {
      min = Math.min(min, mins[b]);
      max = Math.max(max, maxs[b]);
    }
    return new int[] {min, max};
  }

  /** The smallest and largest of {@code samples}, as {@code {min, max}}. */
  public static int[] range(int[] samples) {
    return runThenRange(samples, (from, to) -> {});
  }
}
