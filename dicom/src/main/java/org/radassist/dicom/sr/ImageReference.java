package org.radassist.dicom.sr;

/**
 * An image a report points at. {@code frame} is the 1-based frame number for multi-frame images and
 * {@code null} for single-frame ones, where PS3.3 C.18.4 wants no Referenced Frame Number.
 */
public record ImageReference(
    String studyInstanceUid,
    String seriesInstanceUid,
    String sopClassUid,
    String sopInstanceUid,
    Integer frame) {}
