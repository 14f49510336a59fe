package org.radassist.dicom.codec.j2k;

/**
 * Reads packets (T.800 B.9, B.10) of one tile: the header says which code-blocks contribute how
 * many passes and bytes, the body carries those bytes. Headers come in-line, or from PPM/PPT when
 * the encoder moved them there.
 */
final class PacketReader {
  private static final int SOP = 0x91;
  private static final int EPH = 0x92;

  private final byte[] body;
  private int bodyPos;
  private final byte[] headers;
  private int headerPos;
  private final boolean sop;
  private final boolean eph;
  private CodeBlock[] pending = new CodeBlock[16];
  private int[] pendingLength = new int[16];

  PacketReader(byte[] body, byte[] headers, boolean sop, boolean eph) {
    this.body = body;
    this.headers = headers;
    this.sop = sop;
    this.eph = eph;
  }

  boolean exhausted() {
    return bodyPos >= body.length && (headers == null || headerPos >= headers.length);
  }

  void read(TileComponent tc, Resolution res, Precinct prec, int layer) throws J2kException {
    if (sop && isMarker(body, bodyPos, SOP)) {
      bodyPos += 6;
    }
    PacketBits bits =
        headers != null
            ? new PacketBits(headers, headerPos, headers.length)
            : new PacketBits(body, bodyPos, body.length);
    int count = 0;
    int style = tc.coding.blockStyle();
    if (bits.bit() != 0) {
      for (int b = 0; b < res.bands.length; b++) {
        Subband band = res.bands[b];
        CodeBlock[] blocks = prec.blocks[b];
        for (int i = 0; i < blocks.length; i++) {
          CodeBlock cb = blocks[i];
          boolean included =
              cb.included ? bits.bit() != 0 : prec.inclusion[b].below(i, layer + 1, bits);
          if (!included) {
            continue;
          }
          if (!cb.included) {
            cb.zeroPlanes = prec.zeroPlanes[b].decode(i, bits, 64);
            cb.included = true;
            if (cb.zeroPlanes > band.magnitudeBits + tc.roiShift) {
              throw new J2kException(
                  "code-block has "
                      + cb.zeroPlanes
                      + " zero bit-planes of "
                      + (band.magnitudeBits + tc.roiShift)
                      + " (corrupt packet header)");
            }
          }
          int passes = passCount(bits);
          while (bits.bit() != 0) {
            if (++cb.lblock > 32) {
              throw new J2kException("code-block length indicator grows past 32 bits (corrupt)");
            }
          }
          int left = passes;
          while (left > 0) {
            int seg = cb.openSegment(style);
            int first = cb.passes - cb.segmentPasses[seg];
            int take =
                Math.min(left, CodeBlock.segmentCapacity(first, style) - cb.segmentPasses[seg]);
            int nbits = cb.lblock + 31 - Integer.numberOfLeadingZeros(take);
            if (nbits > 31) {
              throw new J2kException(
                  "code-block segment length needs " + nbits + " bits (corrupt)");
            }
            int len = bits.bits(nbits);
            cb.segmentPasses[seg] += take;
            cb.segmentLengths[seg] += len;
            cb.passes += take;
            left -= take;
            if (count == pending.length) {
              pending = java.util.Arrays.copyOf(pending, count * 2);
              pendingLength = java.util.Arrays.copyOf(pendingLength, count * 2);
            }
            pending[count] = cb;
            pendingLength[count++] = len;
          }
          if (cb.passes > 164) {
            throw new J2kException("code-block has more than 164 coding passes (corrupt)");
          }
        }
      }
    }
    bits.align();
    int pos = bits.pos;
    if (headers != null) {
      if (eph && isMarker(headers, pos, EPH)) {
        pos += 2;
      }
      headerPos = pos;
    } else {
      if (eph && isMarker(body, pos, EPH)) {
        pos += 2;
      }
      bodyPos = pos;
    }
    for (int i = 0; i < count; i++) {
      int len = pendingLength[i];
      if (len > body.length - bodyPos) {
        throw new J2kException(
            "codestream ends inside a packet body: "
                + len
                + " bytes announced, "
                + Math.max(0, body.length - bodyPos)
                + " left (truncated)");
      }
      pending[i].append(body, bodyPos, len);
      bodyPos += len;
      pending[i] = null;
    }
  }

  private static int passCount(PacketBits bits) throws J2kException {
    if (bits.bit() == 0) {
      return 1;
    }
    if (bits.bit() == 0) {
      return 2;
    }
    int v = bits.bits(2);
    if (v != 3) {
      return 3 + v;
    }
    v = bits.bits(5);
    if (v != 31) {
      return 6 + v;
    }
    return 37 + bits.bits(7);
  }

  private static boolean isMarker(byte[] d, int pos, int code) {
    return pos + 1 < d.length && (d[pos] & 0xFF) == 0xFF && (d[pos + 1] & 0xFF) == code;
  }
}
