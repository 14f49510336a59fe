package org.radassist.dicom.sr;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.sr.ContentItem.Relationship;
import org.radassist.dicom.write.Uids;

/**
 * A Comprehensive SR holding a TID 1500 Imaging Measurement Report: language, observers (the
 * algorithm as a device, each reader as a person), the procedure reported, an image library, one
 * TID 1410 planar-ROI group per finding (the algorithm's, or a region a reader drew) and TID 1501
 * groups of a person's statements about the study. Patient and study attributes are copied from the
 * source image so the report files under the same study in PACS.
 */
public final class StructuredReportBuilder {
  public static final String COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33";

  static final Code MEASUREMENT_REPORT = Code.dcm("126000", "Imaging Measurement Report");
  static final Code LANGUAGE = Code.dcm("121049", "Language of Content Item and Descendants");
  static final Code ENGLISH = new Code("eng", "RFC5646", "English");
  static final Code OBSERVER_TYPE = Code.dcm("121005", "Observer Type");
  static final Code PERSON = Code.dcm("121006", "Person");
  static final Code DEVICE = Code.dcm("121007", "Device");
  static final Code PERSON_OBSERVER_NAME = Code.dcm("121008", "Person Observer Name");
  static final Code DEVICE_OBSERVER_UID = Code.dcm("121012", "Device Observer UID");
  static final Code DEVICE_OBSERVER_NAME = Code.dcm("121013", "Device Observer Name");
  static final Code DEVICE_OBSERVER_MANUFACTURER =
      Code.dcm("121014", "Device Observer Manufacturer");
  static final Code PROCEDURE_REPORTED = Code.dcm("121058", "Procedure reported");
  static final Code IMAGE_LIBRARY = Code.dcm("111028", "Image Library");
  static final Code IMAGE_LIBRARY_GROUP = Code.dcm("126200", "Image Library Group");
  static final Code IMAGING_MEASUREMENTS = Code.dcm("126010", "Imaging Measurements");
  static final Code MEASUREMENT_GROUP = Code.dcm("125007", "Measurement Group");
  static final Code TRACKING_ID = Code.dcm("112039", "Tracking Identifier");
  static final Code TRACKING_UID = Code.dcm("112040", "Tracking Unique Identifier");
  static final Code FINDING = Code.dcm("121071", "Finding");
  static final Code IMAGE_REGION = Code.dcm("111030", "Image Region");
  static final Code ALGORITHM_NAME = Code.dcm("111001", "Algorithm Name");
  static final Code ALGORITHM_VERSION = Code.dcm("111003", "Algorithm Version");
  static final Code COMMENT = Code.dcm("121106", "Comment");
  static final Code NO_UNITS = Code.ucum("1", "no units");
  public static final Code RADIOGRAPHIC_PROCEDURE =
      Code.sct("363680008", "Radiographic imaging procedure");

  private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

  private static final int[] PATIENT_AND_STUDY = {
    Tag.PATIENT_NAME,
    Tag.PATIENT_ID,
    Tag.PATIENT_BIRTH_DATE,
    Tag.PATIENT_SEX,
    Tag.STUDY_INSTANCE_UID,
    Tag.STUDY_DATE,
    Tag.STUDY_TIME,
    Tag.REFERRING_PHYSICIAN_NAME,
    Tag.STUDY_ID,
    Tag.ACCESSION_NUMBER,
    Tag.STUDY_DESCRIPTION
  };

  private final Attributes source;
  private final List<RegionMeasurement> groups = new ArrayList<>();
  private final List<EvaluationGroup> evaluations = new ArrayList<>();
  private final Set<ImageReference> images = new LinkedHashSet<>();
  private final Map<String, Attributes> schemes = new LinkedHashMap<>();
  private final Attributes ds = new Attributes();
  private Code procedure = RADIOGRAPHIC_PROCEDURE;
  private Code probabilityConcept;
  private String deviceUid;
  private String deviceName;
  private String deviceManufacturer;
  private final Set<String> readers = new LinkedHashSet<>();
  private boolean complete = true;
  private String seriesUid;
  private String sopInstanceUid;
  private int seriesNumber = 900;
  private String seriesDescription = "AI findings and reader decisions";
  private OffsetDateTime contentTime = OffsetDateTime.now();

