package org.radassist.app.session.export;

import java.awt.image.BufferedImage;
import java.util.List;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.write.SecondaryCaptureBuilder;

/**
 * The overlay image as an RGB Secondary Capture in the source image's study, in a series of its
 * own, so PACS shows it beside the original. It shows the source's pixels, so it says what the
 * source says about them: whether text in them identifies the patient, whether they were lossy
 * compressed, and which body part and side they show.
 */
final class SecondaryCaptureExport {
  private SecondaryCaptureExport() {}

  static Attributes build(BufferedImage overlay, DicomImage image) {
    Attributes source = image.attributes();
    int w = overlay.getWidth();
    int h = overlay.getHeight();
    int[] argb = overlay.getRGB(0, 0, w, h, null, 0, w);
    int[] rgb = new int[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      rgb[3 * i] = (argb[i] >>> 16) & 0xFF;
      rgb[3 * i + 1] = (argb[i] >>> 8) & 0xFF;
      rgb[3 * i + 2] = argb[i] & 0xFF;
    }
    SecondaryCaptureBuilder sc =
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
            .rgb(h, w, rgb);
    if (lossy(image)) {
      sc.lossyCompressed(
          source.strings(Tag.LOSSY_IMAGE_COMPRESSION_RATIO).toArray(String[]::new), methods(image));
    }
    Attributes ds = sc.build();
    // The text we add is label, score and verdict, never identity, so the source decides. Burned
    // In Annotation is Type 3 in the General Image module the SC IOD uses: a source that does not
    // say leaves it absent (unknown) rather than a NO nobody checked.
    copy(
        source,
        ds,
        Tag.BURNED_IN_ANNOTATION,
        Tag.STUDY_DATE,
        Tag.STUDY_TIME,
        Tag.REFERRING_PHYSICIAN_NAME,
        Tag.BODY_PART_EXAMINED,
        Tag.LATERALITY,
        Tag.IMAGE_LATERALITY);
    return ds;
  }

  /**
   * PS3.3 C.7.6.1.1.5: once 01, never reset. A source in a lossy transfer syntax without the
   * attribute was lossy compressed all the same; one that says 00 is believed, since the JPEG 2000
   * and JPEG-LS near-lossless syntaxes may carry lossless streams.
   */
  private static boolean lossy(DicomImage image) {
    String declared = image.attributes().string(Tag.LOSSY_IMAGE_COMPRESSION);
    return declared == null ? image.transferSyntax().lossy() : "01".equals(declared.trim());
  }

  /** The source's methods, else the one its transfer syntax implies (PS3.3 C.7.6.1.1.5.1). */
  private static String[] methods(DicomImage image) {
    List<String> declared = image.attributes().strings(Tag.LOSSY_IMAGE_COMPRESSION_METHOD);
    if (!declared.isEmpty()) {
      return declared.toArray(String[]::new);
    }
    String implied =
        switch (image.transferSyntax().compression()) {
          case JPEG_BASELINE, JPEG_EXTENDED, JPEG_PROGRESSIVE -> "ISO_10918_1";
          case JPEG_LS -> "ISO_14495_1";
          case JPEG_2000 -> "ISO_15444_1";
          case HTJ2K -> "ISO_15444_15";
          default -> null;
        };
    return implied == null ? new String[0] : new String[] {implied};
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
