package org.radassist.dicom.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;

/** A study and its series, ordered by Series Number. */
public final class Study {
  private final String studyInstanceUid;
  private final Attributes first;
  private final Map<String, Series> series = new LinkedHashMap<>();

  Study(String studyInstanceUid, Attributes first) {
    this.studyInstanceUid = studyInstanceUid;
    this.first = first;
  }

  Series seriesFor(String uid, Attributes attrs) {
    return series.computeIfAbsent(uid, u -> new Series(u, attrs));
  }

  public String studyInstanceUid() {
    return studyInstanceUid;
  }

  public String studyDate() {
    return first.string(Tag.STUDY_DATE);
  }

  public String description() {
    return first.string(Tag.STUDY_DESCRIPTION, "");
  }

  /** Patient attributes for display; never to be logged (PHI). */
  public Attributes patientAndStudyAttributes() {
    return first;
  }

  public List<Series> series() {
    List<Series> list = new ArrayList<>(series.values());
    list.sort(Comparator.comparingInt(Series::seriesNumber));
    return list;
  }

  void sort() {
    for (Series s : series.values()) {
      s.sort();
    }
  }
}
