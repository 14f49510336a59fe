package org.radassist.dicom.codec;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Frames that are native pixels inside an encapsulation: Encapsulated Uncompressed (PS3.5 A.4.11)
 * and Deflated Image Frame Compression (PS3.5 A.4.12), each frame deflated on its own.
 */
public final class NativeFrameCodec implements FrameCodec {
  private final boolean deflated;

  public NativeFrameCodec(boolean deflated) {
    this.deflated = deflated;
  }

  @Override
  public DecodedFrame decode(byte[] data, PixelFormat f) throws CodecException {
    byte[] raw = deflated ? inflate(data, (f.nativeFrameBits() + 7) / 8) : data;
    return NativePixels.decode(raw, 0, raw.length, false, false, f, 0);
  }

  private static byte[] inflate(byte[] data, long expected) throws CodecException {
    if (expected > Integer.MAX_VALUE - 16) {
      throw new CodecException("frame of " + expected + " bytes is too large");
    }
    boolean zlib =
        data.length > 2
            && (data[0] & 0x0F) == 8
            && ((data[0] & 0xFF) << 8 | (data[1] & 0xFF)) % 31 == 0;
    Inflater inf = new Inflater(!zlib);
    try {
      inf.setInput(data);
      byte[] out = new byte[(int) expected];
      int n = 0;
      while (n < out.length && !inf.finished()) {
        int k = inf.inflate(out, n, out.length - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (n < out.length) {
        throw new CodecException(
            "deflated frame expands to " + n + " bytes, " + expected + " expected");
      }
      return out;
    } catch (DataFormatException e) {
      throw new CodecException("deflated frame is corrupt: " + e.getMessage(), e);
    } finally {
      inf.end();
    }
  }
}
