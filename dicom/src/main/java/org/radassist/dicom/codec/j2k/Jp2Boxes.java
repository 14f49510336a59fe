package org.radassist.dicom.codec.j2k;

/**
 * Finds the codestream in a JP2 file (T.800 Annex I): some DICOM encoders store the whole JP2 file
 * in the frame, where PS3.5 A.4.4 wants the bare codestream; its 'jp2c' box holds it.
 */
final class Jp2Boxes {
  private static final int JP2C = 0x6A703263;
  private static final int SIGNATURE = 0x6A502020;

  private Jp2Boxes() {}

  /** {start, end} of the codestream in {@code d}. */
  static int[] codestream(byte[] d) throws J2kException {
    if (d.length >= 2 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0x4F) {
      return new int[] {0, d.length};
    }
    if (d.length < 12 || u32(d, 4) != SIGNATURE) {
      throw new J2kException("data is neither a codestream (FF4F) nor a JP2 file");
    }
    long pos = 0;
    while (pos + 8 <= d.length) {
      long len = u32(d, (int) pos);
      int type = (int) u32(d, (int) pos + 4);
      long header = 8;
      if (len == 1) {
        if (pos + 16 > d.length) {
          break;
        }
        len = (u32(d, (int) pos + 8) << 32) | u32(d, (int) pos + 12);
        header = 16;
      } else if (len == 0) {
        len = d.length - pos;
      }
      if (len < header) {
        throw new J2kException("JP2 box at " + pos + " has length " + len);
      }
      if (type == JP2C) {
        return new int[] {(int) (pos + header), (int) Math.min(d.length, pos + len)};
      }
      pos += len;
    }
    throw new J2kException("JP2 file has no codestream box (jp2c)");
  }

  private static long u32(byte[] d, int p) {
    return ((long) (d[p] & 0xFF) << 24)
        | ((d[p + 1] & 0xFF) << 16)
        | ((d[p + 2] & 0xFF) << 8)
        | (d[p + 3] & 0xFF);
  }
}
