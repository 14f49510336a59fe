/**
 * The study model the workstation browses: {@link org.radassist.dicom.model.Study} ▸ {@link
 * org.radassist.dicom.model.Series} ▸ {@link org.radassist.dicom.model.Instance} ▸ frames, built by
 * {@link org.radassist.dicom.model.StudyLoader} from files, folders, zip archives and DICOMDIRs,
 * metadata first and pixels lazily, with a {@link org.radassist.dicom.model.LoadReport} of what
 * failed and why.
 */
package org.radassist.dicom.model;
