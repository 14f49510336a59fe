/**
 * Pixel data decoding, chosen by transfer syntax: native frames, RLE (PS3.5 Annex G), and our own
 * decoders written from the ITU-T standards because no plugin on Maven Central decodes like GDCM
 * (JPEG-LS; all JPEG processes, where TwelveMonkeys fails on 12-bit and differs on colour; JPEG
 * 2000, where JAI differs on some lossless streams, hangs on corrupt ones and is slow). Every
 * decoder returns samples that {@link org.radassist.dicom.codec.PixelDecoder} turns into stored
 * values.
 */
package org.radassist.dicom.codec;
