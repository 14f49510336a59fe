/**
 * DICOM Structured Reports: a content tree of coded items ({@link
 * org.radassist.dicom.sr.ContentItem}) and {@link org.radassist.dicom.sr.StructuredReportBuilder},
 * which writes the AI findings of an image and the reader's verdict on each as a TID 1500 Imaging
 * Measurement Report in a Comprehensive SR, the form PACS and reporting systems already index.
 */
package org.radassist.dicom.sr;
