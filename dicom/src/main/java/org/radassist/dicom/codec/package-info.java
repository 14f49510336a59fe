/**
 * Pixel data decoding, chosen by transfer syntax: native frames, RLE (PS3.5 Annex G), JPEG and JPEG
 * 2000 through ImageIO plugins from Maven Central, and our own decoders written from the ITU-T
 * standards where no plugin decodes correctly (JPEG-LS, 12-bit extended JPEG). Every decoder
 * returns samples that {@link org.radassist.dicom.codec.PixelDecoder} turns into stored values.
 */
package org.radassist.dicom.codec;
