/**
 * Writing DICOM: {@link org.radassist.dicom.write.DicomWriter} encodes a data set as a Part 10
 * file, and the builders assemble complete DX (For Presentation) and Secondary Capture data sets
 * with fresh 2.25 UIDs, for results the workstation stores back to PACS.
 */
package org.radassist.dicom.write;