  private StructuredReportBuilder(Attributes source) {
    this.source = source;
  }

  /** A report on images of the study {@code sourceImage} belongs to. */
  public static StructuredReportBuilder forStudyOf(Attributes sourceImage) {
    if (sourceImage.string(Tag.STUDY_INSTANCE_UID) == null) {
      throw new IllegalArgumentException("source image has no Study Instance UID");
    }
    return new StructuredReportBuilder(sourceImage);
  }

  /** The algorithm that produced the findings, recorded as a device observer (TID 1004). */
  public StructuredReportBuilder device(String uid, String name, String manufacturer) {
    this.deviceUid = uid;
    this.deviceName = name;
    this.deviceManufacturer = manufacturer;
    return this;
  }

  /**
   * A reader, recorded as a person observer (TID 1003); call once per person. Each gets an observer
   * context of their own, as TID 1002 repeats it per observer: PN has no separator for a list of
   * people, so joined names would read as one person with a strange name.
   */
  public StructuredReportBuilder addReader(String personName) {
    readers.add(personName);
    return this;
  }

  public StructuredReportBuilder procedure(Code procedureReported) {
    this.procedure = procedureReported;
    return this;
  }

  /** The concept name of the NUM that carries each finding's probability. */
  public StructuredReportBuilder probabilityConcept(Code concept) {
    this.probabilityConcept = concept;
    return this;
  }

  /** Declares a private coding scheme used in the tree (Coding Scheme Identification Sequence). */
  public StructuredReportBuilder codingScheme(String designator, String name, String organization) {
    Attributes item = new Attributes(ds);
    item.putString(SrTags.CODING_SCHEME_DESIGNATOR, VR.SH, designator);
    item.putString(SrTags.CODING_SCHEME_NAME, VR.ST, name);
    item.putString(SrTags.CODING_SCHEME_RESPONSIBLE_ORGANIZATION, VR.ST, organization);
    schemes.put(designator, item);
    return this;
  }

  /** PARTIAL while decisions are still missing, COMPLETE once every finding was reviewed. */
  public StructuredReportBuilder complete(boolean complete) {
    this.complete = complete;
    return this;
  }

  public StructuredReportBuilder series(String uid, int number, String description) {
    this.seriesUid = uid;
    this.seriesNumber = number;
    this.seriesDescription = description;
    return this;
  }

  public StructuredReportBuilder instanceUid(String uid) {
    this.sopInstanceUid = uid;
    return this;
  }

  public StructuredReportBuilder contentTime(OffsetDateTime when) {
    this.contentTime = when;
    return this;
  }

  /** Adds a finding; its image joins the image library. */
  public StructuredReportBuilder add(RegionMeasurement group) {
    if (!source.string(Tag.STUDY_INSTANCE_UID).equals(group.image().studyInstanceUid())) {
      throw new IllegalArgumentException("finding refers to an image of another study");
    }
    groups.add(group);
    images.add(group.image());
    return this;
  }

  /** Adds a person's statements about the study, after the findings. */
  public StructuredReportBuilder add(EvaluationGroup group) {
    if (group.statements().isEmpty()) {
      throw new IllegalArgumentException("a group of statements needs at least one statement");
    }
    evaluations.add(group);
    return this;
  }

  /** Adds an image to the library even when no finding lies on it (a negative read). */
  public StructuredReportBuilder addImage(ImageReference image) {
    images.add(image);
    return this;
  }

