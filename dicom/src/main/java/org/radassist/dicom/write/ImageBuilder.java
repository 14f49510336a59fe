package org.radassist.dicom.write;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;

/**
 * What every image IOD written here shares: the Patient, General Study, General Series, General
 * Equipment, General Image and SOP Common modules. Missing identifiers get fresh 2.25 UIDs, so a
 * built data set is always complete enough for PACS to accept it.
 */
public abstract class ImageBuilder<B extends ImageBuilder<B>> {
  private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

  protected final Attributes ds = new Attributes();
  private String studyUid;
  private String seriesUid;
  private String sopInstanceUid;

  protected ImageBuilder() {
    ds.putString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
    LocalDateTime now = LocalDateTime.now();
    ds.putString(Tag.STUDY_DATE, VR.DA, DA.format(now));
    ds.putString(Tag.STUDY_TIME, VR.TM, TM.format(now));
    ds.putString(Tag.CONTENT_DATE, VR.DA, DA.format(now));
    ds.putString(Tag.CONTENT_TIME, VR.TM, TM.format(now));
    ds.putString(Tag.PATIENT_NAME, VR.PN, "");
    ds.putString(Tag.PATIENT_ID, VR.LO, "");
    ds.putString(Tag.PATIENT_BIRTH_DATE, VR.DA, "");
    ds.putString(Tag.PATIENT_SEX, VR.CS, "");
    ds.putString(Tag.REFERRING_PHYSICIAN_NAME, VR.PN, "");
    ds.putString(Tag.STUDY_ID, VR.SH, "");
    ds.putString(Tag.ACCESSION_NUMBER, VR.SH, "");
    ds.putString(Tag.SERIES_NUMBER, VR.IS, "1");
    ds.putString(Tag.INSTANCE_NUMBER, VR.IS, "1");
    ds.putString(Tag.MANUFACTURER, VR.LO, "RadAssist");
    ds.putString(Tag.PATIENT_ORIENTATION, VR.CS, "");
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  public B patient(String name, String id, String birthDate, String sex) {
    ds.putString(Tag.PATIENT_NAME, VR.PN, nz(name));
    ds.putString(Tag.PATIENT_ID, VR.LO, nz(id));
    ds.putString(Tag.PATIENT_BIRTH_DATE, VR.DA, nz(birthDate));
    ds.putString(Tag.PATIENT_SEX, VR.CS, nz(sex));
    return self();
  }

  public B study(
      String studyInstanceUid, String studyId, String accessionNumber, String description) {
    this.studyUid = studyInstanceUid;
    ds.putString(Tag.STUDY_ID, VR.SH, nz(studyId));
    ds.putString(Tag.ACCESSION_NUMBER, VR.SH, nz(accessionNumber));
    if (description != null) {
      ds.putString(Tag.STUDY_DESCRIPTION, VR.LO, description);
    }
    return self();
  }

  public B studyDateTime(LocalDateTime when) {
    ds.putString(Tag.STUDY_DATE, VR.DA, DA.format(when));
    ds.putString(Tag.STUDY_TIME, VR.TM, TM.format(when));
    return self();
  }

  public B series(String seriesInstanceUid, int seriesNumber, String description) {
    this.seriesUid = seriesInstanceUid;
    ds.putString(Tag.SERIES_NUMBER, VR.IS, Integer.toString(seriesNumber));
    if (description != null) {
      ds.putString(Tag.SERIES_DESCRIPTION, VR.LO, description);
    }
    return self();
  }

  public B instance(String sopInstanceUid, int instanceNumber) {
    this.sopInstanceUid = sopInstanceUid;
    ds.putString(Tag.INSTANCE_NUMBER, VR.IS, Integer.toString(instanceNumber));
    return self();
  }

  public B equipment(String manufacturer, String modelName, String softwareVersions) {
    ds.putString(Tag.MANUFACTURER, VR.LO, nz(manufacturer));
    if (modelName != null) {
      ds.putString(Tag.MANUFACTURER_MODEL_NAME, VR.LO, modelName);
    }
    if (softwareVersions != null) {
      ds.putString(Tag.SOFTWARE_VERSIONS, VR.LO, softwareVersions);
    }
    return self();
  }

  public B bodyPart(String bodyPartExamined) {
    ds.putString(Tag.BODY_PART_EXAMINED, VR.CS, nz(bodyPartExamined));
    return self();
  }

  /** Any further attribute the caller needs (e.g. a private tag), written as given. */
  public B put(DicomElement element) {
    ds.put(element);
    return self();
  }

  protected static String nz(String s) {
    return s == null ? "" : s;
  }

  protected abstract void complete();

  /** The finished data set; call {@link DicomWriter#write} to store it. */
  public Attributes build() {
    complete();
    ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, studyUid != null ? studyUid : Uids.generate());
    ds.putString(Tag.SERIES_INSTANCE_UID, VR.UI, seriesUid != null ? seriesUid : Uids.generate());
    ds.putString(
        Tag.SOP_INSTANCE_UID, VR.UI, sopInstanceUid != null ? sopInstanceUid : Uids.generate());
    return ds;
  }

  protected void pixelModule(
      int rows,
      int columns,
      int samples,
      String photometric,
      int allocated,
      int stored,
      boolean signed) {
    ds.putInt(Tag.SAMPLES_PER_PIXEL, VR.US, samples);
    ds.putString(Tag.PHOTOMETRIC_INTERPRETATION, VR.CS, photometric);
    if (samples > 1) {
      ds.putInt(Tag.PLANAR_CONFIGURATION, VR.US, 0);
    }
    ds.putInt(Tag.ROWS, VR.US, rows);
    ds.putInt(Tag.COLUMNS, VR.US, columns);
    ds.putInt(Tag.BITS_ALLOCATED, VR.US, allocated);
    ds.putInt(Tag.BITS_STORED, VR.US, stored);
    ds.putInt(Tag.HIGH_BIT, VR.US, stored - 1);
    ds.putInt(Tag.PIXEL_REPRESENTATION, VR.US, signed ? 1 : 0);
  }

  protected static byte[] pack(int[] samples, int bytesPerSample, int bits) {
    Objects.requireNonNull(samples);
    byte[] out =
        new byte[samples.length * bytesPerSample + ((samples.length * bytesPerSample) & 1)];
    int mask = bits >= 32 ? -1 : (1 << bits) - 1;
    for (int i = 0; i < samples.length; i++) {
      int v = samples[i] & mask;
      if (bytesPerSample == 1) {
        out[i] = (byte) v;
      } else {
        out[2 * i] = (byte) v;
        out[2 * i + 1] = (byte) (v >>> 8);
      }
    }
    return out;
  }
}
