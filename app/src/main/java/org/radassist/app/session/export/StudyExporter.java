package org.radassist.app.session.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.ReadingStoreException;
import org.radassist.app.session.StudyImage;
import org.radassist.app.session.StudyReview;
import org.radassist.app.session.UidHash;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.write.AtomicFile;
import org.radassist.dicom.write.DicomWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the read of a study (the latest analysis of each analysed image and the decisions on
 * them) in one format, reading the analysed images again where the format needs pixels or patient
 * data. Files appear complete or not at all (written aside, then renamed), and every attempt,
 * failed or not, is audited.
 */
public final class StudyExporter {
  private static final Logger LOG = LoggerFactory.getLogger(StudyExporter.class);

  private final ReadingService service;

  public StudyExporter(ReadingService service) {
    this.service = service;
  }

  /**
   * Writes {@code out} with every analysed image of the study; {@code deidentify} applies the
   * PS3.15 Basic Profile. JSON and SR hold all images in one file; SC and PDF, which show one
   * image, write one file per image: {@code out} for the first, {@code out} with {@code -2}, {@code
   * -3}, ... before its extension for the others. Returns the files written. An empty study UID or
   * file name is the caller's mistake (IllegalArgumentException), not a failed export: an empty
   * path would resolve to the working folder and write beside it.
   */
  public List<Path> export(
      String studyUid, ExportFormat format, Path out, boolean deidentify, String reader)
      throws ReadingStoreException, IOException {
    if (studyUid.isBlank()) {
      throw new IllegalArgumentException("the study UID to export is empty");
    }
    if (out.toString().isBlank()) {
      throw new IllegalArgumentException("the file to export to is empty; give its name");
    }
    boolean ok = false;
    try {
      List<StudyReview> reviews = service.reviews(studyUid);
      List<Path> written = new ArrayList<>();
      Deidentifier deid = new Deidentifier(service.store().uidSalt());
      switch (format) {
        case JSON -> {
          ByteArrayOutputStream content = new ByteArrayOutputStream(1 << 16);
          ReviewJson.JSON.writeValue(
              content,
              ReviewJson.of(reviews, service.secondReads(studyUid), deidentify ? deid : null));
          AtomicFile.write(out, content.toByteArray());
          written.add(out);
        }
        case SR -> {
          List<Attributes> sources = new ArrayList<>();
          for (StudyReview r : reviews) {
            sources.add(source(r).attributes());
          }
          ByteArrayOutputStream content = new ByteArrayOutputStream(1 << 16);
          dicom(
              StructuredReportExport.build(
                  reviews, sources, service.secondReads(studyUid), deid, !deidentify),
              deidentify ? deid : null,
              content);
          AtomicFile.write(out, content.toByteArray());
          written.add(out);
        }
        default -> {
          for (int k = 0; k < reviews.size(); k++) {
            Path file = k == 0 ? out : numbered(out, k + 1);
            write(reviews.get(k), format, file, deidentify, deid);
            written.add(file);
          }
        }
      }
      ok = true;
      LOG.info("Study {} exported as {}", UidHash.of(studyUid), format.key());
      return written;
    } finally {
      service.exported(studyUid, format.key() + (deidentify ? " de-identified" : ""), ok, reader);
    }
  }

  private static Path numbered(Path out, int n) {
    String name = out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String numbered =
        dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
    return out.resolveSibling(numbered);
  }

  private void write(
      StudyReview review, ExportFormat format, Path out, boolean deidentify, Deidentifier deid)
      throws ReadingStoreException, IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream(1 << 16);
    switch (format) {
      case JSON, SR -> throw new IllegalArgumentException(format + " holds the whole study");
      case SC -> {
        DicomImage image = source(review);
        if (deidentify) {
          refuseBurnedIn(image);
        }
        Attributes sc =
            SecondaryCaptureExport.build(
                OverlayImage.render(
                    review, image, service.store().analyses().heatmaps(review.analysis().id())),
                image);
        dicom(sc, deidentify ? deid : null, content);
      }
      case PDF -> {
        DicomImage image = source(review);
        if (deidentify) {
          refuseBurnedIn(image);
        }
        Attributes a = image.attributes();
        String studyUid = review.analysis().image().studyInstanceUid();
        PdfReport.Header header =
            deidentify
                ? new PdfReport.Header(
                    "(de-identified)",
                    a.string(Tag.PATIENT_ID) == null
                        ? ""
                        : deid.patientId(a.string(Tag.PATIENT_ID)),
                    "",
                    "")
                : new PdfReport.Header(
                    a.string(Tag.PATIENT_NAME, "").replace('^', ' ').trim(),
                    a.string(Tag.PATIENT_ID, ""),
                    a.string(Tag.STUDY_DATE, ""),
                    a.string(Tag.ACCESSION_NUMBER, ""));
        var overlay =
            OverlayImage.render(
                review, image, service.store().analyses().heatmaps(review.analysis().id()));
        new PdfReport()
            .write(
                review,
                header,
                deidentify ? deid.uid(studyUid) : studyUid,
                overlay,
                service.secondReads(studyUid),
                deidentify,
                content);
      }
    }
    AtomicFile.write(out, content.toByteArray());
  }

  /**
   * The analysed image, read again from where it was analysed. The file there may since have been
   * replaced by another image, even another patient's; exporting it would file one patient's AI
   * results with another patient's name and pixels, so the identity is checked, not assumed.
   */
  private static DicomImage source(StudyReview review) throws IOException {
    StudyImage analysed = review.analysis().image();
    Path path = analysed.path();
    if (!Files.isRegularFile(path)) {
      throw new IOException(
          "the analysed image " + path + " is no longer there; open it again to export");
    }
    DicomImage image;
    try {
      image = DicomImage.read(path);
    } catch (DicomException e) {
      throw new IOException(e.getMessage(), e);
    }
    String differs =
        !analysed.sopInstanceUid().equals(image.sopInstanceUid())
            ? "SOP Instance UID"
            : !analysed.studyInstanceUid().equals(image.studyInstanceUid())
                ? "Study Instance UID"
                : null;
    if (differs != null) {
      throw new IOException(
          path
              + " no longer holds the analysed image (its "
              + differs
              + " differs); put the analysed file back there, or analyse the image where it is"
              + " now, to export");
    }
    return image;
  }

  /**
   * PS3.15 E.3.1: text burned into the pixels is identity the Basic Profile cannot remove, and the
   * Clean Pixel Data Option is not offered, so such pixels are not exported as de-identified.
   */
  private static void refuseBurnedIn(DicomImage image) throws IOException {
    if ("YES".equalsIgnoreCase(image.attributes().string(Tag.BURNED_IN_ANNOTATION, "").trim())) {
      throw new IOException(
          "the image has Burned In Annotation YES: its pixels may show the patient's identity,"
              + " which de-identification cannot remove (PS3.15 Clean Pixel Data is not offered);"
              + " export the SR or JSON de-identified instead");
    }
  }

  private static void dicom(Attributes ds, Deidentifier deid, OutputStream out) throws IOException {
    if (deid != null) {
      deid.apply(ds);
    }
    try {
      out.write(DicomWriter.encodeFile(ds));
    } catch (DicomException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
