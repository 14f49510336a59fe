package org.radassist.dicom.codec;

import org.radassist.dicom.pixel.Photometric;

/**
 * What a codec returns: samples interleaved, row-major, as the codestream holds them (not yet
 * masked to Bits Stored), and the photometric interpretation they are in, which differs from the
 * file's when the codec converted colour (e.g. JPEG YCbCr to RGB).
 */
public record DecodedFrame(int[] samples, Photometric photometric) {}
