package org.radassist.dicom.sr;

/** Tags of the SR Document and content item modules (PS3.3 C.17), beside the ones in Tag. */
public final class SrTags {
  private SrTags() {}

  public static final int CODE_VALUE = 0x00080100;
  public static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
  public static final int CODE_MEANING = 0x00080104;
  public static final int MAPPING_RESOURCE = 0x00080105;
  public static final int CODING_SCHEME_IDENTIFICATION_SEQUENCE = 0x00080110;
  public static final int CODING_SCHEME_NAME = 0x00080115;
  public static final int CODING_SCHEME_RESPONSIBLE_ORGANIZATION = 0x00080116;
  public static final int REFERENCED_PERFORMED_PROCEDURE_STEP_SEQUENCE = 0x00081111;
  public static final int REFERENCED_SERIES_SEQUENCE = 0x00081115;
  public static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
  public static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
  public static final int REFERENCED_FRAME_NUMBER = 0x00081160;
  public static final int REFERENCED_SOP_SEQUENCE = 0x00081199;
  public static final int MEASUREMENT_UNITS_CODE_SEQUENCE = 0x004008EA;
  public static final int RELATIONSHIP_TYPE = 0x0040A010;
  public static final int VERIFYING_OBSERVER_SEQUENCE = 0x0040A073;
  public static final int VALUE_TYPE = 0x0040A040;
  public static final int CONCEPT_NAME_CODE_SEQUENCE = 0x0040A043;
  public static final int CONTINUITY_OF_CONTENT = 0x0040A050;
  public static final int DATE_TIME = 0x0040A120;
  public static final int PERSON_NAME = 0x0040A123;
  public static final int UID = 0x0040A124;
  public static final int TEXT_VALUE = 0x0040A160;
  public static final int CONCEPT_CODE_SEQUENCE = 0x0040A168;
  public static final int MEASURED_VALUE_SEQUENCE = 0x0040A300;
  public static final int NUMERIC_VALUE = 0x0040A30A;
  public static final int PERFORMED_PROCEDURE_CODE_SEQUENCE = 0x0040A372;
  public static final int CURRENT_REQUESTED_PROCEDURE_EVIDENCE_SEQUENCE = 0x0040A375;
  public static final int COMPLETION_FLAG = 0x0040A491;
  public static final int VERIFICATION_FLAG = 0x0040A493;
  public static final int CONTENT_TEMPLATE_SEQUENCE = 0x0040A504;
  public static final int CONTENT_SEQUENCE = 0x0040A730;
  public static final int TEMPLATE_IDENTIFIER = 0x0040DB00;
  public static final int GRAPHIC_DATA = 0x00700022;
  public static final int GRAPHIC_TYPE = 0x00700023;
}
