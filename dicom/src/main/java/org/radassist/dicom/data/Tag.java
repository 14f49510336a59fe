package org.radassist.dicom.data;

/**
 * Tags this module reads or writes by name. A tag is an int {@code 0xggggeeee}; the constants keep
 * call sites readable without a lookup at run time.
 */
public final class Tag {
  private Tag() {}

  public static final int FILE_META_INFORMATION_GROUP_LENGTH = 0x00020000;
  public static final int FILE_META_INFORMATION_VERSION = 0x00020001;
  public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
  public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
  public static final int TRANSFER_SYNTAX_UID = 0x00020010;
  public static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
  public static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;

  public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
  public static final int IMAGE_TYPE = 0x00080008;
  public static final int SOP_CLASS_UID = 0x00080016;
  public static final int SOP_INSTANCE_UID = 0x00080018;
  public static final int STUDY_DATE = 0x00080020;
  public static final int SERIES_DATE = 0x00080021;
  public static final int CONTENT_DATE = 0x00080023;
  public static final int STUDY_TIME = 0x00080030;
  public static final int SERIES_TIME = 0x00080031;
  public static final int CONTENT_TIME = 0x00080033;
  public static final int ACCESSION_NUMBER = 0x00080050;
  public static final int MODALITY = 0x00080060;
  public static final int CONVERSION_TYPE = 0x00080064;
  public static final int PRESENTATION_INTENT_TYPE = 0x00080068;
  public static final int MANUFACTURER = 0x00080070;
  public static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
  public static final int STUDY_DESCRIPTION = 0x00081030;
  public static final int SERIES_DESCRIPTION = 0x0008103E;
  public static final int MANUFACTURER_MODEL_NAME = 0x00081090;
  public static final int ANATOMIC_REGION_SEQUENCE = 0x00082218;
  public static final int ANATOMIC_REGION_CODE_MEANING = 0x00080104;

  public static final int PATIENT_NAME = 0x00100010;
  public static final int PATIENT_ID = 0x00100020;
  public static final int PATIENT_BIRTH_DATE = 0x00100030;
  public static final int PATIENT_SEX = 0x00100040;

  public static final int BODY_PART_EXAMINED = 0x00180015;
  public static final int SOFTWARE_VERSIONS = 0x00181020;
  public static final int PROTOCOL_NAME = 0x00181030;
  public static final int VIEW_POSITION = 0x00185101;
  public static final int DETECTOR_TYPE = 0x00187004;
  public static final int IMAGER_PIXEL_SPACING = 0x00181164;

  public static final int STUDY_INSTANCE_UID = 0x0020000D;
  public static final int SERIES_INSTANCE_UID = 0x0020000E;
  public static final int STUDY_ID = 0x00200010;
  public static final int SERIES_NUMBER = 0x00200011;
  public static final int INSTANCE_NUMBER = 0x00200013;
  public static final int PATIENT_ORIENTATION = 0x00200020;
  public static final int IMAGE_POSITION_PATIENT = 0x00200032;
  public static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
  public static final int LATERALITY = 0x00200060;
  public static final int IMAGE_LATERALITY = 0x00200062;

