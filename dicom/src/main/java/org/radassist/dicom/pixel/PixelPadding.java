package org.radassist.dicom.pixel;

import java.util.Optional;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;

/**
 * The stored values that mark pixels outside the image data (PS3.3 C.7.5.1.1.2: Pixel Padding
 * Value, and with Pixel Padding Range Limit the range between them): the area beyond a round
 * detector, a CT's field of view. They are no density, so a window made from the frame's range or
 * percentiles must not reach them: one padding value of -2000 or 0 among a film's values stretches
 * such a window over what is not there, and the film shows, and reaches a model, washed out.
 */
public record PixelPadding(int low, int high) {
  static final int PIXEL_PADDING_VALUE = 0x00280120;
  static final int PIXEL_PADDING_RANGE_LIMIT = 0x00280121;

  /**
   * The padding {@code ds} declares, as stored values: signed when Pixel Representation is 1 (a
   * value written as US is read back as the signed one it stands for).
   */
  public static Optional<PixelPadding> of(Attributes ds) {
    var value = ds.intValue(PIXEL_PADDING_VALUE);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    boolean signed = ds.intValue(Tag.PIXEL_REPRESENTATION, 0) == 1;
    int a = stored(value.getAsInt(), signed);
    var limit = ds.intValue(PIXEL_PADDING_RANGE_LIMIT);
    int b = limit.isPresent() ? stored(limit.getAsInt(), signed) : a;
    return Optional.of(new PixelPadding(Math.min(a, b), Math.max(a, b)));
  }

  private static int stored(int v, boolean signed) {
    // The element is US or SS with the image; read as US, a signed image's value is the 16-bit
    // two's complement of the one it stands for.
    return signed && v > Short.MAX_VALUE && v <= 0xFFFF ? v - 0x10000 : v;
  }

  public boolean contains(int stored) {
    return stored >= low && stored <= high;
  }

  /**
   * {@code frame} with its padding pixels set to its darkest real value (the lowest for
   * MONOCHROME2, the highest for MONOCHROME1, where padding sits by C.7.5.1.1.2), so they show dark
   * and no range or percentile of the frame counts them; the frame itself when it has no padding
   * pixel, or nothing else.
   */
  public Frame filled(Frame frame) {
    if (!frame.photometric().isMonochrome() || frame.samplesPerPixel() != 1) {
      return frame;
    }
    int[] s = frame.samples();
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    int padded = 0;
    for (int v : s) {
      if (contains(v)) {
        padded++;
      } else {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (padded == 0 || padded == s.length) {
      return frame;
    }
    int dark = frame.photometric() == Photometric.MONOCHROME1 ? max : min;
    int[] out = s.clone();
    for (int i = 0; i < out.length; i++) {
      if (contains(out[i])) {
        out[i] = dark;
      }
    }
    return new Frame(
        frame.rows(),
        frame.columns(),
        1,
        frame.photometric(),
        frame.bitsStored(),
        frame.signed(),
        out,
        new int[] {min, max});
  }
}
