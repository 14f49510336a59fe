/**
 * Decoded pixels and the lookup tables that turn them into something to look at: a {@link
 * org.radassist.dicom.pixel.Frame} holds the stored values of one frame exactly as the file encodes
 * them (after decompression, before any LUT), {@link org.radassist.dicom.pixel.ModalityLut} maps
 * them to modality units (e.g. Hounsfield), and {@link org.radassist.dicom.pixel.VoiLut} maps those
 * to display intensities. These are the pixel types the inference module builds on.
 */
package org.radassist.dicom.pixel;
