package org.radassist.app.session.export;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.sr.Code;
import org.radassist.dicom.sr.SrTags;

/**
 * De-identification with the Basic Application Level Confidentiality Profile of PS3.15 Annex E and
 * its Clean Structured Content option, for the data sets RadAssist writes; pixel data is not
 * cleaned (no Clean Pixel Data Option). Identifying attributes are emptied (Z) or removed (X);
 * instance UIDs are replaced (U) by UIDs derived from the original with a secret of the reading
 * database, so the SR, the Secondary Capture and the JSON of one study keep pointing at each other
 * after de-identification, yet the originals cannot be recovered from them. Person names anywhere
 * become "ANONYMOUS"; free-text comments are dropped from SR content.
 */
public final class Deidentifier {
  static final int PATIENT_IDENTITY_REMOVED = 0x00120062;
  static final int DEIDENTIFICATION_METHOD = 0x00120063;
  static final int DEIDENTIFICATION_METHOD_CODE_SEQUENCE = 0x00120064;

  public static final String ANONYMOUS = "ANONYMOUS";
  private static final String DUMMY_DATE = "19000101";
  private static final String DUMMY_TIME = "000000";

  private static final Set<Integer> EMPTIED =
      Set.of(
          Tag.PATIENT_NAME,
          Tag.PATIENT_BIRTH_DATE,
          Tag.PATIENT_SEX,
          Tag.ACCESSION_NUMBER,
          Tag.STUDY_ID,
          Tag.REFERRING_PHYSICIAN_NAME,
          Tag.STUDY_DATE,
          Tag.STUDY_TIME);

  private static final Set<Integer> REMOVED =
      Set.of(
          Tag.STUDY_DESCRIPTION,
          Tag.SERIES_DESCRIPTION,
          Tag.SERIES_DATE,
          Tag.SERIES_TIME,
          Tag.IMAGE_POSITION_PATIENT,
          0x00080080, // Institution Name
          0x00080081, // Institution Address
          0x00081010, // Station Name
          0x00081040, // Institutional Department Name
          0x00081070, // Operators' Name
          0x00081050, // Performing Physician's Name
          0x00101000, // Other Patient IDs
          0x00101001, // Other Patient Names
          0x00101010, // Patient's Age
          0x00101020, // Patient's Size
          0x00101030, // Patient's Weight
          0x00104000, // Patient Comments
          0x00321032, // Requesting Physician
          0x00400275, // Request Attributes Sequence
          0x00181000, // Device Serial Number
          0x0040A073, // Verifying Observer Sequence
          0x00080092, // Referring Physician's Address
          0x00080094); // Referring Physician's Telephone Numbers

  private static final Set<Integer> UIDS_REPLACED =
      Set.of(
          Tag.STUDY_INSTANCE_UID,
          Tag.SERIES_INSTANCE_UID,
          Tag.SOP_INSTANCE_UID,
          Tag.MEDIA_STORAGE_SOP_INSTANCE_UID,
          SrTags.REFERENCED_SOP_INSTANCE_UID,
          SrTags.UID,
          0x00200052); // Frame of Reference UID

  private static final Code COMMENT = Code.dcm("121106", "Comment");
  private static final Code BASIC_PROFILE =
      Code.dcm("113100", "Basic Application Confidentiality Profile");
  private static final Code CLEAN_STRUCTURED_CONTENT =
      Code.dcm("113104", "Clean Structured Content Option");

  private final String secret;

  /** {@code secret} keys the UID replacement; the same secret gives the same replacements. */
  public Deidentifier(String secret) {
    this.secret = secret;
  }

  /** Replaces a UID by one derived from it and the secret, under the 2.25 root. */
  public String uid(String original) {
    if (original == null) {
      return null;
    }
    byte[] d = digest("uid:" + original);
    return "2.25." + new BigInteger(1, java.util.Arrays.copyOf(d, 16));
  }

  /** A stable pseudonym for a patient ID, so exports of one patient stay together. */
  public String patientId(String original) {
    return "ANON-" + HexFormat.of().formatHex(digest("pid:" + original), 0, 6).toUpperCase();
  }

  /** De-identifies {@code ds} in place. */
  public void apply(Attributes ds) {
    String patientId = ds.string(Tag.PATIENT_ID);
    clean(ds);
    ds.putString(Tag.PATIENT_ID, VR.LO, patientId == null ? "" : patientId(patientId));
    ds.putString(PATIENT_IDENTITY_REMOVED, VR.CS, "YES");
    // PS3.15 E.1.1 asks the method to say what was done. Pixels are never cleaned (callers refuse
    // sources with burned-in identity), so an image claims the Basic Profile alone and says so;
    // only content items can have had their free text and names cleaned.
    if (ds.get(Tag.PIXEL_DATA) != null) {
      ds.putString(
          DEIDENTIFICATION_METHOD, VR.LO, "PS3.15 E.1 Basic Profile; pixel data not cleaned");
      ds.putSequence(DEIDENTIFICATION_METHOD_CODE_SEQUENCE, List.of(BASIC_PROFILE.toItem(ds)));
    } else {
      ds.putString(
          DEIDENTIFICATION_METHOD, VR.LO, "PS3.15 E.1 Basic Profile, Clean Structured Content");
      ds.putSequence(
          DEIDENTIFICATION_METHOD_CODE_SEQUENCE,
          List.of(BASIC_PROFILE.toItem(ds), CLEAN_STRUCTURED_CONTENT.toItem(ds)));
    }
  }

  private void clean(Attributes ds) {
    for (DicomElement e : new ArrayList<>(ds.elements())) {
      int tag = e.tag();
      if (Tag.isPrivate(tag) || REMOVED.contains(tag)) {
        ds.remove(tag);
      } else if (EMPTIED.contains(tag)) {
        ds.putString(tag, e.vr(), "");
      } else if (tag == Tag.CONTENT_DATE) {
        // Type 1 in SR documents, so the profile's D (dummy value) rather than Z.
        ds.putString(tag, VR.DA, DUMMY_DATE);
      } else if (tag == Tag.CONTENT_TIME) {
        ds.putString(tag, VR.TM, DUMMY_TIME);
      } else if (UIDS_REPLACED.contains(tag) && e.vr() == VR.UI) {
        ds.putString(tag, VR.UI, uid(ds.string(tag)));
      } else if (e.vr() == VR.PN) {
        ds.putString(tag, VR.PN, ANONYMOUS);
      } else if (e.isSequence()) {
        List<Attributes> kept = new ArrayList<>();
        for (Attributes item : e.items()) {
          if (!isComment(item)) {
            clean(item);
            kept.add(item);
          }
        }
        ds.putSequence(tag, kept);
      }
    }
  }

  /** A TEXT content item named Comment: free text that may name anyone, so it goes. */
  private static boolean isComment(Attributes item) {
    if (!"TEXT".equals(item.string(SrTags.VALUE_TYPE))) {
      return false;
    }
    List<Attributes> names = item.sequence(SrTags.CONCEPT_NAME_CODE_SEQUENCE);
    return !names.isEmpty() && Code.of(names.get(0)).equals(COMMENT);
  }

  private byte[] digest(String value) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(secret.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      return md.digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
