package org.radassist.dicom.model;

import java.lang.ref.SoftReference;
import java.util.Optional;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.pixel.Frame;

/**
 * One SOP instance of a series: its metadata (read at load time) and, on demand, its decoded
 * frames. The pixel-bearing image is held softly, so memory pressure drops it and the next request
 * reads it again.
 */
public final class Instance {
  private final InstanceSource source;
  private final Attributes metadata;
  private volatile SoftReference<DicomImage> image = new SoftReference<>(null);

  Instance(InstanceSource source, Attributes metadata) {
    this.source = source;
    this.metadata = metadata;
  }

  public InstanceSource source() {
    return source;
  }

  /** Every attribute before Pixel Data. */
  public Attributes metadata() {
    return metadata;
  }

  public String sopInstanceUid() {
    return metadata.string(Tag.SOP_INSTANCE_UID);
  }

  public String sopClassUid() {
    return metadata.string(Tag.SOP_CLASS_UID);
  }

  public Optional<Integer> instanceNumber() {
    var v = metadata.intValue(Tag.INSTANCE_NUMBER);
    return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
  }

  public boolean isImage() {
    return metadata.contains(Tag.ROWS) && metadata.contains(Tag.COLUMNS);
  }

  public int frameCount() {
    return isImage() ? Math.max(1, metadata.intValue(Tag.NUMBER_OF_FRAMES, 1)) : 0;
  }

  /** The full image, read from the source if not in memory. */
  public DicomImage image() throws DicomException {
    DicomImage img = image.get();
    if (img == null) {
      synchronized (this) {
        img = image.get();
        if (img == null) {
          DicomFile file = source.read();
          if (file.dataset().string(Tag.SOP_INSTANCE_UID) == null) {
            // The UID the loader derived for a file that has none, so both views agree.
            file.dataset().putString(Tag.SOP_INSTANCE_UID, VR.UI, sopInstanceUid());
          }
          img = DicomImage.of(file);
          image = new SoftReference<>(img);
        }
      }
    }
    return img;
  }

  /**
   * Lets go of the decoded image now: a batch that will not come back to it frees its pixels at
   * once, where the soft hold kept every one until the heap was full (7.6 GB of RSS for a night's
   * batch that needs well under 1 GB). The next request reads it again.
   */
  public void release() {
    image = new SoftReference<>(null);
  }

  public Frame frame(int index) throws DicomException {
    return image().frame(index);
  }
}
