package org.radassist.app.session.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.ReadingStoreException;
import org.radassist.app.session.StudyReview;
import org.radassist.app.session.UidHash;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.write.DicomWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the read of a study (its latest analysis and the decisions on it) in one format, reading
 * the analysed image again where the format needs pixels or patient data. Files appear complete or
 * not at all (written aside, then renamed), and every attempt, failed or not, is audited.
 */
public final class StudyExporter {
  private static final Logger LOG = LoggerFactory.getLogger(StudyExporter.class);

  private final ReadingService service;

  public StudyExporter(ReadingService service) {
    this.service = service;
  }

  /** Writes {@code out}; {@code deidentify} applies the PS3.15 Basic Profile. */
  public void export(
      String studyUid, ExportFormat format, Path out, boolean deidentify, String reader)
      throws ReadingStoreException, IOException {
    boolean ok = false;
    try {
      write(service.review(studyUid), format, out, deidentify);
      ok = true;
      LOG.info("Study {} exported as {}", UidHash.of(studyUid), format.key());
    } finally {
      service.exported(studyUid, format.key() + (deidentify ? " de-identified" : ""), ok, reader);
    }
  }

  private void write(StudyReview review, ExportFormat format, Path out, boolean deidentify)
      throws ReadingStoreException, IOException {
    Deidentifier deid = new Deidentifier(service.store().uidSalt());
    switch (format) {
      case JSON ->
          atomically(
              out,
              os ->
                  ReviewJson.JSON.writeValue(os, ReviewJson.of(review, deidentify ? deid : null)));
      case SR -> {
        Attributes sr = StructuredReportExport.build(review, source(review).attributes(), deid);
        dicom(sr, deidentify ? deid : null, out);
      }
      case SC -> {
        DicomImage image = source(review);
        Attributes sc =
            SecondaryCaptureExport.build(
                OverlayImage.render(
                    review, image, service.store().analyses().heatmaps(review.analysis().id())),
                image.attributes());
        dicom(sc, deidentify ? deid : null, out);
      }
      case PDF -> {
        DicomImage image = source(review);
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
        atomically(
            out,
            os ->
                new PdfReport()
                    .write(
                        review,
                        header,
                        deidentify ? deid.uid(studyUid) : studyUid,
                        overlay,
                        deidentify,
                        os));
      }
    }
  }

  private static DicomImage source(StudyReview review) throws IOException {
    Path path = review.analysis().image().path();
    if (!Files.isRegularFile(path)) {
      throw new IOException(
          "the analysed image " + path + " is no longer there; open it again to export");
    }
    try {
      return DicomImage.read(path);
    } catch (DicomException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static void dicom(Attributes ds, Deidentifier deid, Path out) throws IOException {
    if (deid != null) {
      deid.apply(ds);
    }
    try {
      DicomWriter.write(out, ds);
    } catch (DicomException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private interface Body {
    void write(OutputStream os) throws IOException;
  }

  private static void atomically(Path out, Body body) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".radassist-", ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp)) {
        body.write(os);
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