  public Attributes build() {
    if (probabilityConcept == null && groups.stream().anyMatch(g -> g.probability() != null)) {
      throw new IllegalStateException("probabilityConcept must name the probability NUM");
    }
    ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
    ds.putString(Tag.SOP_CLASS_UID, VR.UI, COMPREHENSIVE_SR);
    ds.putString(
        Tag.SOP_INSTANCE_UID, VR.UI, sopInstanceUid != null ? sopInstanceUid : Uids.generate());
    for (int tag : PATIENT_AND_STUDY) {
      DicomElement e = source.get(tag);
      if (e != null) {
        ds.putString(tag, e.vr(), source.strings(tag).toArray(String[]::new));
      } else if (tag != Tag.STUDY_DESCRIPTION) {
        ds.putString(tag, vrOf(tag), "");
      }
    }
    ds.putString(Tag.MODALITY, VR.CS, "SR");
    ds.putString(Tag.SERIES_INSTANCE_UID, VR.UI, seriesUid != null ? seriesUid : Uids.generate());
    ds.putString(Tag.SERIES_NUMBER, VR.IS, Integer.toString(seriesNumber));
    ds.putString(Tag.SERIES_DESCRIPTION, VR.LO, seriesDescription);
    ds.putSequence(SrTags.REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE, List.of());
    ds.putString(Tag.MANUFACTURER, VR.LO, "RadAssist");
    ds.putString(Tag.INSTANCE_NUMBER, VR.IS, "1");
    ds.putString(SrTags.COMPLETION_FLAG, VR.CS, complete ? "COMPLETE" : "PARTIAL");
    ds.putString(SrTags.VERIFICATION_FLAG, VR.CS, "UNVERIFIED");
    ds.putString(Tag.CONTENT_DATE, VR.DA, DA.format(contentTime));
    ds.putString(Tag.CONTENT_TIME, VR.TM, TM.format(contentTime));
    ds.putSequence(SrTags.PERFORMED_PROCEDURE_CODE_SEQUENCE, List.of(procedure.toItem(ds)));
    ds.putSequence(SrTags.CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE, evidence());
    if (!schemes.isEmpty()) {
      ds.putSequence(
          SrTags.CODING_SCHEME_IDENTIFICATION_SEQUENCE, new ArrayList<>(schemes.values()));
    }
    Attributes template = new Attributes(ds);
    template.putString(SrTags.MAPPING_RESOURCE, VR.CS, "DCMR");
    template.putString(SrTags.TEMPLATE_IDENTIFIER, VR.CS, "1500");
    ds.putSequence(SrTags.CONTENT_TEMPLATE_SEQUENCE, List.of(template));
    root().encodeRoot(ds);
    return ds;
  }

  private ContentItem root() {
    ContentItem root = ContentItem.container(MEASUREMENT_REPORT);
    root.add(Relationship.HAS_CONCEPT_MOD, ContentItem.code(LANGUAGE, ENGLISH));
    if (deviceUid != null) {
      root.add(Relationship.HAS_OBS_CONTEXT, ContentItem.code(OBSERVER_TYPE, DEVICE));
      root.add(Relationship.HAS_OBS_CONTEXT, ContentItem.uidref(DEVICE_OBSERVER_UID, deviceUid));
      if (deviceName != null) {
        root.add(Relationship.HAS_OBS_CONTEXT, ContentItem.text(DEVICE_OBSERVER_NAME, deviceName));
      }
      if (deviceManufacturer != null) {
        root.add(
            Relationship.HAS_OBS_CONTEXT,
            ContentItem.text(DEVICE_OBSERVER_MANUFACTURER, deviceManufacturer));
      }
    }
    for (String reader : readers) {
      root.add(Relationship.HAS_OBS_CONTEXT, ContentItem.code(OBSERVER_TYPE, PERSON));
      root.add(Relationship.HAS_OBS_CONTEXT, ContentItem.pname(PERSON_OBSERVER_NAME, reader));
    }
    root.add(Relationship.HAS_CONCEPT_MOD, ContentItem.code(PROCEDURE_REPORTED, procedure));
    ContentItem group = ContentItem.container(IMAGE_LIBRARY_GROUP);
    for (ImageReference image : images) {
      group.add(Relationship.CONTAINS, ContentItem.image(image));
    }
    root.add(
        Relationship.CONTAINS,
        ContentItem.container(IMAGE_LIBRARY).add(Relationship.CONTAINS, group));
    ContentItem measurements = ContentItem.container(IMAGING_MEASUREMENTS);
    for (RegionMeasurement m : groups) {
      measurements.add(Relationship.CONTAINS, group(m));
    }
    for (EvaluationGroup e : evaluations) {
      measurements.add(Relationship.CONTAINS, group(e));
    }
    root.add(Relationship.CONTAINS, measurements);
    return root;
  }

