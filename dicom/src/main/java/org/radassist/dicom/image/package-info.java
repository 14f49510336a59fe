/**
 * The image façade other modules call: {@link org.radassist.dicom.image.DicomImage} reads a file
 * and gives its identifying UIDs, geometry, LUTs (modality, windows, VOI tables, palette), its
 * display shutter and lazily decoded frames, hiding transfer syntaxes and codecs.
 */
package org.radassist.dicom.image;
