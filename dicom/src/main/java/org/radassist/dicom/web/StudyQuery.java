package org.radassist.dicom.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A QIDO-RS study search (PS3.18 10.6.1): matching on patient and study fields, a study date range,
 * modality, and paging. Empty fields do not constrain; {@code *} and {@code ?} are wildcards where
 * PS3.4 C.2.2.2.4 allows them (patient name and ID, accession number, description).
 */
public record StudyQuery(
    String patientId,
    String patientName,
    String studyInstanceUid,
    String accessionNumber,
    LocalDate studyDateFrom,
    LocalDate studyDateTo,
    String modality,
    int limit,
    int offset) {

  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

  public StudyQuery {
    if (limit < 0 || offset < 0) {
      throw new IllegalArgumentException("limit and offset cannot be negative");
    }
    if (studyDateFrom != null && studyDateTo != null && studyDateTo.isBefore(studyDateFrom)) {
      throw new IllegalArgumentException("the study date range ends before it starts");
    }
  }

  /** Every study, at most 100 per answer. */
  public static StudyQuery all() {
    return new StudyQuery(null, null, null, null, null, null, null, 100, 0);
  }

  public StudyQuery withPatientId(String id) {
    return new StudyQuery(
        id,
        patientName,
        studyInstanceUid,
        accessionNumber,
        studyDateFrom,
        studyDateTo,
        modality,
        limit,
        offset);
  }

  public StudyQuery withPatientName(String name) {
    return new StudyQuery(
        patientId,
        name,
        studyInstanceUid,
        accessionNumber,
        studyDateFrom,
        studyDateTo,
        modality,
        limit,
        offset);
  }

  public StudyQuery withStudyInstanceUid(String uid) {
    return new StudyQuery(
        patientId,
        patientName,
        uid,
        accessionNumber,
        studyDateFrom,
        studyDateTo,
        modality,
        limit,
        offset);
  }

  public StudyQuery withAccessionNumber(String accession) {
    return new StudyQuery(
        patientId,
        patientName,
        studyInstanceUid,
        accession,
        studyDateFrom,
        studyDateTo,
        modality,
        limit,
        offset);
  }

  /** Studies dated within {@code from}..{@code to}, both inclusive; either may be null (open). */
  public StudyQuery withStudyDates(LocalDate from, LocalDate to) {
    return new StudyQuery(
        patientId,
        patientName,
        studyInstanceUid,
        accessionNumber,
        from,
        to,
        modality,
        limit,
        offset);
  }

  public StudyQuery withModality(String mod) {
    return new StudyQuery(
        patientId,
        patientName,
        studyInstanceUid,
        accessionNumber,
        studyDateFrom,
        studyDateTo,
        mod,
        limit,
        offset);
  }

  public StudyQuery withPage(int newLimit, int newOffset) {
    return new StudyQuery(
        patientId,
        patientName,
        studyInstanceUid,
        accessionNumber,
        studyDateFrom,
        studyDateTo,
        modality,
        newLimit,
        newOffset);
  }

  /** The query string, without the leading {@code ?}. */
  public String toQueryString() {
    List<String> params = new ArrayList<>();
    add(params, "PatientID", patientId);
    add(params, "PatientName", patientName);
    add(params, "StudyInstanceUID", studyInstanceUid);
    add(params, "AccessionNumber", accessionNumber);
    add(params, "ModalitiesInStudy", modality);
    if (studyDateFrom != null || studyDateTo != null) {
      String range =
          (studyDateFrom == null ? "" : DA.format(studyDateFrom))
              + "-"
              + (studyDateTo == null ? "" : DA.format(studyDateTo));
      if (studyDateFrom != null && studyDateFrom.equals(studyDateTo)) {
        range = DA.format(studyDateFrom);
      }
      add(params, "StudyDate", range);
    }
    for (String field : StudySummary.FIELDS) {
      add(params, "includefield", field);
    }
    if (limit > 0) {
      add(params, "limit", Integer.toString(limit));
    }
    if (offset > 0) {
      add(params, "offset", Integer.toString(offset));
    }
    return String.join("&", params);
  }

  private static void add(List<String> params, String key, String value) {
    if (value != null && !value.isBlank()) {
      params.add(key + "=" + URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
    }
  }
}
