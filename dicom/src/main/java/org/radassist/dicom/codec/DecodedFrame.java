package org.radassist.dicom.codec;

import org.radassist.dicom.pixel.Photometric;

/**
 * What a codec returns: samples interleaved, row-major, as the codestream holds them (not yet
 * masked to Bits Stored), and the photometric interpretation they are in, which differs from the
 * file's when the codec converted colour (e.g. JPEG YCbCr to RGB).
 */
public record DecodedFrame(int[] samples, Photometric photometric) {

  /**
   * In place: saturates samples of a lossy codestream whose precision exceeds Bits Stored to the
   * Bits Stored range. Lossy coding overshoots near the ends of the range (a 12-bit white of 4095
   * comes back as 4128 from a 16-bit JPEG 2000 codestream), and the masking that native words need
   * would wrap that white to black. An unsigned codestream of a signed image holds two's complement
   * patterns: sign-extended over the codestream's precision they are values again, unless the
   * writer left the bits above Bits Stored zero, which shows as a value far outside the range and
   * is left to the masking.
   */
  public static void saturateOvershoot(
      int[] samples, PixelFormat f, int codestreamPrecision, boolean codestreamSigned) {
    int bits = f.bitsStored();
    if (codestreamPrecision <= bits || bits >= 32) {
      return;
    }
    int lo = f.signed() ? -(1 << (bits - 1)) : 0;
    int hi = f.signed() ? (1 << (bits - 1)) - 1 : (int) ((1L << bits) - 1);
    if (codestreamSigned || !f.signed()) {
      for (int i = 0; i < samples.length; i++) {
        samples[i] = Math.max(lo, Math.min(hi, samples[i]));
      }
      return;
    }
    int shift = 32 - Math.min(32, codestreamPrecision);
    int slack = 1 << (bits - 2);
    for (int i = 0; i < samples.length; i++) {
      int v = (samples[i] << shift) >> shift;
      if (v >= lo - slack && v <= hi + slack) {
        samples[i] = Math.max(lo, Math.min(hi, v));
      }
    }
  }
}
