/**
 * Pixel data decoding, chosen by transfer syntax: native frames, RLE (PS3.5 Annex G), JPEG 2000
 * through JAI from Maven Central, and our own decoders written from the ITU-T standards where no
 * plugin decodes like GDCM (JPEG-LS, and all JPEG processes: TwelveMonkeys fails on 12-bit and
 * differs on colour and some lossless streams). Every decoder returns samples that {@link
 * org.radassist.dicom.codec.PixelDecoder} turns into stored values.
 */
package org.radassist.dicom.codec;
