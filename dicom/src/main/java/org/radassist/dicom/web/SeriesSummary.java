package org.radassist.dicom.web;

import org.radassist.dicom.data.Tag;

/** One series of a study as QIDO-RS lists it; {@code instanceCount} is -1 when not given. */
public record SeriesSummary(
    String seriesInstanceUid,
    String modality,
    Integer seriesNumber,
    String description,
    int instanceCount) {

  static SeriesSummary of(DicomJson d) {
    return new SeriesSummary(
        d.string(Tag.SERIES_INSTANCE_UID),
        d.string(Tag.MODALITY),
        d.intValue(Tag.SERIES_NUMBER).isPresent() ? d.intValue(Tag.SERIES_NUMBER).getAsInt() : null,
        d.string(Tag.SERIES_DESCRIPTION),
        d.intValue(WebTag.NUMBER_OF_SERIES_RELATED_INSTANCES).orElse(-1));
  }
}
