/**
 * Performance figures for {@code radassist bench dicom}: {@link
 * org.radassist.dicom.bench.DicomBench} times decoding per transfer syntax and time to first image
 * beside GDCM, pydicom and dcmtk on the same files, so a regression against the reference toolkits
 * is visible as a number.
 */
package org.radassist.dicom.bench;
