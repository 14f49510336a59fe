package org.radassist.dicom.codec;

import java.util.stream.IntStream;

/**
 * A loop over the samples of a frame, split into bands run side by side when the frame is large: a
 * 2k radiograph holds four million samples, and each pass over them (unpacking, byte order, masking
 * to Bits Stored) is a few milliseconds of memory traffic that a second core halves before the
 * first image can be shown. Small frames run on the calling thread, where handing work to another
 * costs more than it saves.
 */
final class SampleBands {
  static final int PARALLEL_SAMPLES = 1 << 20;
  private static final int BAND = 1 << 18;

  /** The body of the loop, for samples {@code from} (inclusive) to {@code to} (exclusive). */
  interface Range {
    void run(int from, int to);
  }

  private SampleBands() {}

  static void run(int count, Range body) {
    if (count < PARALLEL_SAMPLES) {
      body.run(0, count);
      return;
    }
    int bands = (count + BAND - 1) / BAND;
    IntStream.range(0, bands)
        .parallel()
        .forEach(b -> body.run(b * BAND, Math.min(count, (b + 1) * BAND)));
  }
}
