package org.radassist.dicom.web;

import java.util.List;
import org.radassist.dicom.data.Tag;

/**
 * One study as a QIDO-RS search describes it: what a reader needs to pick it from a list.
 *
 * @param studyDate as stored, {@code YYYYMMDD}, or null
 * @param instanceCount -1 when the server did not say
 */
public record StudySummary(
    String studyInstanceUid,
    String patientId,
    String patientName,
    String patientBirthDate,
    String studyDate,
    String studyTime,
    String accessionNumber,
    String description,
    List<String> modalities,
    int seriesCount,
    int instanceCount) {

  /** Attributes asked for with {@code includefield}, beyond those PS3.18 returns by default. */
  static final List<String> FIELDS =
      List.of(
          "StudyDescription",
          "NumberOfStudyRelatedSeries",
          "NumberOfStudyRelatedInstances",
          "ModalitiesInStudy",
          "PatientBirthDate");

  static StudySummary of(DicomJson d) {
    return new StudySummary(
        d.string(Tag.STUDY_INSTANCE_UID),
        d.string(Tag.PATIENT_ID),
        d.string(Tag.PATIENT_NAME),
        d.string(Tag.PATIENT_BIRTH_DATE),
        d.string(Tag.STUDY_DATE),
        d.string(Tag.STUDY_TIME),
        d.string(Tag.ACCESSION_NUMBER),
        d.string(Tag.STUDY_DESCRIPTION),
        List.copyOf(d.strings(WebTag.MODALITIES_IN_STUDY)),
        d.intValue(WebTag.NUMBER_OF_STUDY_RELATED_SERIES).orElse(-1),
        d.intValue(WebTag.NUMBER_OF_STUDY_RELATED_INSTANCES).orElse(-1));
  }
}
