package org.radassist.app.session.export;

import java.util.ArrayList;
import java.util.List;
import org.radassist.app.session.Decision;
import org.radassist.app.session.Region;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.app.session.StoredFinding;
import org.radassist.app.session.StudyReview;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.sr.ImageReference;
import org.radassist.dicom.sr.RegionMeasurement;
import org.radassist.dicom.sr.StructuredReportBuilder;

/**
 * A study's read as a TID 1500 report: one measurement group per AI finding with the region the
 * reader settled on, the model's probability, the reader's verdict and comments. The report is
 * COMPLETE only when every finding has a verdict.
 */
final class StructuredReportExport {
  private StructuredReportExport() {}

  /**
   * One report for every analysed image of the study; {@code sourceImages} are the images' files'
   * attributes, in the order of {@code reviews}. With several images a finding is named by its
   * image too, since finding numbers are per image.
   */
  static Attributes build(
      List<StudyReview> reviews, List<Attributes> sourceImages, Deidentifier stableUids) {
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
    return sr.build();
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
