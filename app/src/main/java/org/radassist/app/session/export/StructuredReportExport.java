package org.radassist.app.session.export;

import java.util.ArrayList;
import java.util.List;
import org.radassist.app.session.Decision;
import org.radassist.app.session.ReadPhase;
import org.radassist.app.session.ReaderMark;
import org.radassist.app.session.ReadingService.SecondRead;
import org.radassist.app.session.Region;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.app.session.StoredFinding;
import org.radassist.app.session.StudyImage;
import org.radassist.app.session.StudyReview;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.sr.Code;
import org.radassist.dicom.sr.EvaluationGroup;
import org.radassist.dicom.sr.ImageReference;
import org.radassist.dicom.sr.RegionMeasurement;
import org.radassist.dicom.sr.StructuredReportBuilder;

/**
 * A study's read as a TID 1500 report: one measurement group per AI finding with the region the
 * reader settled on, the model's probability, the reader's verdict and comments; then the study's
 * reads in sessions: each region a reader marked, on its image, with the phase it was marked in
 * (before or with the AI shown), and each reader's impressions before and after the AI was shown.
 * The report is COMPLETE only when every finding has a verdict.
 */
final class StructuredReportExport {
  private StructuredReportExport() {}

  /**
   * One report for every analysed image of the study; {@code sourceImages} are the images' files'
   * attributes, in the order of {@code reviews}. With several images a finding is named by its
   * image too, since finding numbers are per image. Without {@code freeText} (a de-identified
   * report) the impressions and notes, which may name anyone, are left out.
   */
  static Attributes build(
      List<StudyReview> reviews,
      List<Attributes> sourceImages,
      List<SecondRead> reads,
      Deidentifier stableUids,
      boolean freeText) {
    StoredAnalysis first = reviews.get(0).analysis();
    StructuredReportBuilder sr =
        StructuredReportBuilder.forStudyOf(sourceImages.get(0))
            .device(
                stableUids.uid("model:" + first.modelId() + ":" + first.modelSha256()),
                first.modelId() + " " + first.modelVersion(),
                "RadAssist")
            .probabilityConcept(ReviewCodes.PROBABILITY)
            .codingScheme(
                ReviewCodes.SCHEME, ReviewCodes.SCHEME_NAME, ReviewCodes.SCHEME_ORGANIZATION)
            .complete(reviews.stream().allMatch(StudyReview::complete));
    reviews.forEach(r -> r.decisions().forEach(d -> sr.addReader(d.reader())));
    reads.forEach(r -> sr.addReader(r.session().reader()));
    for (int k = 0; k < reviews.size(); k++) {
      StudyReview review = reviews.get(k);
      StoredAnalysis a = review.analysis();
      ImageReference image =
          new ImageReference(
              a.image().studyInstanceUid(),
              a.image().seriesInstanceUid(),
              a.image().sopClassUid(),
              a.image().sopInstanceUid(),
              sourceImages.get(k).intValue(Tag.NUMBER_OF_FRAMES, 1) > 1 ? a.frame() + 1 : null);
      sr.addImage(image);
      String name = reviews.size() == 1 ? "finding " : "image " + (k + 1) + " finding ";
      addFindings(sr, review, image, name, stableUids);
    }
    addReads(sr, reads, reviews, sourceImages, stableUids, freeText);
    return sr.build();
  }

  private static void addReads(
      StructuredReportBuilder sr,
      List<SecondRead> reads,
      List<StudyReview> reviews,
      List<Attributes> sourceImages,
      Deidentifier stableUids,
      boolean freeText) {
    for (int k = 0; k < reads.size(); k++) {
      SecondRead r = reads.get(k);
      String reader = r.session().reader();
      String name = "read " + (k + 1);
      int n = 0;
      for (ReaderMark m : r.marks()) {
        n++;
        ImageReference image = markedImage(m, reviews, sourceImages);
        if (image == null) {
          continue;
        }
        Region g = m.region();
        sr.add(
            new RegionMeasurement(
                name + " mark " + n,
                stableUids.uid("mark:" + m.id()),
                ReviewCodes.finding(m.label(), m.label()),
                image,
                RegionMeasurement.box(g.x(), g.y(), g.width(), g.height()),
                null,
                List.of(
                    new RegionMeasurement.Evaluation(
                        ReviewCodes.READ_PHASE,
                        m.phase() == ReadPhase.BLINDED
                            ? ReviewCodes.BEFORE_AI
                            : ReviewCodes.AFTER_AI)),
                freeText ? m.note() : null,
                reader,
                null,
                null));
      }
      List<EvaluationGroup.Statement> said = new ArrayList<>();
      if (freeText) {
        said(said, ReviewCodes.BLINDED_IMPRESSION, r.read().blindedImpression());
        said(said, ReviewCodes.FINAL_IMPRESSION, r.read().finalImpression());
      }
      if (!said.isEmpty()) {
        sr.add(
            new EvaluationGroup(
                name + " impressions", stableUids.uid("read:" + r.read().id()), reader, said));
      }
    }
  }

  private static void said(List<EvaluationGroup.Statement> out, Code concept, String text) {
    if (text != null && !text.isBlank()) {
      out.add(new EvaluationGroup.Statement(concept, text));
    }
  }

  /**
   * The image a mark was drawn on; a mark recorded without one lies on the study's only analysed
   * image, and one that could lie on several is left out (a region means nothing without its view).
   */
  private static ImageReference markedImage(
      ReaderMark m, List<StudyReview> reviews, List<Attributes> sourceImages) {
    StudyImage on = m.image();
    int frame = m.frame();
    if (on == null) {
      if (reviews.size() != 1) {
        return null;
      }
      on = reviews.get(0).analysis().image();
      frame = reviews.get(0).analysis().frame();
    }
    boolean multiFrame = frame > 0;
    for (int k = 0; k < reviews.size(); k++) {
      if (reviews.get(k).analysis().image().sopInstanceUid().equals(on.sopInstanceUid())) {
        multiFrame |= sourceImages.get(k).intValue(Tag.NUMBER_OF_FRAMES, 1) > 1;
      }
    }
    return new ImageReference(
        on.studyInstanceUid(),
        on.seriesInstanceUid(),
        on.sopClassUid(),
        on.sopInstanceUid(),
        multiFrame ? frame + 1 : null);
  }

  private static void addFindings(
      StructuredReportBuilder sr,
      StudyReview review,
      ImageReference image,
      String name,
      Deidentifier stableUids) {
    StoredAnalysis a = review.analysis();
    for (StoredFinding f : a.findings()) {
      var verdict = review.verdict(f.index());
      List<String> comments = new ArrayList<>();
      for (Decision c : review.comments(f.index())) {
        comments.add(c.reader() + ": " + c.comment());
      }
      Region r = review.region(f.index());
      sr.add(
          new RegionMeasurement(
              name + f.index(),
              stableUids.uid("finding:" + a.id() + ":" + f.index()),
              ReviewCodes.finding(f.label(), f.kind()),
              image,
              RegionMeasurement.box(r.x(), r.y(), r.width(), r.height()),
              f.score(),
              List.of(
                  new RegionMeasurement.Evaluation(
                      ReviewCodes.READER_DECISION, ReviewCodes.verdict(verdict))),
              comments.isEmpty() ? null : String.join("\n", comments),
              verdict.map(Decision::reader).orElse(null),
              a.modelId(),
              a.modelVersion()));
    }
  }
}
