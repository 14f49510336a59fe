package org.radassist.app.session.export;

import java.awt.image.BufferedImage;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.write.SecondaryCaptureBuilder;

/**
 * The overlay image as an RGB Secondary Capture in the source image's study, in a series of its
 * own, so PACS shows it beside the original. Burned-in text is label, score and verdict only, never
 * patient identity, hence Burned In Annotation NO.
 */
final class SecondaryCaptureExport {
  private static final int BURNED_IN_ANNOTATION = 0x00280301;

  private SecondaryCaptureExport() {}

  static Attributes build(BufferedImage overlay, Attributes source) {
    int w = overlay.getWidth();
    int h = overlay.getHeight();
    int[] argb = overlay.getRGB(0, 0, w, h, null, 0, w);
    int[] rgb = new int[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      rgb[3 * i] = (argb[i] >>> 16) & 0xFF;
      rgb[3 * i + 1] = (argb[i] >>> 8) & 0xFF;
      rgb[3 * i + 2] = argb[i] & 0xFF;
    }
    Attributes ds =
        SecondaryCaptureBuilder.create()
            .patient(
                source.string(Tag.PATIENT_NAME),
                source.string(Tag.PATIENT_ID),
                source.string(Tag.PATIENT_BIRTH_DATE),
                source.string(Tag.PATIENT_SEX))
            .study(
                source.string(Tag.STUDY_INSTANCE_UID),
                source.string(Tag.STUDY_ID),
                source.string(Tag.ACCESSION_NUMBER),
                source.string(Tag.STUDY_DESCRIPTION))
            .series(null, 901, "AI overlay with reader decisions")
            .modality(source.string(Tag.MODALITY, "OT"))
            .equipment("RadAssist", "RadAssist workstation", "0.1.0")
            .rgb(h, w, rgb)
            .build();
    ds.putString(BURNED_IN_ANNOTATION, VR.CS, "NO");
    copy(source, ds, Tag.STUDY_DATE, Tag.STUDY_TIME, Tag.REFERRING_PHYSICIAN_NAME);
    return ds;
  }

  private static void copy(Attributes from, Attributes to, int... tags) {
    for (int tag : tags) {
      var e = from.get(tag);
      if (e != null) {
        to.putString(tag, e.vr(), from.strings(tag).toArray(String[]::new));
      }
    }
  }
}
