package org.radassist.dicom.codec;

import org.radassist.dicom.pixel.Photometric;

/**
 * JPEG decoder written from ITU-T T.81 for what the Maven Central plugins decode wrongly or not at
 * all: 12-bit extended (SOF1) and progressive (SOF2) Huffman processes, and the lossless process 14
 * (SOF3, any predictor, point transform, restarts), where TwelveMonkeys differs from GDCM on some
 * pixels. Dequantisation and the inverse DCT follow the integer "islow" method of the IJG library
 * that GDCM and dcmtk are built on, with the same rounding and range limiting, so the output is
 * bit-exact with theirs. Subsampled chroma is upsampled with IJG's "fancy" triangle filter and, as
 * GDCM does, colour is returned in the codestream's colour space (YCbCr stays YCbCr).
 */
public final class JpegCodec implements FrameCodec {

  /** The SOF precision of a JPEG codestream, or -1 when no frame header is found. */
  public static int precision(byte[] d) {
    int p = 2;
    while (p + 4 < d.length) {
      if ((d[p] & 0xFF) != 0xFF) {
        p++;
        continue;
      }
      int m = d[p + 1] & 0xFF;
      if (m == 0xFF || m == 0x00 || (m >= 0xD0 && m <= 0xD8)) {
        p++;
        continue;
      }
      if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
        return p + 4 < d.length ? d[p + 4] & 0xFF : -1;
      }
      int len = ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
      p += 2 + len;
    }
    return -1;
  }

  @Override
  public DecodedFrame decode(byte[] data, PixelFormat f) throws CodecException {
    return new Decoder(data).decode(f);
  }

  private static final class Huffman {
    final int[] maxCode = new int[18];
    final int[] valPtr = new int[17];
    final int[] minCode = new int[17];
    final int[] values;
    final int[] lookup = new int[1 << 9];

    Huffman(int[] counts, int[] values) {
      this.values = values;
      int code = 0;
      int k = 0;
      java.util.Arrays.fill(lookup, -1);
      for (int len = 1; len <= 16; len++) {
        valPtr[len] = k;
        minCode[len] = code;
        for (int i = 0; i < counts[len]; i++) {
          if (len <= 9) {
            int shift = 9 - len;
            for (int j = 0; j < (1 << shift); j++) {
              lookup[(code << shift) | j] = (len << 16) | values[k];
            }
          }
          code++;
          k++;
        }
        maxCode[len] = counts[len] == 0 ? -1 : code - 1;
        code <<= 1;
      }
      maxCode[17] = Integer.MAX_VALUE;
    }
  }

  private static final class Component {
    int id;
    int h;
    int v;
    int tq;
    int blocksWide;
    int blocksHigh;
    int[] coef;
    int dcPred;
    Huffman dc;
    Huffman ac;
  }

  private static final class Decoder {
    private static final int[] ZIGZAG = {
      0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27,
      20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58,
      59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
    };

    private final byte[] d;
    private int pos;
    private final int[][] quant = new int[4][];
    private final Huffman[] dcTables = new Huffman[4];
    private final Huffman[] acTables = new Huffman[4];
    private Component[] comps;
    private int precision;
    private int width;
    private int height;
    private int hMax;
    private int vMax;
    private int mcusX;
    private int mcusY;
    private boolean progressive;
    private boolean lossless;
    private int[][] planes;
    private int restartInterval;
    private int eobRun;

    private long bitBuf;
    private int bitCount;
    private boolean hitMarker;
    private int paddedBits;

    Decoder(byte[] d) {
      this.d = d;
    }

    private int u8() throws CodecException {
      if (pos >= d.length) {
        throw new CodecException("JPEG codestream ends inside a marker segment");
      }
      return d[pos++] & 0xFF;
    }

    private int u16() throws CodecException {
      return (u8() << 8) | u8();
    }

    DecodedFrame decode(PixelFormat f) throws CodecException {
      if (d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
        throw new CodecException("JPEG codestream does not start with SOI");
      }
      pos = 2;
      int scans = 0;
      while (true) {
        if (pos >= d.length) {
          break;
        }
        int b = u8();
        if (b != 0xFF) {
          continue;
        }
        int m = u8();
        while (m == 0xFF) {
          m = u8();
        }
        if (m == 0xD9) {
          break;
        }
        if (m == 0x00 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
          continue;
        }
        int len = u16();
        int end = pos + len - 2;
        if (len < 2 || end > d.length) {
          throw new CodecException(
              String.format(
                  "JPEG marker FF%02X segment length %d overruns the codestream", m, len));
        }
        switch (m) {
          case 0xC0, 0xC1, 0xC2, 0xC3 -> {
            progressive = m == 0xC2;
            lossless = m == 0xC3;
            readFrame(f);
          }
          case 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
              throw new CodecException(
                  String.format("JPEG process SOF%d is not a DCT Huffman process", m - 0xC0));
          case 0xC4 -> readHuffman(end);
          case 0xDB -> readQuant(end);
          case 0xDD -> restartInterval = u16();
          case 0xDA -> {
            if (comps == null) {
              throw new CodecException("JPEG scan before the frame header");
            }
            readScan();
            scans++;
            continue;
          }
          default -> {}
        }
        pos = end;
      }
      if (comps == null || scans == 0) {
        throw new CodecException("JPEG codestream has no frame or no scan");
      }
      Photometric p =
          f.photometric() == Photometric.YBR_FULL_422 ? Photometric.YBR_FULL : f.photometric();
      return new DecodedFrame(lossless ? interleavePlanes() : output(), p);
    }

    private void readFrame(PixelFormat f) throws CodecException {
      precision = u8();
      height = u16();
      width = u16();
      int n = u8();
      if (lossless ? precision < 2 || precision > 16 : precision != 8 && precision != 12) {
        throw new CodecException("JPEG DCT precision " + precision + " is neither 8 nor 12");
      }
      if (width != f.columns() || height != f.rows()) {
        throw new CodecException(
            "JPEG frame is "
                + width
                + "x"
                + height
                + ", header says "
                + f.columns()
                + "x"
                + f.rows());
      }
      if (n != f.samplesPerPixel()) {
        throw new CodecException(
            "JPEG frame has " + n + " components, header says " + f.samplesPerPixel());
      }
      comps = new Component[n];
      hMax = 1;
      vMax = 1;
      for (int i = 0; i < n; i++) {
        Component c = new Component();
        c.id = u8();
        int hv = u8();
        c.h = hv >> 4;
        c.v = hv & 15;
        c.tq = u8() & 3;
        if (c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4) {
          throw new CodecException("JPEG sampling factors " + c.h + "x" + c.v + " are invalid");
        }
        hMax = Math.max(hMax, c.h);
        vMax = Math.max(vMax, c.v);
        comps[i] = c;
      }
      if (lossless) {
        if (n > 1 && (hMax != 1 || vMax != 1)) {
          throw new CodecException("subsampled lossless JPEG is not supported");
        }
        planes = new int[n][width * height];
        return;
      }
      mcusX = (width + 8 * hMax - 1) / (8 * hMax);
      mcusY = (height + 8 * vMax - 1) / (8 * vMax);
      for (Component c : comps) {
        c.blocksWide = mcusX * c.h;
        c.blocksHigh = mcusY * c.v;
        c.coef = new int[c.blocksWide * c.blocksHigh * 64];
      }
    }

    private void readHuffman(int end) throws CodecException {
      while (pos < end) {
        int tc = u8();
        int[] counts = new int[17];
        int total = 0;
        for (int i = 1; i <= 16; i++) {
          counts[i] = u8();
          total += counts[i];
        }
        if (total > 256) {
          throw new CodecException("JPEG Huffman table has " + total + " codes");
        }
        int[] values = new int[total];
        for (int i = 0; i < total; i++) {
          values[i] = u8();
        }
        Huffman h = new Huffman(counts, values);
        if ((tc >> 4) == 0) {
          dcTables[tc & 3] = h;
        } else {
          acTables[tc & 3] = h;
        }
      }
    }

    private void readQuant(int end) throws CodecException {
      while (pos < end) {
        int pq = u8();
        int[] q = new int[64];
        for (int i = 0; i < 64; i++) {
          q[ZIGZAG[i]] = (pq >> 4) == 0 ? u8() : u16();
        }
        quant[pq & 3] = q;
      }
    }

    private void readScan() throws CodecException {
      int ns = u8();
      Component[] scan = new Component[ns];
      for (int i = 0; i < ns; i++) {
        int id = u8();
        int t = u8();
        Component c = null;
        for (Component x : comps) {
          if (x.id == id) {
            c = x;
          }
        }
        if (c == null) {
          throw new CodecException("JPEG scan names component " + id + " that the frame lacks");
        }
        if ((t >> 4) > 3 || (t & 15) > 3) {
          throw new CodecException(
              "JPEG scan selects Huffman table " + t + " beyond the four defined");
        }
        c.dc = dcTables[t >> 4];
        c.ac = acTables[t & 15];
        scan[i] = c;
      }
      int ss = u8();
      int se = u8();
      int a = u8();
      int ah = a >> 4;
      int al = a & 15;
      if (lossless) {
        decodeLosslessScan(scan, ss, al);
        return;
      }
      if (!progressive) {
        ss = 0;
        se = 63;
        ah = 0;
        al = 0;
      }
      bitBuf = 0;
      bitCount = 0;
      hitMarker = false;
      paddedBits = 0;
      eobRun = 0;
      for (Component c : scan) {
        c.dcPred = 0;
        if ((ss == 0 && c.dc == null) || (se > 0 && c.ac == null)) {
          throw new CodecException("JPEG scan uses a Huffman table that was never defined");
        }
      }
      boolean single = ns == 1;
      int unitsX = single ? (scan[0].blocksWide * width / (8 * hMax * mcusX) + 0) : mcusX;
      int unitsY = mcusY;
      if (single) {
        Component c = scan[0];
        unitsX = (int) Math.ceil(Math.ceil(width * (double) c.h / hMax) / 8);
        unitsY = (int) Math.ceil(Math.ceil(height * (double) c.v / vMax) / 8);
      }
      int total = unitsX * unitsY;
      int restartsLeft = restartInterval;
      for (int u = 0; u < total; u++) {
        if (restartInterval > 0) {
          if (restartsLeft == 0) {
            restart(scan);
            restartsLeft = restartInterval;
          }
          restartsLeft--;
        }
        int ux = u % unitsX;
        int uy = u / unitsX;
        if (single) {
          decodeBlock(scan[0], uy * scan[0].blocksWide + ux, ss, se, ah, al);
        } else {
          for (Component c : scan) {
            for (int by = 0; by < c.v; by++) {
              for (int bx = 0; bx < c.h; bx++) {
                int row = uy * c.v + by;
                int col = ux * c.h + bx;
                decodeBlock(c, row * c.blocksWide + col, ss, se, ah, al);
              }
            }
          }
        }
      }
      checkNotTruncated();
      skipToMarker();
    }

    /** T.81 H.1: predictive decoding, each row predicted from the decoded row above. */
    private void decodeLosslessScan(Component[] scan, int predictor, int pt) throws CodecException {
      if (predictor < 1 || predictor > 7) {
        throw new CodecException("lossless JPEG predictor " + predictor + " is not 1..7");
      }
      if (restartInterval > 0 && restartInterval % width != 0) {
        throw new CodecException("lossless JPEG restart interval is not a whole number of rows");
      }
      int[][] out = new int[scan.length][];
      for (int i = 0; i < scan.length; i++) {
        if (scan[i].dc == null) {
          throw new CodecException(
              "lossless JPEG scan uses a Huffman table that was never defined");
        }
        for (int c = 0; c < comps.length; c++) {
          if (comps[c] == scan[i]) {
            out[i] = planes[c];
          }
        }
      }
      bitBuf = 0;
      bitCount = 0;
      hitMarker = false;
      paddedBits = 0;
      int initial = 1 << (precision - pt - 1);
      int rowsPerInterval = restartInterval == 0 ? Integer.MAX_VALUE : restartInterval / width;
      for (int y = 0; y < height; y++) {
        boolean firstRow = y == 0;
        if (y > 0 && y % rowsPerInterval == 0) {
          restart(scan);
          firstRow = true;
        }
        int row = y * width;
        for (int x = 0; x < width; x++) {
          for (int i = 0; i < scan.length; i++) {
            int[] p = out[i];
            int px;
            if (firstRow) {
              px = x == 0 ? initial : p[row + x - 1];
            } else if (x == 0) {
              px = p[row - width];
            } else {
              int ra = p[row + x - 1];
              int rb = p[row - width + x];
              int rc = p[row - width + x - 1];
              px =
                  switch (predictor) {
                    case 1 -> ra;
                    case 2 -> rb;
                    case 3 -> rc;
                    case 4 -> ra + rb - rc;
                    case 5 -> ra + ((rb - rc) >> 1);
                    case 6 -> rb + ((ra - rc) >> 1);
                    default -> (ra + rb) >> 1;
                  };
            }
            int s = decodeHuffman(scan[i].dc);
            int diff;
            if (s == 0) {
              diff = 0;
            } else if (s == 16) {
              diff = 32768;
            } else if (s > 16) {
              throw new CodecException("lossless JPEG difference category " + s + " exceeds 16");
            } else {
              diff = extend(bits(s), s);
            }
            p[row + x] = (px + diff) & 0xFFFF;
          }
        }
      }
      if (pt > 0) {
        for (int[] p : out) {
          for (int k = 0; k < p.length; k++) {
            p[k] <<= pt;
          }
        }
      }
      checkNotTruncated();
      skipToMarker();
    }

    private int[] interleavePlanes() {
      int n = planes.length;
      if (n == 1) {
        return planes[0];
      }
      int[] out = new int[width * height * n];
      for (int c = 0; c < n; c++) {
        int[] p = planes[c];
        for (int k = 0; k < p.length; k++) {
          out[k * n + c] = p[k];
        }
      }
      return out;
    }

    private void restart(Component[] scan) throws CodecException {
      checkNotTruncated();
      bitBuf = 0;
      bitCount = 0;
      hitMarker = false;
      paddedBits = 0;
      eobRun = 0;
      for (Component c : scan) {
        c.dcPred = 0;
      }
      while (pos + 1 < d.length) {
        if ((d[pos] & 0xFF) == 0xFF && (d[pos + 1] & 0xFF) >= 0xD0 && (d[pos + 1] & 0xFF) <= 0xD7) {
          pos += 2;
          return;
        }
        if ((d[pos] & 0xFF) == 0xFF && (d[pos + 1] & 0xFF) != 0 && (d[pos + 1] & 0xFF) != 0xFF) {
          throw new CodecException("JPEG restart marker missing");
        }
        pos++;
      }
      throw new CodecException("JPEG codestream ends before a restart marker");
    }

    /** Entropy-coded data must hold every bit the scan decodes; zeros beyond it are not pixels. */
    private void checkNotTruncated() throws CodecException {
      if (paddedBits - bitCount > 16) {
        throw new CodecException(
            "JPEG scan data ends before the last block (codestream truncated or corrupt)");
      }
    }

    private void skipToMarker() {
      while (pos + 1 < d.length) {
        if ((d[pos] & 0xFF) == 0xFF
            && (d[pos + 1] & 0xFF) != 0
            && !((d[pos + 1] & 0xFF) >= 0xD0 && (d[pos + 1] & 0xFF) <= 0xD7)) {
          return;
        }
        pos++;
      }
      pos = d.length;
    }

    private void fill() {
      while (bitCount <= 48) {
        int b = 0;
        if (hitMarker || pos >= d.length) {
          paddedBits += 8;
        } else {
          b = d[pos] & 0xFF;
          if (b == 0xFF) {
            int n = pos + 1 < d.length ? d[pos + 1] & 0xFF : 0xD9;
            if (n == 0) {
              pos += 2;
            } else {
              hitMarker = true;
              b = 0;
              paddedBits += 8;
            }
          } else {
            pos++;
          }
        }
        bitBuf |= (long) b << (56 - bitCount);
        bitCount += 8;
      }
    }

    private int bits(int n) {
      if (n == 0) {
        return 0;
      }
      if (bitCount < n) {
        fill();
      }
      int v = (int) (bitBuf >>> (64 - n));
      bitBuf <<= n;
      bitCount -= n;
      return v;
    }

    private int bit() {
      return bits(1);
    }

    private int decodeHuffman(Huffman h) throws CodecException {
      if (bitCount < 16) {
        fill();
      }
      int peek = (int) (bitBuf >>> 55);
      int e = h.lookup[peek];
      if (e >= 0) {
        int len = e >>> 16;
        bitBuf <<= len;
        bitCount -= len;
        return e & 0xFF;
      }
      int code = 0;
      for (int len = 1; len <= 16; len++) {
        code = (code << 1) | bit();
        if (code <= h.maxCode[len] && h.maxCode[len] >= 0) {
          return h.values[h.valPtr[len] + code - h.minCode[len]];
        }
      }
      throw new CodecException("JPEG codestream is corrupt (invalid Huffman code)");
    }

    private static int extend(int v, int t) {
      return t == 0 ? 0 : (v < (1 << (t - 1)) ? v - (1 << t) + 1 : v);
    }

    private void decodeBlock(Component c, int block, int ss, int se, int ah, int al)
        throws CodecException {
      int base = block * 64;
      int[] z = c.coef;
      if (!progressive) {
        int t = decodeHuffman(c.dc);
        c.dcPred += extend(bits(t), t);
        z[base] = c.dcPred;
        for (int k = 1; k < 64; ) {
          int rs = decodeHuffman(c.ac);
          int s = rs & 15;
          int r = rs >> 4;
          if (s == 0) {
            if (r != 15) {
              break;
            }
            k += 16;
            continue;
          }
          k += r;
          if (k > 63) {
            throw new CodecException("JPEG codestream is corrupt (coefficient index past 63)");
          }
          z[base + ZIGZAG[k]] = extend(bits(s), s);
          k++;
        }
        return;
      }
      if (ss == 0) {
        if (ah == 0) {
          int t = decodeHuffman(c.dc);
          c.dcPred += extend(bits(t), t);
          z[base] = c.dcPred << al;
        } else if (bit() == 1) {
          z[base] |= 1 << al;
        }
        return;
      }
      if (ah == 0) {
        if (eobRun > 0) {
          eobRun--;
          return;
        }
        for (int k = ss; k <= se; ) {
          int rs = decodeHuffman(c.ac);
          int s = rs & 15;
          int r = rs >> 4;
          if (s == 0) {
            if (r < 15) {
              eobRun = (1 << r) - 1 + bits(r);
              break;
            }
            k += 16;
            continue;
          }
          k += r;
          if (k > 63) {
            throw new CodecException("JPEG codestream is corrupt (coefficient index past 63)");
          }
          z[base + ZIGZAG[k]] = extend(bits(s), s) * (1 << al);
          k++;
        }
        return;
      }
      refineAc(z, base, c, ss, se, al);
    }

    private void refineAc(int[] z, int base, Component c, int ss, int se, int al)
        throws CodecException {
      int p1 = 1 << al;
      int m1 = -1 << al;
      int k = ss;
      if (eobRun <= 0) {
        for (; k <= se; ) {
          int rs = decodeHuffman(c.ac);
          int s = rs & 15;
          int r = rs >> 4;
          int value = 0;
          if (s == 0) {
            if (r < 15) {
              eobRun = (1 << r) + bits(r);
              break;
            }
          } else {
            value = bit() == 1 ? p1 : m1;
          }
          while (k <= se) {
            int idx = base + ZIGZAG[k];
            if (z[idx] != 0) {
              if (bit() == 1 && (z[idx] & p1) == 0) {
                z[idx] += z[idx] >= 0 ? p1 : m1;
              }
            } else {
              if (r == 0) {
                if (value != 0) {
                  z[idx] = value;
                }
                k++;
                break;
              }
              r--;
            }
            k++;
          }
        }
      }
      if (eobRun > 0) {
        for (; k <= se; k++) {
          int idx = base + ZIGZAG[k];
          if (z[idx] != 0 && bit() == 1 && (z[idx] & p1) == 0) {
            z[idx] += z[idx] >= 0 ? p1 : m1;
          }
        }
        eobRun--;
      }
    }

    private int[] output() {
      int n = comps.length;
      int[] out = new int[width * height * n];
      int max = (1 << precision) - 1;
      int center = 1 << (precision - 1);
      int pass1 = precision == 8 ? 2 : 1;
      int[] limit = rangeLimit(max, center);
      int mask = 4 * (max + 1) - 1;
      int[] block = new int[64];
      int[] ws = new int[64];
      for (int ci = 0; ci < n; ci++) {
        Component c = comps[ci];
        int[] q = quant[c.tq];
        if (q == null) {
          q = new int[64];
        }
        int pw = c.blocksWide * 8;
        int[] plane = new int[pw * c.blocksHigh * 8];
        for (int by = 0; by < c.blocksHigh; by++) {
          for (int bx = 0; bx < c.blocksWide; bx++) {
            idctIslow(c.coef, (by * c.blocksWide + bx) * 64, q, ws, block, pass1, limit, mask);
            int o = by * 8 * pw + bx * 8;
            for (int y = 0; y < 8; y++) {
              System.arraycopy(block, y * 8, plane, o + y * pw, 8);
            }
          }
        }
        upsample(plane, pw, c, out, ci, n);
      }
      return out;
    }

    /**
     * Component plane to image resolution as IJG's jdsample.c does: triangle ("fancy") filters for
     * 2x1 and 2x2, replication for other integral factors, edge rows and columns replicated.
     */
    private void upsample(int[] plane, int pw, Component c, int[] out, int ci, int n) {
      int hf = hMax / c.h;
      int vf = vMax / c.v;
      int dw = (width * c.h + hMax - 1) / hMax;
      int dh = (height * c.v + vMax - 1) / vMax;
      int ow = dw * hf;
      int[] row = new int[ow + 1];
      for (int y = 0; y < height; y++) {
        int sy = y / vf;
        if (hf == 2 && vf == 2 && dw > 2) {
          int near = sy;
          int far = (y % 2 == 0) ? Math.max(0, sy - 1) : Math.min(dh - 1, sy + 1);
          int p0 = near * pw;
          int p1 = far * pw;
          int thisSum = plane[p0] * 3 + plane[p1];
          int nextSum = plane[p0 + 1] * 3 + plane[p1 + 1];
          row[0] = (thisSum * 4 + 8) >> 4;
          row[1] = (thisSum * 3 + nextSum + 7) >> 4;
          int lastSum = thisSum;
          thisSum = nextSum;
          int o = 2;
          for (int x = 2; x < dw; x++) {
            nextSum = plane[p0 + x] * 3 + plane[p1 + x];
            row[o++] = (thisSum * 3 + lastSum + 8) >> 4;
            row[o++] = (thisSum * 3 + nextSum + 7) >> 4;
            lastSum = thisSum;
            thisSum = nextSum;
          }
          row[o++] = (thisSum * 3 + lastSum + 8) >> 4;
          row[o] = (thisSum * 4 + 7) >> 4;
        } else if (hf == 2 && vf == 1 && dw > 2) {
          int p = sy * pw;
          int v = plane[p];
          row[0] = v;
          row[1] = (v * 3 + plane[p + 1] + 2) >> 2;
          int o = 2;
          for (int x = 1; x < dw - 1; x++) {
            int v3 = plane[p + x] * 3;
            row[o++] = (v3 + plane[p + x - 1] + 1) >> 2;
            row[o++] = (v3 + plane[p + x + 1] + 2) >> 2;
          }
          v = plane[p + dw - 1];
          row[o++] = (v * 3 + plane[p + dw - 2] + 1) >> 2;
          row[o] = v;
        } else {
          int p = sy * pw;
          for (int x = 0; x < ow; x++) {
            row[x] = plane[p + x / hf];
          }
        }
        int base = y * width * n + ci;
        for (int x = 0; x < width; x++) {
          out[base + x * n] = row[x];
        }
      }
    }

    /** The IJG post-IDCT range-limit table, indexed by the descaled value masked to 4*(MAX+1). */
    private static int[] rangeLimit(int max, int center) {
      int size = 4 * (max + 1);
      int[] t = new int[size];
      for (int i = 0; i < size; i++) {
        if (i < center) {
          t[i] = i + center;
        } else if (i < 2 * (max + 1)) {
          t[i] = max;
        } else if (i < size - center) {
          t[i] = 0;
        } else {
          t[i] = i - (size - center);
        }
      }
      return t;
    }

    private static final long F0298 = 2446;
    private static final long F0390 = 3196;
    private static final long F0541 = 4433;
    private static final long F0765 = 6270;
    private static final long F0899 = 7373;
    private static final long F1175 = 9633;
    private static final long F1501 = 12299;
    private static final long F1847 = 15137;
    private static final long F1961 = 16069;
    private static final long F2053 = 16819;
    private static final long F2562 = 20995;
    private static final long F3072 = 25172;
    private static final int CONST_BITS = 13;

    private static long descale(long x, int n) {
      return (x + (1L << (n - 1))) >> n;
    }

    private static void idctIslow(
        int[] coef, int off, int[] q, int[] ws, int[] out, int pass1, int[] limit, int mask) {
      long[] oddPart = new long[4];
      for (int col = 0; col < 8; col++) {
        int i = off + col;
        if (coef[i + 8] == 0
            && coef[i + 16] == 0
            && coef[i + 24] == 0
            && coef[i + 32] == 0
            && coef[i + 40] == 0
            && coef[i + 48] == 0
            && coef[i + 56] == 0) {
          int dc = (coef[i] * q[col]) << pass1;
          for (int r = 0; r < 8; r++) {
            ws[r * 8 + col] = dc;
          }
          continue;
        }
        long z2 = (long) coef[i + 16] * q[16 + col];
        long z3 = (long) coef[i + 48] * q[48 + col];
        long z1 = (z2 + z3) * F0541;
        long tmp2 = z1 + z3 * -F1847;
        long tmp3 = z1 + z2 * F0765;
        z2 = (long) coef[i] * q[col];
        z3 = (long) coef[i + 32] * q[32 + col];
        long tmp0 = (z2 + z3) << CONST_BITS;
        long tmp1 = (z2 - z3) << CONST_BITS;
        long tmp10 = tmp0 + tmp3;
        long tmp13 = tmp0 - tmp3;
        long tmp11 = tmp1 + tmp2;
        long tmp12 = tmp1 - tmp2;
        tmp0 = (long) coef[i + 56] * q[56 + col];
        tmp1 = (long) coef[i + 40] * q[40 + col];
        tmp2 = (long) coef[i + 24] * q[24 + col];
        tmp3 = (long) coef[i + 8] * q[8 + col];
        long[] odd = odd(tmp0, tmp1, tmp2, tmp3, oddPart);
        int sh = CONST_BITS - pass1;
        ws[col] = (int) descale(tmp10 + odd[3], sh);
        ws[56 + col] = (int) descale(tmp10 - odd[3], sh);
        ws[8 + col] = (int) descale(tmp11 + odd[2], sh);
        ws[48 + col] = (int) descale(tmp11 - odd[2], sh);
        ws[16 + col] = (int) descale(tmp12 + odd[1], sh);
        ws[40 + col] = (int) descale(tmp12 - odd[1], sh);
        ws[24 + col] = (int) descale(tmp13 + odd[0], sh);
        ws[32 + col] = (int) descale(tmp13 - odd[0], sh);
      }
      int sh = CONST_BITS + pass1 + 3;
      for (int row = 0; row < 8; row++) {
        int w = row * 8;
        if (ws[w + 1] == 0
            && ws[w + 2] == 0
            && ws[w + 3] == 0
            && ws[w + 4] == 0
            && ws[w + 5] == 0
            && ws[w + 6] == 0
            && ws[w + 7] == 0) {
          int v = limit[(int) descale(ws[w], pass1 + 3) & mask];
          for (int x = 0; x < 8; x++) {
            out[w + x] = v;
          }
          continue;
        }
        long z2 = ws[w + 2];
        long z3 = ws[w + 6];
        long z1 = (z2 + z3) * F0541;
        long tmp2 = z1 + z3 * -F1847;
        long tmp3 = z1 + z2 * F0765;
        long tmp0 = ((long) ws[w] + ws[w + 4]) << CONST_BITS;
        long tmp1 = ((long) ws[w] - ws[w + 4]) << CONST_BITS;
        long tmp10 = tmp0 + tmp3;
        long tmp13 = tmp0 - tmp3;
        long tmp11 = tmp1 + tmp2;
        long tmp12 = tmp1 - tmp2;
        long[] odd = odd(ws[w + 7], ws[w + 5], ws[w + 3], ws[w + 1], oddPart);
        out[w] = limit[(int) descale(tmp10 + odd[3], sh) & mask];
        out[w + 7] = limit[(int) descale(tmp10 - odd[3], sh) & mask];
        out[w + 1] = limit[(int) descale(tmp11 + odd[2], sh) & mask];
        out[w + 6] = limit[(int) descale(tmp11 - odd[2], sh) & mask];
        out[w + 2] = limit[(int) descale(tmp12 + odd[1], sh) & mask];
        out[w + 5] = limit[(int) descale(tmp12 - odd[1], sh) & mask];
        out[w + 3] = limit[(int) descale(tmp13 + odd[0], sh) & mask];
        out[w + 4] = limit[(int) descale(tmp13 - odd[0], sh) & mask];
      }
    }

    /** The odd part of the islow butterfly: returns {tmp0, tmp1, tmp2, tmp3}. */
    private static long[] odd(long tmp0, long tmp1, long tmp2, long tmp3, long[] out) {
      long z1 = tmp0 + tmp3;
      long z2 = tmp1 + tmp2;
      long z3 = tmp0 + tmp2;
      long z4 = tmp1 + tmp3;
      long z5 = (z3 + z4) * F1175;
      tmp0 *= F0298;
      tmp1 *= F2053;
      tmp2 *= F3072;
      tmp3 *= F1501;
      z1 *= -F0899;
      z2 *= -F2562;
      z3 *= -F1961;
      z4 *= -F0390;
      z3 += z5;
      z4 += z5;
      out[0] = tmp0 + z1 + z3;
      out[1] = tmp1 + z2 + z4;
      out[2] = tmp2 + z2 + z3;
      out[3] = tmp3 + z1 + z4;
      return out;
    }
  }
}
