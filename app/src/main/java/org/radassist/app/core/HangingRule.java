package org.radassist.app.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.model.Study;

/**
 * Which studies hang side by side: when the open studies are two or more of one patient, the newest
 * goes first (left) and the one before it second (right), as a reader compares a current film with
 * the prior.
 */
public final class HangingRule {
  private HangingRule() {}

  /**
   * The newest and the previous study, or an empty list when the studies are not two or more of the
   * same patient.
   */
  public static List<Study> currentAndPrior(List<Study> studies) {
    List<Study> withImages = studies.stream().filter(s -> !s.series().isEmpty()).toList();
    if (withImages.size() < 2) {
      return List.of();
    }
    long patients =
        withImages.stream()
            .map(s -> s.patientAndStudyAttributes().string(Tag.PATIENT_ID, ""))
            .distinct()
            .count();
    if (patients != 1) {
      return List.of();
    }
    List<Study> sorted = new ArrayList<>(withImages);
    sorted.sort(Comparator.comparing(HangingRule::studyDateTime).reversed());
    return List.of(sorted.get(0), sorted.get(1));
  }

  private static String studyDateTime(Study study) {
    return study.patientAndStudyAttributes().string(Tag.STUDY_DATE, "")
        + study.patientAndStudyAttributes().string(Tag.STUDY_TIME, "");
  }
}
