package org.radassist.inference.dataset;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.inference.demo.CropTraining;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.preprocess.ImageMapping;
import org.radassist.inference.preprocess.Preprocessor;

/**
 * Turns a film (with or without a planted lesion) into one training crop: the card's own
 * preprocessing at a slightly varied scale, a square window that holds the lesion (anywhere on the
 * film when there is none), then a mirror and small changes of gain, offset, gamma and noise so the
 * model does not learn one scanner's look. The map targets mark the cells whose centres lie within
 * the lesion or within about half a cell of it.
 */
public final class CropMaker {
  private final ModelCard card;
  private final int size;
  private final int stride;
  private final Preprocessor preprocessor;

  public CropMaker(ModelCard card, int size) {
    this.card = card;
    this.size = size;
    this.stride = CropTraining.stride(card);
    this.preprocessor = new Preprocessor(card.input());
  }

  public CropTraining.Crop make(Frame frame, Optional<PlantedLesion> lesion, SplittableRandom r) {
    return make(frame, lesion, lesion.map(l -> new double[] {l.centerX(), l.centerY()}), r);
  }

  /**
   * A crop around {@code centre} (image pixels) when given, else anywhere on the film; with a
   * lesion the centre is the lesion's, without one it is a hard negative: a place where normal
   * anatomy looks most like a lesion.
   */
  public CropTraining.Crop make(
      Frame frame, Optional<PlantedLesion> lesion, Optional<double[]> centre, SplittableRandom r) {
    ModelCard.Input in = card.input();
    double scale = 0.85 + 0.3 * r.nextDouble();
    int tw = Math.max(size, (int) Math.round(in.width() * scale));
    int th = Math.max(size, (int) Math.round(in.height() * scale));
    var map = ImageMapping.of(in.resize(), frame.columns(), frame.rows(), tw, th);
    int ox;
    int oy;
    if (centre.isPresent()) {
      double u = map.toTensorX(centre.get()[0]);
      double v = map.toTensorY(centre.get()[1]);
      ox = clamp((int) Math.round(u - size * (0.15 + 0.7 * r.nextDouble())), 0, tw - size);
      oy = clamp((int) Math.round(v - size * (0.15 + 0.7 * r.nextDouble())), 0, th - size);
    } else {
      ox = origin(map.offsetX(), frame.columns() * map.scaleX(), tw, r);
      oy = origin(map.offsetY(), frame.rows() * map.scaleY(), th, r);
    }
    // Only the crop's window of the scaled tensor is resampled: the same values, a fraction of
    // the work on a 1024 px film.
    ImageMapping window =
        new ImageMapping(
            frame.columns(),
            frame.rows(),
            size,
            size,
            map.scaleX(),
            map.scaleY(),
            map.offsetX() - ox,
            map.offsetY() - oy);
    float[] t = preprocessor.apply(frame, ModalityLut.identity(), List.of(), window).tensor();
    float[] crop = new float[size * size];
    boolean mirror = r.nextBoolean();
    double mean = in.mean()[0];
    double std = in.std()[0];
    double gain = 0.85 + 0.3 * r.nextDouble();
    double offset = (r.nextDouble() - 0.5) * 0.12;
    double gamma = Math.exp((r.nextDouble() - 0.5) * 0.5);
    double noise = 0.03 * r.nextDouble();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int sx = mirror ? size - 1 - x : x;
        double display = t[y * size + sx] * std + mean;
        display = Math.pow(Math.max(0, Math.min(1, display)), gamma) * gain + offset;
        display += noise * gaussian(r);
        crop[y * size + x] = (float) ((display - mean) / std);
      }
    }
    int grid = size / stride;
    float[] cells = new float[grid * grid];
    if (lesion.isPresent()) {
      PlantedLesion l = lesion.get();
      double reach = 0.6 * stride / map.scaleX();
      for (int gy = 0; gy < grid; gy++) {
        for (int gx = 0; gx < grid; gx++) {
          double u = ox + (gx + 0.5) * stride;
          double v = oy + (gy + 0.5) * stride;
          if (l.distance(map.toImageX(u), map.toImageY(v)) <= reach) {
            int cx = mirror ? grid - 1 - gx : gx;
            cells[gy * grid + cx] = 1f;
          }
        }
      }
    }
    return new CropTraining.Crop(crop, lesion.isPresent(), cells);
  }

  /** A window origin along one axis that keeps the window over the film, not the padding. */
  private int origin(
      double contentStart, double contentLength, int tensorLength, SplittableRandom r) {
    int lo = clamp((int) Math.floor(contentStart - size / 4.0), 0, tensorLength - size);
    int hi =
        clamp(
            (int) Math.ceil(contentStart + contentLength - 3 * size / 4.0),
            lo,
            tensorLength - size);
    return lo + r.nextInt(hi - lo + 1);
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double gaussian(SplittableRandom r) {
    double u = Math.max(1e-12, r.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
