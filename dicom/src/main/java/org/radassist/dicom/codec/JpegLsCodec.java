package org.radassist.dicom.codec;

import org.radassist.dicom.pixel.Photometric;

/**
 * JPEG-LS decoder written from ITU-T T.87 (ISO 14495-1), because no decoder exists on Maven
 * Central: lossless and near-lossless, 2 to 16 bits, one or three components, interleave modes 0
 * (one scan per component), 1 (line) and 2 (sample), default or LSE-signalled thresholds. Output is
 * bit-exact with CharLS as used by dcmtk and GDCM.
 */
public final class JpegLsCodec implements FrameCodec {
  @Override
  public DecodedFrame decode(byte[] data, PixelFormat f) throws CodecException {
    return new JpegLsDecoder(data).decode(f);
  }

  /** Per-frame decoding state; one instance decodes one codestream. */
  private static final class JpegLsDecoder {
    private static final int[] J = {
      0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13,
      14, 15
    };

    private final byte[] d;
    private int pos;

    private int precision;
    private int width;
    private int height;
    private int components;
    private final int[] componentIds = new int[4];
    private int maxVal;
    private int t1;
    private int t2;
    private int t3;
    private int reset = 64;
    private boolean customThresholds;

    private int near;
    private int range;
    private int qbpp;
    private int limit;

    private final int[] ctxA = new int[367];
    private final int[] ctxB = new int[365];
    private final int[] ctxC = new int[365];
    private final int[] ctxN = new int[367];
    private final int[] ctxNn = new int[367];
    private int[] runIndex;
    private int[] quantTable;
    private int quantOffset;

    private long cache;
    private int cacheBits;
    private int scanPos;
    private int scanEnd;
    private boolean lastWasFF;
    private int paddedBits;

    JpegLsDecoder(byte[] data) {
      this.d = data;
    }

    private int u8() throws CodecException {
      if (pos >= d.length) {
        throw new CodecException("JPEG-LS codestream ends inside a marker segment");
      }
      return d[pos++] & 0xFF;
    }

    private int u16() throws CodecException {
      return (u8() << 8) | u8();
    }

    DecodedFrame decode(PixelFormat f) throws CodecException {
      if (d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
        throw new CodecException("JPEG-LS codestream does not start with SOI");
      }
      pos = 2;
      int[] out = null;
      boolean[] decodedComponent = new boolean[4];
      int scans = 0;
      while (pos < d.length) {
        int marker = nextMarker();
        if (marker == 0xD9) {
          break;
        }
        int len = u16();
        int segEnd = pos + len - 2;
        if (len < 2 || segEnd > d.length) {
          throw new CodecException(
              String.format(
                  "JPEG-LS marker FF%02X segment length %d overruns the codestream", marker, len));
        }
        switch (marker) {
          case 0xF7 -> {
            readFrameHeader(f);
            out = new int[width * height * components];
          }
          case 0xF8 -> readLse();
          case 0xDA -> {
            if (out == null) {
              throw new CodecException("JPEG-LS scan before the SOF55 frame header");
            }
            int ns = u8();
            int[] scanComps = new int[ns];
            for (int i = 0; i < ns; i++) {
              int id = u8();
              int tableSel = u8();
              if (tableSel != 0) {
                throw new CodecException("JPEG-LS mapping tables are not supported");
              }
              scanComps[i] = componentIndex(id);
              decodedComponent[scanComps[i]] = true;
            }
            near = u8();
            int ilv = u8();
            int pt = u8() & 0x0F;
            if (pt != 0) {
              throw new CodecException("JPEG-LS point transform " + pt + " is not supported");
            }
            pos = segEnd;
            decodeScan(out, scanComps, ilv);
            scans++;
            continue;
          }
          case 0xDD,
              0xE0,
              0xE1,
              0xE2,
              0xE3,
              0xE4,
              0xE5,
              0xE6,
              0xE7,
              0xE8,
              0xE9,
              0xEA,
              0xEB,
              0xEC,
              0xED,
              0xEE,
              0xEF,
              0xFE -> {}
          default -> {
            if (marker >= 0xC0 && marker <= 0xCF) {
              throw new CodecException(
                  String.format("codestream has JPEG marker FF%02X, not JPEG-LS", marker));
            }
          }
        }
        pos = segEnd;
      }
      if (out == null || scans == 0) {
        throw new CodecException("JPEG-LS codestream has no frame or no scan");
      }
      for (int c = 0; c < components; c++) {
        if (!decodedComponent[c]) {
          throw new CodecException("JPEG-LS component " + (c + 1) + " has no scan");
        }
      }
      if (near > 0) {
        DecodedFrame.saturateOvershoot(out, f, precision, false);
      }
      return new DecodedFrame(
          out,
          f.photometric() == Photometric.YBR_FULL && components == 3
              ? Photometric.YBR_FULL
              : f.photometric());
    }