  public static final int SAMPLES_PER_PIXEL = 0x00280002;
  public static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
  public static final int PLANAR_CONFIGURATION = 0x00280006;
  public static final int NUMBER_OF_FRAMES = 0x00280008;
  public static final int ROWS = 0x00280010;
  public static final int COLUMNS = 0x00280011;
  public static final int PIXEL_SPACING = 0x00280030;
  public static final int PIXEL_ASPECT_RATIO = 0x00280034;
  public static final int BITS_ALLOCATED = 0x00280100;
  public static final int BITS_STORED = 0x00280101;
  public static final int HIGH_BIT = 0x00280102;
  public static final int PIXEL_REPRESENTATION = 0x00280103;
  public static final int PIXEL_INTENSITY_RELATIONSHIP = 0x00281040;
  public static final int PIXEL_INTENSITY_RELATIONSHIP_SIGN = 0x00281041;
  public static final int WINDOW_CENTER = 0x00281050;
  public static final int WINDOW_WIDTH = 0x00281051;
  public static final int RESCALE_INTERCEPT = 0x00281052;
  public static final int RESCALE_SLOPE = 0x00281053;
  public static final int RESCALE_TYPE = 0x00281054;
  public static final int WINDOW_CENTER_WIDTH_EXPLANATION = 0x00281055;
  public static final int VOI_LUT_FUNCTION = 0x00281056;
  public static final int RED_PALETTE_COLOR_LUT_DESCRIPTOR = 0x00281101;
  public static final int GREEN_PALETTE_COLOR_LUT_DESCRIPTOR = 0x00281102;
  public static final int BLUE_PALETTE_COLOR_LUT_DESCRIPTOR = 0x00281103;
  public static final int RED_PALETTE_COLOR_LUT_DATA = 0x00281201;
  public static final int GREEN_PALETTE_COLOR_LUT_DATA = 0x00281202;
  public static final int BLUE_PALETTE_COLOR_LUT_DATA = 0x00281203;
  public static final int SEGMENTED_RED_PALETTE_COLOR_LUT_DATA = 0x00281221;
  public static final int SEGMENTED_GREEN_PALETTE_COLOR_LUT_DATA = 0x00281222;
  public static final int SEGMENTED_BLUE_PALETTE_COLOR_LUT_DATA = 0x00281223;
  public static final int BURNED_IN_ANNOTATION = 0x00280301;
  public static final int LOSSY_IMAGE_COMPRESSION = 0x00282110;
  public static final int LOSSY_IMAGE_COMPRESSION_RATIO = 0x00282112;
  public static final int LOSSY_IMAGE_COMPRESSION_METHOD = 0x00282114;
  public static final int MODALITY_LUT_SEQUENCE = 0x00283000;
  public static final int LUT_DESCRIPTOR = 0x00283002;
  public static final int LUT_EXPLANATION = 0x00283003;
  public static final int MODALITY_LUT_TYPE = 0x00283004;
  public static final int LUT_DATA = 0x00283006;
  public static final int VOI_LUT_SEQUENCE = 0x00283010;
  public static final int PRESENTATION_LUT_SHAPE = 0x20500020;

  public static final int DIRECTORY_RECORD_SEQUENCE = 0x00041220;
  public static final int OFFSET_OF_NEXT_DIRECTORY_RECORD = 0x00041400;
  public static final int OFFSET_OF_REFERENCED_LOWER_LEVEL_DIRECTORY_ENTITY = 0x00041420;
  public static final int DIRECTORY_RECORD_TYPE = 0x00041430;
  public static final int REFERENCED_FILE_ID = 0x00041500;
  public static final int REFERENCED_SOP_CLASS_UID_IN_FILE = 0x00041510;
  public static final int REFERENCED_SOP_INSTANCE_UID_IN_FILE = 0x00041511;
  public static final int REFERENCED_TRANSFER_SYNTAX_UID_IN_FILE = 0x00041512;

  public static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
  public static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
  public static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
  public static final int FRAME_VOI_LUT_SEQUENCE = 0x00289132;
  public static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
  public static final int PLANE_POSITION_SEQUENCE = 0x00209113;

  public static final int FLOAT_PIXEL_DATA = 0x7FE00008;
  public static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
  public static final int PIXEL_DATA = 0x7FE00010;

  public static final int ITEM = 0xFFFEE000;
  public static final int ITEM_DELIMITATION = 0xFFFEE00D;
  public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

  public static int group(int tag) {
    return tag >>> 16;
  }

  public static int element(int tag) {
    return tag & 0xFFFF;
  }

  /** Private data elements live in odd groups (PS3.5 7.8). */
  public static boolean isPrivate(int tag) {
    return (group(tag) & 1) == 1;
  }

  /** The form dcmdump and the standard print, e.g. {@code (0028,0010)}. */
  public static String toString(int tag) {
    return String.format("(%04X,%04X)", group(tag), element(tag));
  }

  /** The form used as a JSON key when a tag has no keyword, e.g. {@code 0029,1010}. */
  public static String toKey(int tag) {
    return String.format("%04X,%04X", group(tag), element(tag));
  }
}
