/**
 * JPEG 2000 Part 1 decoding (ITU-T T.800) written from the standard: codestream and JP2 parsing,
 * packet headers with tag trees, the MQ arithmetic decoder and EBCOT code-block passes,
 * dequantisation, the inverse 5/3 and 9/7 wavelets and the inverse component transforms. Geometry
 * follows the reference grid of T.800 Annex B with 64-bit coordinates, because DICOM encoders put
 * image origins beyond 2^31; results match OpenJPEG, the decoder GDCM uses, sample for sample.
 */
package org.radassist.dicom.codec.j2k;