  private ContentItem group(RegionMeasurement m) {
    ContentItem g = groupOf(m.observer(), m.trackingId(), m.trackingUid());
    g.add(Relationship.CONTAINS, ContentItem.code(FINDING, m.finding()));
    g.add(
        Relationship.CONTAINS,
        ContentItem.scoord(IMAGE_REGION, "POLYLINE", m.region())
            .add(Relationship.SELECTED_FROM, ContentItem.image(m.image())));
    if (m.algorithmName() != null) {
      g.add(Relationship.HAS_CONCEPT_MOD, ContentItem.text(ALGORITHM_NAME, m.algorithmName()));
      g.add(
          Relationship.HAS_CONCEPT_MOD, ContentItem.text(ALGORITHM_VERSION, m.algorithmVersion()));
    }
    if (m.probability() != null) {
      g.add(Relationship.CONTAINS, ContentItem.num(probabilityConcept, m.probability(), NO_UNITS));
    }
    for (RegionMeasurement.Evaluation e : m.evaluations()) {
      g.add(Relationship.CONTAINS, ContentItem.code(e.concept(), e.value()));
    }
    if (m.comment() != null && !m.comment().isBlank()) {
      g.add(Relationship.CONTAINS, ContentItem.text(COMMENT, m.comment()));
    }
    return g;
  }

  private static ContentItem group(EvaluationGroup e) {
    ContentItem g = groupOf(e.observer(), e.trackingId(), e.trackingUid());
    for (EvaluationGroup.Statement s : e.statements()) {
      g.add(Relationship.CONTAINS, ContentItem.text(s.concept(), s.text()));
    }
    return g;
  }

  /** A measurement group's container with whose it is and how it is tracked across reports. */
  private static ContentItem groupOf(String observer, String trackingId, String trackingUid) {
    ContentItem g = ContentItem.container(MEASUREMENT_GROUP);
    if (observer != null) {
      g.add(Relationship.HAS_OBS_CONTEXT, ContentItem.code(OBSERVER_TYPE, PERSON));
      g.add(Relationship.HAS_OBS_CONTEXT, ContentItem.pname(PERSON_OBSERVER_NAME, observer));
    }
    g.add(Relationship.HAS_OBS_CONTEXT, ContentItem.text(TRACKING_ID, trackingId));
    g.add(Relationship.HAS_OBS_CONTEXT, ContentItem.uidref(TRACKING_UID, trackingUid));
    return g;
  }

  /** Current Requested Procedure Evidence: every referenced image, grouped by series. */
  private List<Attributes> evidence() {
    Map<String, List<ImageReference>> bySeries = new LinkedHashMap<>();
    for (ImageReference image : images) {
      bySeries.computeIfAbsent(image.seriesInstanceUid(), k -> new ArrayList<>()).add(image);
    }
    if (bySeries.isEmpty()) {
      return List.of();
    }
    Attributes study = new Attributes(ds);
    study.putString(Tag.STUDY_INSTANCE_UID, VR.UI, source.string(Tag.STUDY_INSTANCE_UID));
    List<Attributes> series = new ArrayList<>();
    for (Map.Entry<String, List<ImageReference>> e : bySeries.entrySet()) {
      Attributes s = new Attributes(study);
      s.putString(Tag.SERIES_INSTANCE_UID, VR.UI, e.getKey());
      List<Attributes> sops = new ArrayList<>();
      for (ImageReference image : e.getValue()) {
        Attributes sop = new Attributes(s);
        sop.putString(SrTags.REFERENCED_SOP_CLASS_UID, VR.UI, image.sopClassUid());
        sop.putString(SrTags.REFERENCED_SOP_INSTANCE_UID, VR.UI, image.sopInstanceUid());
        sops.add(sop);
      }
      s.putSequence(SrTags.REFERENCED_SOP_SEQUENCE, sops);
      series.add(s);
    }
    study.putSequence(SrTags.REFERENCED_SERIES_SEQUENCE, series);
    return List.of(study);
  }

  private static VR vrOf(int tag) {
    return switch (tag) {
      case Tag.PATIENT_NAME, Tag.REFERRING_PHYSICIAN_NAME -> VR.PN;
      case Tag.PATIENT_ID -> VR.LO;
      case Tag.PATIENT_BIRTH_DATE, Tag.STUDY_DATE -> VR.DA;
      case Tag.STUDY_TIME -> VR.TM;
      case Tag.PATIENT_SEX -> VR.CS;
      case Tag.STUDY_INSTANCE_UID -> VR.UI;
      default -> VR.SH;
    };
  }
}
