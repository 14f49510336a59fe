package org.radassist.app.session.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
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
   * -3}, ... before its extension for the others. Returns the files written.
   */
  public List<Path> export(
      String studyUid, ExportFormat format, Path out, boolean deidentify, String reader)
      throws ReadingStoreException, IOException {
    boolean ok = false;
    try {
      List<StudyReview> reviews = service.reviews(studyUid);
      List<Path> written = new ArrayList<>();
      Deidentifier deid = new Deidentifier(service.store().uidSalt());
      switch (format) {
        case JSON -> {
          atomically(
              out,
              os ->
                  ReviewJson.JSON.writeValue(os, ReviewJson.of(reviews, deidentify ? deid : null)));
          written.add(out);
        }
        case SR -> {
          List<Attributes> sources = new ArrayList<>();
          for (StudyReview r : reviews) {
            sources.add(source(r).attributes());
          }
          dicom(
              StructuredReportExport.build(reviews, sources, deid), deidentify ? deid : null, out);
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
    switch (format) {
      case JSON, SR -> throw new IllegalArgumentException(format + " holds the whole study");
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
