package org.radassist.app.session.export;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.radassist.app.session.Decision;
import org.radassist.app.session.ReaderMark;
import org.radassist.app.session.ReadingService.SecondRead;
import org.radassist.app.session.Region;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.app.session.StoredFinding;
import org.radassist.app.session.StudyReview;

/**
 * A one-study PDF a clinician can file: who the patient is (or that the report is de-identified),
 * which model ran, the key image with overlay and verdicts, and a table of findings with the
 * reader's decision and comments. Text wraps onto further lines and pages rather than being cut,
 * since the PDF is what a clinician reads of the record. Recorded text is set in Liberation Sans
 * (SIL Open Font License, shipped inside PDFBox), embedded as a subset, so Central European, Greek
 * and Cyrillic names print as written; characters it lacks (CJK) print as '?' and the report says
 * so.
 */
final class PdfReport {
  private static final float MARGIN = 40;
  private static final float LINE = 13;
  private static final int KEY_IMAGE_PIXELS = 1400;
  private static final float MIN_KEY_IMAGE_HEIGHT = 250;
  private static final String UNICODE_FONT =
      "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
  private static final float[] COLUMNS = {0, 20, 80, 112, 182, 296, 396};
  private static final String[] HEADING = {
    "#", "Label", "Score", "Region (px)", "Decision", "Reader", "Comment"
  };

  /** The identifying header lines, already de-identified when asked. */
  record Header(String patient, String patientId, String studyDate, String accession) {}

  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

