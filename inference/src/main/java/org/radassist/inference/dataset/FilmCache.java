package org.radassist.inference.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.radassist.dicom.pixel.Frame;

/**
 * Films of the corpus read once and reduced (by area averaging) so their long side is at most
 * {@code longSide}: training draws thousands of examples from a few hundred films, and the model
 * sees them at a few hundred pixels anyway, so reading and resampling full-size PNGs each time
 * would cost more than the training steps.
 */
public final class FilmCache {
  /** One cached film and the corpus entry it came from. */
  public record Film(CorpusImage image, Frame frame) {}

  private FilmCache() {}

  public static List<Film> load(List<CorpusImage> images, int longSide) {
    return images.parallelStream()
        .map(
            i -> {
              try {
                return new Film(i, reduce(RadiographCorpus.read(i.file()), longSide));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  static Frame reduce(Frame f, int longSide) {
    int w = f.columns();
    int h = f.rows();
    int factor = (int) Math.ceil(Math.max(w, h) / (double) longSide);
    if (factor <= 1) {
      return f;
    }
    int nw = w / factor;
    int nh = h / factor;
    int[] src = f.samples();
    int[] out = new int[nw * nh];
    int area = factor * factor;
    for (int y = 0; y < nh; y++) {
      for (int x = 0; x < nw; x++) {
        long sum = 0;
        for (int dy = 0; dy < factor; dy++) {
          int row = (y * factor + dy) * w + x * factor;
          for (int dx = 0; dx < factor; dx++) {
            sum += src[row + dx];
          }
        }
        out[y * nw + x] = (int) ((sum + area / 2) / area);
      }
    }
    return new Frame(nh, nw, 1, f.photometric(), f.bitsStored(), f.signed(), out);
  }
}
