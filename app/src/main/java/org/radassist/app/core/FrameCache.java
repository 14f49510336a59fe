package org.radassist.app.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.Frame;

/**
 * Decoded frames of the image on screen, least recently used first out, bounded in bytes so a
 * 2,000-frame stack scrolls smoothly without holding every frame in memory.
 */
public final class FrameCache {
  private final DicomImage image;
  private final long budgetBytes;
  private long usedBytes;
  private final LinkedHashMap<Integer, Frame> frames = new LinkedHashMap<>(16, 0.75f, true);

  public FrameCache(DicomImage image, long budgetBytes) {
    this.image = image;
    this.budgetBytes = budgetBytes;
  }

  public DicomImage image() {
    return image;
  }

  public int frameCount() {
    return image.frameCount();
  }

  /** The frame if already decoded, else null; never decodes (safe on the UI thread). */
  public synchronized Frame cached(int index) {
    return frames.get(index);
  }

  /** Decodes the frame if needed; call from a background thread. */
  public Frame get(int index) throws DicomException {
    Frame frame = cached(index);
    if (frame != null) {
      return frame;
    }
    frame = image.frame(index);
    put(index, frame);
    return frame;
  }

  private synchronized void put(int index, Frame frame) {
    if (frames.putIfAbsent(index, frame) != null) {
      return;
    }
    usedBytes += bytes(frame);
    var it = frames.entrySet().iterator();
    while (usedBytes > budgetBytes && frames.size() > 1 && it.hasNext()) {
      Map.Entry<Integer, Frame> eldest = it.next();
      if (eldest.getKey() == index) {
        continue;
      }
      usedBytes -= bytes(eldest.getValue());
      it.remove();
    }
  }

  private static long bytes(Frame f) {
    return 4L * f.samples().length;
  }
}