    private int nextMarker() throws CodecException {
      int b = u8();
      if (b != 0xFF) {
        throw new CodecException(
            String.format(
                "JPEG-LS codestream has byte %02X at %d where a marker was expected", b, pos - 1));
      }
      while (b == 0xFF) {
        b = u8();
      }
      return b;
    }

    private int componentIndex(int id) throws CodecException {
      for (int i = 0; i < components; i++) {
        if (componentIds[i] == id) {
          return i;
        }
      }
      throw new CodecException("JPEG-LS scan names component " + id + " that the frame lacks");
    }

    private void readFrameHeader(PixelFormat f) throws CodecException {
      precision = u8();
      height = u16();
      width = u16();
      components = u8();
      if (precision < 2 || precision > 16) {
        throw new CodecException("JPEG-LS precision " + precision + " outside 2..16");
      }
      if (width != f.columns() || height != f.rows()) {
        throw new CodecException(
            "JPEG-LS frame is "
                + width
                + "x"
                + height
                + ", header says "
                + f.columns()
                + "x"
                + f.rows());
      }
      if (components != f.samplesPerPixel()) {
        throw new CodecException(
            "JPEG-LS frame has " + components + " components, header says " + f.samplesPerPixel());
      }
      for (int i = 0; i < components; i++) {
        componentIds[i] = u8();
        int sampling = u8();
        u8();
        if (sampling != 0x11) {
          throw new CodecException("JPEG-LS subsampled components are not supported");
        }
      }
      if (!customThresholds) {
        maxVal = (1 << precision) - 1;
      }
    }

    private void readLse() throws CodecException {
      int id = u8();
      if (id != 1) {
        throw new CodecException(
            "JPEG-LS LSE marker type " + id + " (mapping table) is not supported");
      }
      int mv = u16();
      t1 = u16();
      t2 = u16();
      t3 = u16();
      int r = u16();
      // CharLS, which GDCM and dcmtk decode with, honours the LSE MAXVAL only with a RESET other
      // than the default 64 and otherwise codes with 2^P-1; dcmcjpls +pc writes MAXVAL 65280 for
      // 16-bit data it coded with 65535. 0 leaves it to initParameters: the SOF may come later.
      boolean defaultReset = r == 0 || r == 64;
      maxVal = defaultReset ? 0 : mv;
      if (r != 0) {
        reset = r;
      }
      customThresholds = true;
    }

    private static int clamp(int i, int j, int maxVal) {
      return i > maxVal || i < j ? j : i;
    }

