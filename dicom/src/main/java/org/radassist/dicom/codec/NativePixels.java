package org.radassist.dicom.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.SampleBands;

/**
 * Native (uncompressed) Pixel Data (PS3.5 8.1): frames back to back, bits packed for 1-bit data,
 * 16- and 32-bit words in the byte order of the transfer syntax, colour by pixel or by plane. YBR
 * 4:2:2 is widened to one Cb/Cr pair per pixel, as GDCM and pydicom do. 8-bit samples in a big
 * endian OW value are bytes of swapped 16-bit words (PS3.5 7.3, as dcmconv +tb writes them).
 */
public final class NativePixels {
  // One 16-bit load per sample instead of two byte loads and a shift.
  private static final VarHandle LITTLE_ENDIAN_WORDS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BIG_ENDIAN_WORDS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private NativePixels() {}

  public static DecodedFrame decode(
      byte[] buf,
      int offset,
      int length,
      boolean bigEndian,
      boolean words,
      PixelFormat f,
      int index)
      throws CodecException {
    long frameBits = f.nativeFrameBits();
    long startBit = frameBits * index;
    if ((startBit + frameBits + 7) / 8 > length) {
      throw new CodecException(
          "Pixel Data holds "
              + length
              + " bytes, frame "
              + (index + 1)
              + " of "
              + f.rows()
              + "x"
              + f.columns()
              + "x"
              + f.samplesPerPixel()
              + " at "
              + f.bitsAllocated()
              + " bits needs "
              + (startBit + frameBits + 7) / 8);
    }
    int start = offset + (int) (startBit / 8);
    boolean subsampled =
        f.photometric() == Photometric.YBR_FULL_422
            || f.photometric() == Photometric.YBR_PARTIAL_422;
    int count = subsampled ? f.rows() * f.columns() * 2 : f.samplesPerFrame();
    int[] raw = new int[count];
    switch (f.bitsAllocated()) {
      case 1 -> {
        // Bits are packed into bytes, and in a big endian OW value those bytes sit in swapped
        // 16-bit words like any other OW content.
        int swap = bigEndian && words ? 1 : 0;
        long bit = startBit;
        for (int i = 0; i < count; i++, bit++) {
          raw[i] = (buf[offset + ((int) (bit >> 3) ^ swap)] >> (int) (bit & 7)) & 1;
        }
      }
      case 8 -> {
        int swap = bigEndian && words ? 1 : 0;
        for (int i = 0, p = start - offset; i < count; i++, p++) {
          raw[i] = buf[offset + (p ^ swap)] & 0xFF;
        }
      }
      case 16 -> {
        SampleBands.run(
            count,
            (from, to) -> {
              // The handles are read from their static final fields inside the loop: held in a
              // local, a VarHandle is not constant-folded and each access costs a call.
              if (bigEndian) {
                for (int i = from, p = start + 2 * from; i < to; i++, p += 2) {
                  raw[i] = (short) BIG_ENDIAN_WORDS.get(buf, p) & 0xFFFF;
                }
              } else {
                for (int i = from, p = start + 2 * from; i < to; i++, p += 2) {
                  raw[i] = (short) LITTLE_ENDIAN_WORDS.get(buf, p) & 0xFFFF;
                }
              }
            });
      }
      case 32 -> {
        for (int i = 0, p = start; i < count; i++, p += 4) {
          raw[i] =
              bigEndian
                  ? ((buf[p] & 0xFF) << 24)
                      | ((buf[p + 1] & 0xFF) << 16)
                      | ((buf[p + 2] & 0xFF) << 8)
                      | (buf[p + 3] & 0xFF)
                  : (buf[p] & 0xFF)
                      | ((buf[p + 1] & 0xFF) << 8)
                      | ((buf[p + 2] & 0xFF) << 16)
                      | ((buf[p + 3] & 0xFF) << 24);
        }
      }
      default -> throw new CodecException("Bits Allocated " + f.bitsAllocated() + " unsupported");
    }
    if (subsampled) {
      return new DecodedFrame(widen422(raw, f), Photometric.YBR_FULL);
    }
    if (f.samplesPerPixel() > 1 && f.planarConfiguration() == 1) {
      return new DecodedFrame(interleave(raw, f), f.photometric());
    }
    return new DecodedFrame(raw, f.photometric());
  }

  private static int[] widen422(int[] raw, PixelFormat f) {
    int pixels = f.rows() * f.columns();
    int[] out = new int[pixels * 3];
    for (int i = 0, p = 0; i < pixels && p + 3 < raw.length; i += 2, p += 4) {
      int cb = raw[p + 2];
      int cr = raw[p + 3];
      out[3 * i] = raw[p];
      out[3 * i + 1] = cb;
      out[3 * i + 2] = cr;
      if (i + 1 < pixels) {
        out[3 * i + 3] = raw[p + 1];
        out[3 * i + 4] = cb;
        out[3 * i + 5] = cr;
      }
    }
    return out;
  }

  /** Planar configuration 1 (all red, then all green, then all blue) to interleaved. */
  static int[] interleave(int[] planar, PixelFormat f) {
    int pixels = f.rows() * f.columns();
    int spp = f.samplesPerPixel();
    int[] out = new int[planar.length];
    for (int s = 0; s < spp; s++) {
      for (int i = 0; i < pixels; i++) {
        out[i * spp + s] = planar[s * pixels + i];
      }
    }
    return out;
  }
}
