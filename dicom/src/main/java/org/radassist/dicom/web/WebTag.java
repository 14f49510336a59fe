package org.radassist.dicom.web;

/** Tags only query and store answers use (PS3.18 10.6, 10.5); image tags live in {@code Tag}. */
final class WebTag {
  private WebTag() {}

  static final int MODALITIES_IN_STUDY = 0x00080061;
  static final int RETRIEVE_URL = 0x00081190;
  static final int FAILURE_REASON = 0x00081197;
  static final int FAILED_SOP_SEQUENCE = 0x00081198;
  static final int REFERENCED_SOP_SEQUENCE = 0x00081199;
  static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
  static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
  static final int WARNING_REASON = 0x00081196;
  static final int NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
  static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
  static final int NUMBER_OF_SERIES_RELATED_INSTANCES = 0x00201209;
}
