package org.radassist.app.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;

/**
 * Which images hang side by side: when the open images are two or more studies of one patient, the
 * newest study goes first (left) and the one before it second (right), as a reader compares a
 * current film with the prior.
 */
public final class HangingRule {
  private HangingRule() {}

  /**
   * The first image of the newest and of the previous study, or an empty list when the images do
   * not hold two studies of the same patient.
   */
  public static List<DicomImage> currentAndPrior(List<DicomImage> images) {
    Map<String, DicomImage> firstPerStudy = new LinkedHashMap<>();
    for (DicomImage image : images) {
      firstPerStudy.putIfAbsent(image.studyInstanceUid(), image);
    }
    if (firstPerStudy.size() < 2) {
      return List.of();
    }
    long patients =
        firstPerStudy.values().stream()
            .map(i -> i.attributes().string(Tag.PATIENT_ID, ""))
            .distinct()
            .count();
    if (patients != 1) {
      return List.of();
    }
    List<DicomImage> studies = new ArrayList<>(firstPerStudy.values());
    studies.sort(Comparator.comparing(HangingRule::studyDateTime).reversed());
    return List.of(studies.get(0), studies.get(1));
  }

  private static String studyDateTime(DicomImage image) {
    return image.attributes().string(Tag.STUDY_DATE, "")
        + image.attributes().string(Tag.STUDY_TIME, "");
  }
}
