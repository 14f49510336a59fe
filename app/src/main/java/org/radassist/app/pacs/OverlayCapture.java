package org.radassist.app.pacs;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.radassist.app.core.ImageAnalysis;
import org.radassist.app.render.Colormap;
import org.radassist.app.render.FrameRenderer;
import org.radassist.app.render.HeatmapRenderer;
import org.radassist.app.render.OverlayComposer;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.SecondaryCaptureBuilder;
import org.radassist.dicom.write.Uids;
import org.radassist.inference.analysis.Prediction;

/**
 * The AI result as a picture the PACS can show to anyone: the analysed image windowed as on screen
 * with heatmaps and finding boxes burnt in, stored as a Secondary Capture in a new series of the
 * same study and patient, referencing the source image and saying it is not for diagnosis.
 */
public final class OverlayCapture {
  static final int SERIES_NUMBER = 9001;
  private static final int SOURCE_IMAGE_SEQUENCE = 0x00082112;
  private static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
  private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
  private static final int DERIVATION_DESCRIPTION = 0x00082111;

  private static final OverlayComposer COMPOSER =
      new OverlayComposer(new HeatmapRenderer(Colormap.named("inferno"), 0.2), 0.6);

  private OverlayCapture() {}

  /** The Secondary Capture data set of this analysis. */
  public static Attributes build(ImageAnalysis analysis) {
    DicomImage image = analysis.image();
    Attributes src = image.attributes();
    Prediction p = analysis.prediction();
    FrameRenderer grey = FrameRenderer.of(image, analysis.frame());
    VoiLut window = grey.initialVoi();
    BufferedImage picture = COMPOSER.compose(grey, window, p.heatmaps(), p.findings());
    int w = picture.getWidth();
    int h = picture.getHeight();
    int[] argb = picture.getRGB(0, 0, w, h, null, 0, w);
    int[] rgb = new int[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      rgb[3 * i] = (argb[i] >> 16) & 0xFF;
      rgb[3 * i + 1] = (argb[i] >> 8) & 0xFF;
      rgb[3 * i + 2] = argb[i] & 0xFF;
    }
    Attributes source = new Attributes();
    source.putString(REFERENCED_SOP_CLASS_UID, VR.UI, image.sopClassUid());
    source.putString(REFERENCED_SOP_INSTANCE_UID, VR.UI, image.sopInstanceUid());
    Attributes sc =
        SecondaryCaptureBuilder.create()
            .patient(
                src.string(Tag.PATIENT_NAME),
                src.string(Tag.PATIENT_ID),
                src.string(Tag.PATIENT_BIRTH_DATE),
                src.string(Tag.PATIENT_SEX))
            .study(
                image.studyInstanceUid(),
                src.string(Tag.STUDY_ID),
                src.string(Tag.ACCESSION_NUMBER),
                src.string(Tag.STUDY_DESCRIPTION))
            .series(Uids.generate(), SERIES_NUMBER, "RadAssist AI overlay - not for diagnosis")
            .instance(Uids.generate(), 1)
            .equipment("RadAssist", p.model().id(), p.model().version())
            .modality(image.modality())
            .put(DicomElement.ofSequence(SOURCE_IMAGE_SEQUENCE, List.of(source)))
            .put(
                DicomElement.ofBytes(
                    DERIVATION_DESCRIPTION,
                    VR.ST,
                    ascii(
                        "AI heatmap and findings of model "
                            + p.model().id()
                            + " "
                            + p.model().version()
                            + " burnt in; demonstration, not for diagnosis")))
            .rgb(h, w, rgb)
            .build();
    copy(src, sc, Tag.STUDY_DATE, VR.DA);
    copy(src, sc, Tag.STUDY_TIME, VR.TM);
    copy(src, sc, Tag.REFERRING_PHYSICIAN_NAME, VR.PN);
    return sc;
  }

  /** Writes the capture as a Part 10 file in {@code dir} and returns it. */
  public static Path write(ImageAnalysis analysis, Path dir) throws IOException {
    Attributes sc = build(analysis);
    Path file = dir.resolve("overlay-" + Uids.generate() + ".dcm");
    try {
      DicomWriter.write(file, sc);
    } catch (DicomException e) {
      throw new IOException(e.getMessage(), e);
    }
    return file;
  }

  private static void copy(Attributes from, Attributes to, int tag, VR vr) {
    String v = from.string(tag);
    if (v != null) {
      to.putString(tag, vr, v);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