    /** T.87 C.2.4.1.1: default thresholds, then any LSE values that are not zero. */
    private void initParameters() {
      if (maxVal == 0) {
        maxVal = (1 << precision) - 1;
      }
      int d1;
      int d2;
      int d3;
      if (maxVal >= 128) {
        int factor = (Math.min(maxVal, 4095) + 128) / 256;
        d1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxVal);
        d2 = clamp(factor * (7 - 3) + 3 + 5 * near, d1, maxVal);
        d3 = clamp(factor * (21 - 4) + 4 + 7 * near, d2, maxVal);
      } else {
        int factor = 256 / (maxVal + 1);
        d1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxVal);
        d2 = clamp(Math.max(3, 7 / factor + 5 * near), d1, maxVal);
        d3 = clamp(Math.max(4, 21 / factor + 7 * near), d2, maxVal);
      }
      if (!customThresholds || t1 == 0) {
        t1 = d1;
      }
      if (!customThresholds || t2 == 0) {
        t2 = d2;
      }
      if (!customThresholds || t3 == 0) {
        t3 = d3;
      }
      range = (maxVal + 2 * near) / (2 * near + 1) + 1;
      qbpp = 32 - Integer.numberOfLeadingZeros(range - 1);
      int bpp = Math.max(2, 32 - Integer.numberOfLeadingZeros(maxVal));
      limit = 2 * (bpp + Math.max(8, bpp));
      buildQuantTable();
      int a = Math.max(2, (range + 32) / 64);
      java.util.Arrays.fill(ctxA, a);
      java.util.Arrays.fill(ctxN, 1);
      java.util.Arrays.fill(ctxB, 0);
      java.util.Arrays.fill(ctxC, 0);
      java.util.Arrays.fill(ctxNn, 0);
    }

    private void decodeScan(int[] out, int[] scanComps, int ilv) throws CodecException {
      boolean savedCustom = customThresholds;
      int s1 = t1;
      int s2 = t2;
      int s3 = t3;
      initParameters();
      int scanStart = pos;
      scanPos = pos;
      scanEnd = d.length;
      cache = 0;
      cacheBits = 0;
      lastWasFF = false;
      paddedBits = 0;
      int nc = scanComps.length;
      runIndex = new int[nc];
      if (ilv == 2 && nc > 1) {
        decodeSampleInterleaved(out, scanComps);
      } else if (ilv == 0 && nc != 1) {
        throw new CodecException("JPEG-LS interleave mode 0 scan with " + nc + " components");
      } else if (ilv > 2) {
        throw new CodecException("JPEG-LS interleave mode " + ilv + " is not defined");
      } else {
        decodeLines(out, scanComps);
      }
      if (paddedBits - cacheBits > 8) {
        throw new CodecException(
            "JPEG-LS scan data ends before the last line (codestream truncated or corrupt)");
      }
      pos = endOfScan(scanStart);
      customThresholds = savedCustom;
      if (customThresholds) {
        t1 = s1;
        t2 = s2;
        t3 = s3;
      }
    }

    /** Byte position after the scan's entropy-coded data, at the next marker. */
    private int endOfScan(int scanStart) {
      // The bit reader may already have consumed the FF of the marker that ends the scan.
      int p = Math.max(scanStart, scanPos - 1);
      while (p + 1 < d.length) {
        if ((d[p] & 0xFF) == 0xFF && (d[p + 1] & 0xFF) >= 0x80) {
          return p;
        }
        p++;
      }
      return d.length;
    }

    private void decodeLines(int[] out, int[] comps) throws CodecException {
      int nc = comps.length;
      int stride = components;
      int[][] prev = new int[nc][width + 2];
      int[][] cur = new int[nc][width + 2];
      for (int y = 0; y < height; y++) {
        for (int c = 0; c < nc; c++) {
          int[] p = prev[c];
          int[] q = cur[c];
          p[width + 1] = p[width];
          q[0] = p[1];
          decodeLine(p, q, c);
          int base = y * width * stride + comps[c];
          for (int x = 0; x < width; x++) {
            out[base + x * stride] = q[x + 1];
          }
          prev[c] = q;
          cur[c] = p;
        }
      }
    }

    private int quantize(int di) {
      return quantTable[di + quantOffset];
    }

    /** T.87 A.3.3 gradient quantisation for every possible difference, built once per scan. */
    private void buildQuantTable() {
      quantOffset = maxVal + 1;
      quantTable = new int[2 * maxVal + 3];
      for (int i = 0; i < quantTable.length; i++) {
        quantTable[i] = quantizeDirect(i - quantOffset);
      }
    }

    private int quantizeDirect(int di) {
      if (di <= -t3) {
        return -4;
      }
      if (di <= -t2) {
        return -3;
      }
      if (di <= -t1) {
        return -2;
      }
      if (di < -near) {
        return -1;
      }
      if (di <= near) {
        return 0;
      }
      if (di < t1) {
        return 1;
      }
      if (di < t2) {
        return 2;
      }
      if (di < t3) {
        return 3;
      }
      return 4;
    }

    private static int predict(int ra, int rb, int rc) {
      if (rc >= Math.max(ra, rb)) {
        return Math.min(ra, rb);
      }
      if (rc <= Math.min(ra, rb)) {
        return Math.max(ra, rb);
      }
      return ra + rb - rc;
    }

    /** One line of one component; index 0 of the buffers is the pixel left of column 0. */
    private void decodeLine(int[] prev, int[] cur, int comp) throws CodecException {
      int x = 1;
      int rb = prev[0];
      int rd = prev[1];
      while (x <= width) {
        int ra = cur[x - 1];
        int rc = rb;
        rb = rd;
        rd = prev[x + 1];
        int qs = (quantize(rd - rb) * 9 + quantize(rb - rc)) * 9 + quantize(rc - ra);
        if (qs != 0) {
          cur[x] = decodeRegular(qs, predict(ra, rb, rc));
          x++;
        } else {
          x += decodeRun(prev, cur, x, comp);
          rb = prev[x - 1];
          rd = prev[Math.min(x, width + 1)];
        }
      }
    }

    private int decodeRegular(int qs, int pred) throws CodecException {
      int sign = qs < 0 ? -1 : 1;
      int q = qs < 0 ? -qs : qs;
      int k = 0;
      for (int n = ctxN[q]; (n << k) < ctxA[q]; k++) {
        if (k > 24) {
          throw new CodecException("JPEG-LS context state is corrupt");
        }
      }
      int px = pred + sign * ctxC[q];
      px = px < 0 ? 0 : Math.min(px, maxVal);
      int mapped = decodeValue(k, limit, qbpp);
      int err = (mapped & 1) == 0 ? mapped >> 1 : -((mapped + 1) >> 1);
      if (k == 0 && near == 0 && 2 * ctxB[q] + ctxN[q] - 1 < 0) {
        err = -(err + 1);
      }
      updateRegular(q, err);
      return reconstruct(px, sign * err);
    }

    private void updateRegular(int q, int err) {
      int a = ctxA[q] + Math.abs(err);
      int b = ctxB[q] + err * (2 * near + 1);
      int n = ctxN[q];
      if (n == reset) {
        a >>= 1;
        b >>= 1;
        n >>= 1;
      }
      n++;
      ctxA[q] = a;
      ctxN[q] = n;
      if (b + n <= 0) {
        b += n;
        if (b <= -n) {
          b = -n + 1;
        }
        if (ctxC[q] > -128) {
          ctxC[q]--;
        }
      } else if (b > 0) {
        b -= n;
        if (b > 0) {
          b = 0;
        }
        if (ctxC[q] < 127) {
          ctxC[q]++;
        }
      }
      ctxB[q] = b;
    }

    private int reconstruct(int px, int err) {
      int v = px + err * (2 * near + 1);
      if (v < -near) {
        v += range * (2 * near + 1);
      } else if (v > maxVal + near) {
        v -= range * (2 * near + 1);
      }
      return v < 0 ? 0 : Math.min(v, maxVal);
    }

    /** Run mode at column {@code x}; returns how many pixels it produced. */
    private int decodeRun(int[] prev, int[] cur, int x, int comp) throws CodecException {
      int ra = cur[x - 1];
      int count = runLength(width - x + 1, comp);
      for (int i = 0; i < count; i++) {
        cur[x + i] = ra;
      }
      int endX = x + count;
      if (endX > width) {
        return count;
      }
      int rb = prev[endX];
      cur[endX] = interruption(ra, rb, comp);
      return count + 1;
    }

    private int runLength(int remaining, int comp) throws CodecException {
      int index = 0;
      while (readBit() == 1) {
        int step = Math.min(1 << J[runIndex[comp]], remaining - index);
        index += step;
        if (step == (1 << J[runIndex[comp]])) {
          runIndex[comp] = Math.min(31, runIndex[comp] + 1);
        }
        if (index == remaining) {
          break;
        }
      }
      if (index != remaining) {
        int j = J[runIndex[comp]];
        index += j > 0 ? readBits(j) : 0;
      }
      if (index > remaining) {
        throw new CodecException("JPEG-LS run overruns the line");
      }
      return index;
    }

    private int interruption(int ra, int rb, int comp) throws CodecException {
      int v;
      if (Math.abs(ra - rb) <= near) {
        v = reconstruct(ra, runError(366, 1, comp));
      } else {
        v = reconstruct(rb, runError(365, 0, comp) * (rb - ra > 0 ? 1 : -1));
      }
      runIndex[comp] = Math.max(0, runIndex[comp] - 1);
      return v;
    }

    private int runError(int ctx, int riType, int comp) throws CodecException {
      int temp = ctxA[ctx] + (ctxN[ctx] >> 1) * riType;
      int k = 0;
      for (int n = ctxN[ctx]; n < temp; k++) {
        n <<= 1;
        if (k > 24) {
          throw new CodecException("JPEG-LS run context state is corrupt");
        }
      }
      int em = decodeValue(k, limit - J[runIndex[comp]] - 1, qbpp);
      int t = em + riType;
      boolean map = (t & 1) == 1;
      int abs = (t + (map ? 1 : 0)) / 2;
      int err = ((k != 0 || 2 * ctxNn[ctx] >= ctxN[ctx]) == map) ? -abs : abs;
      if (err < 0) {
        ctxNn[ctx]++;
      }
      ctxA[ctx] += (em + 1 - riType) >> 1;
      if (ctxN[ctx] == reset) {
        ctxA[ctx] >>= 1;
        ctxN[ctx] >>= 1;
        ctxNn[ctx] >>= 1;
      }
      ctxN[ctx]++;
      return err;
    }

    private void decodeSampleInterleaved(int[] out, int[] comps) throws CodecException {
      int nc = comps.length;
      int[][] prev = new int[nc][width + 2];
      int[][] cur = new int[nc][width + 2];
      int[] ra = new int[nc];
      int[] rb = new int[nc];
      int[] rc = new int[nc];
      int[] rd = new int[nc];
      int[] qs = new int[nc];
      for (int y = 0; y < height; y++) {
        for (int c = 0; c < nc; c++) {
          prev[c][width + 1] = prev[c][width];
          cur[c][0] = prev[c][1];
        }
        int x = 1;
        while (x <= width) {
          boolean allZero = true;
          for (int c = 0; c < nc; c++) {
            ra[c] = cur[c][x - 1];
            rb[c] = prev[c][x];
            rc[c] = prev[c][x - 1];
            rd[c] = prev[c][x + 1];
            qs[c] =
                (quantize(rd[c] - rb[c]) * 9 + quantize(rb[c] - rc[c])) * 9
                    + quantize(rc[c] - ra[c]);
            allZero &= qs[c] == 0;
          }
          if (!allZero) {
            for (int c = 0; c < nc; c++) {
              cur[c][x] = decodeRegular(qs[c], predict(ra[c], rb[c], rc[c]));
            }
            x++;
            continue;
          }
          int count = runLength(width - x + 1, 0);
          for (int i = 0; i < count; i++) {
            for (int c = 0; c < nc; c++) {
              cur[c][x + i] = ra[c];
            }
          }
          int endX = x + count;
          if (endX <= width) {
            for (int c = 0; c < nc; c++) {
              int a = ra[c];
              int b = prev[c][endX];
              cur[c][endX] = reconstruct(b, runError(365, 0, 0) * (b - a >= 0 ? 1 : -1));
            }
            runIndex[0] = Math.max(0, runIndex[0] - 1);
            count++;
          }
          x += count;
        }
        for (int c = 0; c < nc; c++) {
          int base = y * width * components + comps[c];
          int[] q = cur[c];
          for (int i = 0; i < width; i++) {
            out[base + i * components] = q[i + 1];
          }
          cur[c] = prev[c];
          prev[c] = q;
        }
      }
    }

    private void fill() {
      while (cacheBits <= 56) {
        int b;
        if (scanPos >= scanEnd) {
          b = 0;
          paddedBits += 8;
        } else {
          b = d[scanPos] & 0xFF;
          if (lastWasFF && b >= 0x80) {
            b = 0;
            scanEnd = scanPos;
            paddedBits += 7;
          } else {
            scanPos++;
          }
        }
        if (lastWasFF) {
          cache |= (long) (b & 0x7F) << (57 - cacheBits);
          cacheBits += 7;
          lastWasFF = false;
        } else {
          cache |= (long) b << (56 - cacheBits);
          cacheBits += 8;
          lastWasFF = b == 0xFF;
        }
      }
    }

    private int readBit() {
      if (cacheBits == 0) {
        fill();
      }
      int bit = (int) (cache >>> 63);
      cache <<= 1;
      cacheBits--;
      return bit;
    }

    private int readBits(int n) {
      if (cacheBits < n) {
        fill();
      }
      int v = (int) (cache >>> (64 - n));
      cache <<= n;
      cacheBits -= n;
      return v;
    }

    private int decodeValue(int k, int lim, int qb) throws CodecException {
      int high = 0;
      while (true) {
        if (cacheBits == 0) {
          fill();
        }
        int zeros = Long.numberOfLeadingZeros(cache);
        if (zeros < cacheBits) {
          high += zeros;
          cache = zeros == 63 ? 0 : cache << (zeros + 1);
          cacheBits -= zeros + 1;
          break;
        }
        high += cacheBits;
        cache = 0;
        cacheBits = 0;
        if (high > lim) {
          throw new CodecException("JPEG-LS codestream is corrupt (unary code longer than LIMIT)");
        }
      }
      if (high > lim) {
        throw new CodecException("JPEG-LS codestream is corrupt (unary code longer than LIMIT)");
      }
      if (high >= lim - (qb + 1)) {
        return readBits(qb) + 1;
      }
      if (k == 0) {
        return high;
      }
      return (high << k) + readBits(k);
    }
  }
}
