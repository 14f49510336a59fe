package org.radassist.app.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.model.Instance;
import org.radassist.dicom.model.Series;
import org.radassist.dicom.pixel.Frame;

/**
 * What a viewer pane scrolls through: every frame of every instance of a series, in the series'
 * viewing order, so a CT of 200 single-frame files and a 200-frame cine scroll alike. Decoded
 * frames are kept least recently used first out within a byte budget.
 */
public final class ImageStack {
  /** One frame of the stack, decoded, with the image it belongs to (for its LUTs and UIDs). */
  public record Slice(DicomImage image, int frameIndex, Frame frame) {}

  private record Position(Instance instance, int frame) {}

  private final Series series;
  private final List<Position> positions = new ArrayList<>();
  private final long budgetBytes;
  private final LinkedHashMap<Integer, Slice> cache = new LinkedHashMap<>(16, 0.75f, true);
  private long usedBytes;

  public ImageStack(Series series, long budgetBytes) {
    this.series = series;
    this.budgetBytes = budgetBytes;
    for (Instance instance : series.instances()) {
      for (int f = 0; f < instance.frameCount(); f++) {
        positions.add(new Position(instance, f));
      }
    }
  }

  public Series series() {
    return series;
  }

  public int size() {
    return positions.size();
  }

  /** The decoded slice if it is in memory, else null; never decodes (safe on the UI thread). */
  public synchronized Slice cached(int index) {
    return cache.get(index);
  }

  /** Decodes the slice if needed; call from a background thread. */
  public Slice get(int index) throws DicomException {
    Slice slice = cached(index);
    if (slice != null) {
      return slice;
    }
    Position p = positions.get(index);
    DicomImage image = p.instance().image();
    slice = new Slice(image, p.frame(), image.frame(p.frame()));
    put(index, slice);
    return slice;
  }

  private synchronized void put(int index, Slice slice) {
    if (cache.putIfAbsent(index, slice) != null) {
      return;
    }
    usedBytes += bytes(slice);
    var it = cache.entrySet().iterator();
    while (usedBytes > budgetBytes && cache.size() > 1 && it.hasNext()) {
      Map.Entry<Integer, Slice> eldest = it.next();
      if (eldest.getKey() == index) {
        continue;
      }
      usedBytes -= bytes(eldest.getValue());
      it.remove();
    }
  }

  private static long bytes(Slice s) {
    return 4L * s.frame().samples().length;
  }
}
