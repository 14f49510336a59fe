/**
 * Getting a read off the workstation in the formats hospitals take: a DICOM Structured Report (TID
 * 1500) of findings and decisions, a Secondary Capture of the image with the AI overlay, a PDF
 * report and JSON, each optionally de-identified with the PS3.15 Annex E Basic Profile. {@link
 * org.radassist.app.session.export.StudyExporter} is the one entry point; every export is audited.
 */
package org.radassist.app.session.export;
