package org.radassist.app.session.export;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.radassist.app.session.Decision;
import org.radassist.app.session.Region;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.app.session.StoredFinding;
import org.radassist.app.session.StudyReview;

/**
 * A one-study PDF a clinician can file: who the patient is (or that the report is de-identified),
 * which model ran, the key image with overlay and verdicts, and a table of findings with the
 * reader's decision and comments. Text uses the standard Helvetica fonts, so characters outside
 * their Latin-1 range are printed as '?'.
 */
final class PdfReport {
  private static final float MARGIN = 40;
  private static final float LINE = 13;
  private static final int KEY_IMAGE_PIXELS = 1400;

  /** The identifying header lines, already de-identified when asked. */
  record Header(String patient, String patientId, String studyDate, String accession) {}

  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

  void write(
      StudyReview review,
      Header header,
      String studyUid,
      BufferedImage overlay,
      boolean deidentified,
      OutputStream out)
      throws IOException {
    StoredAnalysis a = review.analysis();
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      float width = page.getMediaBox().getWidth();
      float top = page.getMediaBox().getHeight() - MARGIN;
      List<String[]> rows = new ArrayList<>();
      for (StoredFinding f : a.findings()) {
        var verdict = review.verdict(f.index());
        Region r = review.region(f.index());
        List<String> notes = new ArrayList<>();
        if (!deidentified) {
          for (Decision c : review.comments(f.index())) {
            notes.add(c.comment());
          }
        }
        rows.add(
            new String[] {
              "#" + f.index(),
              f.label(),
              String.format(Locale.ROOT, "%.3f", f.score()),
              r.x() + "," + r.y() + " " + r.width() + "x" + r.height(),
              ReviewCodes.words(verdict),
              verdict.map(d -> deidentified ? Deidentifier.ANONYMOUS : d.reader()).orElse(""),
              String.join("; ", notes)
            });
      }
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        float y = top;
        y = text(cs, bold, 15, MARGIN, y, "RadAssist reading report");
        y =
            text(
                cs,
                regular,
                8,
                MARGIN,
                y,
                "Research use only. AI findings are decision support, not a diagnosis.");
        y -= 4;
        y =
            text(
                cs,
                regular,
                10,
                MARGIN,
                y,
                "Patient: " + header.patient() + "   ID: " + header.patientId());
        y =
            text(
                cs,
                regular,
                10,
                MARGIN,
                y,
                "Study date: " + header.studyDate() + "   Accession: " + header.accession());
        y = text(cs, regular, 8, MARGIN, y, "Study UID: " + studyUid);
        y =
            text(
                cs,
                regular,
                8,
                MARGIN,
                y,
                "Model: "
                    + a.modelId()
                    + " "
                    + a.modelVersion()
                    + " on "
                    + a.device()
                    + ", analysed "
                    + a.analysedAt());
        y = text(cs, regular, 8, MARGIN, y, "Weights sha256: " + a.modelSha256());
        y =
            text(
                cs,
                bold,
                10,
                MARGIN,
                y - 4,
                review.complete()
                    ? "Every AI finding has a reader decision."
                    : "Review incomplete: some AI findings have no decision yet.");
        float imageTop = y - 6;
        float maxHeight = imageTop - (MARGIN + LINE * (rows.size() + 3));
        PDImageXObject key = JPEGFactory.createFromImage(doc, downscale(overlay), 0.9f);
        float scale =
            Math.min(
                (width - 2 * MARGIN) / key.getWidth(), Math.max(80, maxHeight) / key.getHeight());
        float w = key.getWidth() * scale;
        float h = key.getHeight() * scale;
        cs.drawImage(key, MARGIN, imageTop - h, w, h);
        y = imageTop - h - LINE;
        float[] columns = {0, 22, 90, 125, 205, 340, 410};
        String[] heading = {"#", "Label", "Score", "Region (px)", "Decision", "Reader", "Comment"};
        for (int i = 0; i < heading.length; i++) {
          text(cs, bold, 9, MARGIN + columns[i], y, heading[i]);
        }
        y -= LINE;
        for (String[] row : rows) {
          for (int i = 0; i < row.length; i++) {
            float room =
                (i + 1 < columns.length ? columns[i + 1] : width - 2 * MARGIN) - columns[i] - 4;
            text(cs, regular, 9, MARGIN + columns[i], y, fit(regular, row[i], 9, room));
          }
          y -= LINE;
        }
        if (rows.isEmpty()) {
          text(cs, regular, 9, MARGIN, y, "The model reported no findings.");
        }
      }
      doc.save(out);
    }
  }

  private float text(
      PDPageContentStream cs, PDType1Font font, float size, float x, float y, String s)
      throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(x, y);
    cs.showText(fit(font, s, size, PDRectangle.A4.getWidth() - MARGIN - x));
    cs.endText();
    return y - Math.max(LINE, size * 1.3f);
  }

  /** Cuts {@code s} with an ellipsis so it fits {@code room} points; the JSON keeps it whole. */
  private static String fit(PDType1Font font, String s, float size, float room) throws IOException {
    String p = printable(s);
    if (font.getStringWidth(p) / 1000 * size <= room) {
      return p;
    }
    while (!p.isEmpty() && font.getStringWidth(p + "...") / 1000 * size > room) {
      p = p.substring(0, p.length() - 1);
    }
    return p + "...";
  }

  /** The standard fonts encode WinAnsi; anything else would make PDFBox throw. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      out.append(c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xFF ? c : '?');
    }
    return out.toString();
  }

  private static BufferedImage downscale(BufferedImage img) {
    int longest = Math.max(img.getWidth(), img.getHeight());
    if (longest <= KEY_IMAGE_PIXELS) {
      return img;
    }
    double f = (double) KEY_IMAGE_PIXELS / longest;
    int w = (int) Math.round(img.getWidth() * f);
    int h = (int) Math.round(img.getHeight() * f);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.getGraphics()
        .drawImage(img.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0, null);
    return out;
  }
}
