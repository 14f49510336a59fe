package org.radassist.dicom.web;

import org.radassist.dicom.data.Tag;

/** One instance of a study as QIDO-RS lists it. */
public record InstanceSummary(
    String sopClassUid, String sopInstanceUid, String seriesInstanceUid, String modality) {

  static InstanceSummary of(DicomJson d) {
    return new InstanceSummary(
        d.string(Tag.SOP_CLASS_UID),
        d.string(Tag.SOP_INSTANCE_UID),
        d.string(Tag.SERIES_INSTANCE_UID),
        d.string(Tag.MODALITY));
  }
}