  void write(
      StudyReview review,
      Header header,
      String studyUid,
      BufferedImage overlay,
      List<SecondRead> reads,
      boolean deidentified,
      OutputStream out)
      throws IOException {
    StoredAnalysis a = review.analysis();
    try (PDDocument doc = new PDDocument()) {
      PDType0Font regular;
      try (InputStream ttf = PdfReport.class.getResourceAsStream(UNICODE_FONT)) {
        if (ttf == null) {
          throw new IOException("the PDF font " + UNICODE_FONT + " is missing from PDFBox");
        }
        regular = PDType0Font.load(doc, ttf, true);
      }
      Pages pages = new Pages(doc);
      float width = pages.width - 2 * MARGIN;
      List<List<List<String>>> rows = new ArrayList<>();
      int tableLines = 0;
      for (StoredFinding f : a.findings()) {
        var verdict = review.verdict(f.index());
        Region r = review.region(f.index());
        List<String> notes = new ArrayList<>();
        if (!deidentified) {
          for (Decision c : review.comments(f.index())) {
            notes.add(c.comment());
          }
        }
        String[] cells = {
          "#" + f.index(),
          f.label(),
          String.format(Locale.ROOT, "%.3f", f.score()),
          r.x() + "," + r.y() + " " + r.width() + "x" + r.height(),
          ReviewCodes.words(verdict),
          verdict.map(d -> deidentified ? Deidentifier.ANONYMOUS : d.reader()).orElse(""),
          String.join("; ", notes)
        };
        List<List<String>> row = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < cells.length; i++) {
          float room = (i + 1 < COLUMNS.length ? COLUMNS[i + 1] : width) - COLUMNS[i] - 4;
          row.add(pages.wrap(regular, 9, cells[i], room));
          height = Math.max(height, row.get(i).size());
        }
        rows.add(row);
        tableLines += height;
      }
      pages.paragraph(bold, 15, "RadAssist reading report");
      pages.paragraph(
          regular, 8, "Research use only. AI findings are decision support, not a diagnosis.");
      pages.y -= 4;
      pages.paragraph(regular, 10, "Patient: " + header.patient() + "   ID: " + header.patientId());
      pages.paragraph(
          regular, 10, "Study date: " + header.studyDate() + "   Accession: " + header.accession());
      pages.paragraph(regular, 8, "Study UID: " + studyUid);
      pages.paragraph(
          regular,
          8,
          "Model: "
              + a.modelId()
              + " "
              + a.modelVersion()
              + " on "
              + a.device()
              + ", analysed "
              + a.analysedAt());
      pages.paragraph(regular, 8, "Weights sha256: " + a.modelSha256());
      pages.y -= 4;
      pages.paragraph(
          bold,
          10,
          review.complete()
              ? "Every AI finding has a reader decision."
              : "Review incomplete: some AI findings have no decision yet.");
      float imageTop = pages.y - 6;
      float maxHeight = imageTop - MARGIN - LINE * (tableLines + 3);
      if (maxHeight < MIN_KEY_IMAGE_HEIGHT) {
        // A long table goes on to the next pages rather than shrinking the image to a stamp.
        maxHeight = imageTop - MARGIN - LINE;
      }
      PDImageXObject key = JPEGFactory.createFromImage(doc, downscale(overlay), 0.9f);
      float scale = Math.min(width / key.getWidth(), maxHeight / key.getHeight());
      float w = key.getWidth() * scale;
      float h = key.getHeight() * scale;
      pages.cs.drawImage(key, MARGIN, imageTop - h, w, h);
      pages.y = imageTop - h - LINE;
      pages.tableHeading();
      for (List<List<String>> row : rows) {
        int height = row.stream().mapToInt(List::size).max().orElse(1);
        for (int line = 0; line < height; line++) {
          if (pages.y < MARGIN) {
            pages.next();
            pages.tableHeading();
          }
          for (int i = 0; i < row.size(); i++) {
            if (line < row.get(i).size()) {
              pages.show(regular, 9, MARGIN + COLUMNS[i], row.get(i).get(line));
            }
          }
          pages.y -= LINE;
        }
      }
      if (rows.isEmpty()) {
        pages.paragraph(regular, 9, "The model reported no findings.");
      }
      readsSection(pages, regular, reads, a, deidentified);
      if (pages.unshown) {
        pages.y -= 4;
        pages.paragraph(
            regular,
            8,
            "Some characters could not be shown in this PDF's font and are printed as '?';"
                + " the JSON and DICOM exports keep them.");
      }
      pages.cs.close();
      doc.save(out);
    }
  }

  /**
   * The study's reads in sessions: a second read is its reader's impressions, before and after the
   * AI was shown, and the regions they marked; a mark on another view of the study says so, since
   * its coordinates are not this image's. De-identified, the free text is left out.
   */
  private void readsSection(
      Pages pages,
      PDFont regular,
      List<SecondRead> reads,
      StoredAnalysis shown,
      boolean deidentified)
      throws IOException {
    if (reads.isEmpty()) {
      return;
    }
    pages.y -= 4;
    pages.paragraph(bold, 10, "Reads");
    for (SecondRead r : reads) {
      pages.paragraph(
          regular,
          9,
          (deidentified ? Deidentifier.ANONYMOUS : r.session().reader())
              + ", session "
              + r.session().id()
              + " ("
              + r.session().mode().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + "), "
              + r.read().phase().name().toLowerCase(Locale.ROOT));
      if (!deidentified) {
        impression(
            pages, regular, "Impression before the AI was shown", r.read().blindedImpression());
        impression(pages, regular, "Final impression", r.read().finalImpression());
      }
      for (ReaderMark m : r.marks()) {
        Region g = m.region();
        pages.paragraph(
            regular,
            9,
            "Marked "
                + m.label()
                + " at "
                + g.x()
                + ","
                + g.y()
                + " "
                + g.width()
                + "x"
                + g.height()
                + (m.mayLieOn(shown.image().sopInstanceUid(), shown.frame())
                    ? ""
                    : " on another image of the study")
                + (deidentified || m.note() == null || m.note().isBlank() ? "" : ": " + m.note()));
      }
    }
  }

  private static void impression(Pages pages, PDFont font, String what, String text)
      throws IOException {
    if (text != null && !text.isBlank()) {
      pages.paragraph(font, 9, what + ": " + text);
    }
  }

  /** The page being written and where on it, starting further pages as text runs over. */
  private final class Pages {
    final PDDocument doc;
    final float width = PDRectangle.A4.getWidth();
    PDPageContentStream cs;
    float y;
    boolean unshown;

    Pages(PDDocument doc) throws IOException {
      this.doc = doc;
      next();
    }

    void next() throws IOException {
      if (cs != null) {
        cs.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      cs = new PDPageContentStream(doc, page);
      y = page.getMediaBox().getHeight() - MARGIN;
    }

    void tableHeading() throws IOException {
      for (int i = 0; i < HEADING.length; i++) {
        show(bold, 9, MARGIN + COLUMNS[i], HEADING[i]);
      }
      y -= LINE;
    }

    /** {@code s} across the page, wrapped, each line below the last. */
    void paragraph(PDFont font, float size, String s) throws IOException {
      float step = Math.max(LINE, size * 1.3f);
      for (String line : wrap(font, size, s, width - 2 * MARGIN)) {
        if (y < MARGIN) {
          next();
        }
        show(font, size, MARGIN, line);
        y -= step;
      }
    }

    void show(PDFont font, float size, float x, String s) throws IOException {
      cs.beginText();
      cs.setFont(font, size);
      cs.newLineAtOffset(x, y);
      cs.showText(s);
      cs.endText();
    }

    /**
     * {@code s} in lines of at most {@code room} points, broken at spaces, and inside a word only
     * when the word alone is wider; characters the font lacks become '?'.
     */
    List<String> wrap(PDFont font, float size, String s, float room) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : printable(font, s).split(" ")) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (width(font, size, candidate) <= room) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        int start = 0;
        for (int end = 1; end <= word.length(); end++) {
          if (end - start > 1 && width(font, size, word.substring(start, end)) > room) {
            lines.add(word.substring(start, end - 1));
            start = end - 1;
          }
        }
        line.append(word, start, word.length());
      }
      lines.add(line.toString());
      return lines;
    }

    private String printable(PDFont font, String s) {
      StringBuilder out = new StringBuilder(s.length());
      s.codePoints()
          .forEach(
              c -> {
                String ch = Character.isWhitespace(c) ? " " : new String(Character.toChars(c));
                if (Character.isISOControl(c) && !Character.isWhitespace(c)
                    || !hasGlyph(font, ch)) {
                  unshown = true;
                  out.append('?');
                } else {
                  out.append(ch);
                }
              });
      return out.toString();
    }
  }

  private static boolean hasGlyph(PDFont font, String ch) {
    try {
      font.encode(ch);
      return true;
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }

  private static float width(PDFont font, float size, String s) throws IOException {
    return font.getStringWidth(s) / 1000 * size;
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
