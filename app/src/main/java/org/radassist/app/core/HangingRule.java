package org.radassist.app.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.model.Series;
import org.radassist.dicom.model.Study;

/**
 * Which studies hang side by side. A reader compares the current film with the same patient's
 * earlier ones, so the current study goes first (left) and that patient's priors, newest first, in
 * the other panes, whatever other patients are open; only when the patient has too few priors do
 * the remaining panes take the next open series.
 */
public final class HangingRule {
  private static final Comparator<Study> NEWEST_FIRST =
      Comparator.comparing(HangingRule::studyDateTime).reversed();

  private HangingRule() {}

  /**
   * The series to show first on opening: that of the newest study of the first patient listed, so
   * the reader starts on the current film and never on a prior mistaken for it.
   */
  public static Optional<Series> first(List<Study> studies) {
    List<Study> withImages = studies.stream().filter(s -> imageSeries(s) != null).toList();
    if (withImages.isEmpty()) {
      return Optional.empty();
    }
    Study firstListed = withImages.get(0);
    return withImages.stream()
        .filter(s -> s == firstListed || samePatient(s, firstListed))
        .min(NEWEST_FIRST)
        .map(HangingRule::imageSeries);
  }

  /**
   * The series to hang beside {@code current} in {@code count} further panes: the first image
   * series of each prior study of its patient (not newer than its study), newest first; then, if
   * panes are left, the series that follow {@code current} among the open ones.
   */
  public static List<Series> beside(List<Study> studies, Series current, int count) {
    Study currentStudy =
        studies.stream().filter(s -> s.series().contains(current)).findFirst().orElse(null);
    if (currentStudy == null || count < 1) {
      return List.of();
    }
    List<Series> hung = new ArrayList<>(priors(studies, currentStudy));
    List<Series> open =
        studies.stream().flatMap(s -> s.series().stream()).filter(s -> s.frameCount() > 0).toList();
    int from = open.indexOf(current);
    for (int i = 1; i < open.size(); i++) {
      Series next = open.get(Math.floorMod(from + i, open.size()));
      if (next != current && !hung.contains(next)) {
        hung.add(next);
      }
    }
    return List.copyOf(hung.subList(0, Math.min(count, hung.size())));
  }

  /** The first image series of each earlier study of the patient of {@code current}. */
  public static List<Series> priors(List<Study> studies, Study current) {
    String when = studyDateTime(current);
    return studies.stream()
        .filter(s -> s != current && samePatient(s, current))
        .filter(s -> studyDateTime(s).compareTo(when) <= 0)
        .sorted(NEWEST_FIRST)
        .map(HangingRule::imageSeries)
        .filter(s -> s != null)
        .toList();
  }

  /**
   * Studies with no Patient ID are never taken for one patient: hanging a stranger's film as a
   * prior is worse than hanging none.
   */
  private static boolean samePatient(Study a, Study b) {
    String id = patientId(a);
    return !id.isBlank() && id.equals(patientId(b));
  }

  private static String patientId(Study study) {
    return study.patientAndStudyAttributes().string(Tag.PATIENT_ID, "").strip();
  }

  private static Series imageSeries(Study study) {
    return study.series().stream().filter(s -> s.frameCount() > 0).findFirst().orElse(null);
  }

  private static String studyDateTime(Study study) {
    return study.patientAndStudyAttributes().string(Tag.STUDY_DATE, "")
        + study.patientAndStudyAttributes().string(Tag.STUDY_TIME, "");
  }
}
