package org.radassist.dicom.codec;

import java.util.Arrays;
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

  private static final class Component {
    int id;
    int h;
    int v;
    int tq;
    int blocksWide;
    int blocksHigh;

    /** Only progressive scans keep coefficients; sequential blocks go straight to the plane. */
    int[] coef;

    int[] plane;
    int planeWidth;
    int[] zigzagQuant;
    boolean scanned;
    int dcPred;
    JpegHuffman dc;
    JpegHuffman ac;
  }

  private static final class Decoder {
    private final byte[] d;
    private final JpegBitReader in;
    private int pos;
    private final int[][] quant = new int[4][];
    private final JpegHuffman[] dcTables = new JpegHuffman[4];
    private final JpegHuffman[] acTables = new JpegHuffman[4];
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
    private JpegIdct idct;

    /** One block's coefficients, all zero between blocks so a sparse block clears only itself. */
    private final int[] block = new int[64];

    Decoder(byte[] d) {
      this.d = d;
      this.in = new JpegBitReader(d);
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
      if (lossless) {
        return new DecodedFrame(interleavePlanes(), p);
      }
      int[] samples = output();
      DecodedFrame.saturateOvershoot(samples, f, precision, false);
      return new DecodedFrame(samples, p);
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
      idct = new JpegIdct(precision);
      for (Component c : comps) {
        c.blocksWide = mcusX * c.h;
        c.blocksHigh = mcusY * c.v;
        c.planeWidth = c.blocksWide * 8;
        c.plane = new int[c.planeWidth * c.blocksHigh * 8];
        if (progressive) {
          c.coef = new int[c.blocksWide * c.blocksHigh * 64];
        }
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
        JpegHuffman h = new JpegHuffman(counts, values, (tc >> 4) != 0);
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
          q[JpegIdct.ZIGZAG[i]] = (pq >> 4) == 0 ? u8() : u16();
        }
        quant[pq & 3] = q;
      }
    }

    private void readScan() throws CodecException {
      int ns = u8();
      if (ns < 1 || ns > 4) {
        throw new CodecException("JPEG scan has " + ns + " components; T.81 B.2.3 allows 1 to 4");
      }
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
      in.start(pos);
      eobRun = 0;
      for (Component c : scan) {
        c.dcPred = 0;
        c.scanned = true;
        if ((ss == 0 && c.dc == null) || (se > 0 && c.ac == null)) {
          throw new CodecException("JPEG scan uses a Huffman table that was never defined");
        }
        if (!progressive) {
          c.zigzagQuant = zigzagQuant(quantFor(c));
        }
      }
      boolean single = ns == 1;
      int unitsX = mcusX;
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
          decodeBlock(scan[0], uy, ux, ss, se, ah, al);
        } else {
          for (Component c : scan) {
            for (int by = 0; by < c.v; by++) {
              for (int bx = 0; bx < c.h; bx++) {
                decodeBlock(c, uy * c.v + by, ux * c.h + bx, ss, se, ah, al);
              }
            }
          }
        }
      }
      pos = in.finish();
    }

    /**
     * T.81 B.2.4.1: a table must be defined before a scan uses it. Decoding with none would give a
     * flat grey image that looks like a real one.
     */
    private int[] quantFor(Component c) throws CodecException {
      int[] q = quant[c.tq];
      if (q == null) {
        throw new CodecException(
            "JPEG component " + c.id + " uses quantization table " + c.tq + ", never defined");
      }
      return q;
    }

    private static int[] zigzagQuant(int[] q) {
      int[] z = new int[64];
      for (int k = 0; k < 64; k++) {
        z[k] = q[JpegIdct.ZIGZAG[k]];
      }
      return z;
    }

    private void decodeLosslessScan(Component[] scan, int predictor, int pt) throws CodecException {
      if (predictor < 1 || predictor > 7) {
        throw new CodecException("lossless JPEG predictor " + predictor + " is not 1..7");
      }
      if (restartInterval > 0 && restartInterval % width != 0) {
        throw new CodecException("lossless JPEG restart interval is not a whole number of rows");
      }
      int[][] out = new int[scan.length][];
      JpegHuffman[] tables = new JpegHuffman[scan.length];
      for (int i = 0; i < scan.length; i++) {
        if (scan[i].dc == null) {
          throw new CodecException(
              "lossless JPEG scan uses a Huffman table that was never defined");
        }
        tables[i] = scan[i].dc;
        for (int c = 0; c < comps.length; c++) {
          if (comps[c] == scan[i]) {
            out[i] = planes[c];
          }
        }
      }
      in.start(pos);
      new JpegLossless(in, width, height, precision, predictor, pt, restartInterval)
          .decode(tables, out);
      if (pt > 0) {
        for (int[] p : out) {
          for (int k = 0; k < p.length; k++) {
            p[k] <<= pt;
          }
        }
      }
      pos = in.finish();
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
      in.restart();
      eobRun = 0;
      for (Component c : scan) {
        c.dcPred = 0;
      }
    }

    private void decodeBlock(Component c, int row, int col, int ss, int se, int ah, int al)
        throws CodecException {
      if (!progressive) {
        decodeSequential(c, row, col);
        return;
      }
      int base = (row * c.blocksWide + col) * 64;
      int[] z = c.coef;
      if (ss == 0) {
        if (ah == 0) {
          c.dcPred += in.difference(c.dc, false);
          z[base] = c.dcPred << al;
        } else if (in.bit() == 1) {
          z[base] |= 1 << al;
        }
        return;
      }
      if (ah == 0) {
        firstAc(z, base, c, ss, se, al);
      } else {
        refineAc(z, base, c, ss, se, al);
      }
    }

    /**
     * A block of a sequential scan goes through the inverse DCT as soon as it is decoded, straight
     * into its component plane, while its coefficients are still in cache.
     */
    private void decodeSequential(Component c, int row, int col) throws CodecException {
      c.dcPred += in.difference(c.dc, false);
      int dc = c.dcPred * c.zigzagQuant[0];
      int off = (row * c.planeWidth + col) * 8;
      if (in.acCoefficients(c.ac, block, c.zigzagQuant)) {
        block[0] = dc;
        idct.transform(block, c.plane, off, c.planeWidth);
        Arrays.fill(block, 0);
      } else {
        idct.fillFlat(dc, c.plane, off, c.planeWidth);
      }
    }

    private void firstAc(int[] z, int base, Component c, int ss, int se, int al)
        throws CodecException {
      if (eobRun > 0) {
        eobRun--;
        return;
      }
      for (int k = ss; k <= se; ) {
        int rs = in.symbol(c.ac);
        int s = rs & 15;
        int r = rs >> 4;
        if (s == 0) {
          if (r < 15) {
            eobRun = (1 << r) - 1 + in.bits(r);
            break;
          }
          k += 16;
          continue;
        }
        k += r;
        if (k > 63) {
          throw new CodecException("JPEG codestream is corrupt (coefficient index past 63)");
        }
        z[base + JpegIdct.ZIGZAG[k]] = JpegHuffman.extend(in.bits(s), s) * (1 << al);
        k++;
      }
    }

    private void refineAc(int[] z, int base, Component c, int ss, int se, int al)
        throws CodecException {
      int p1 = 1 << al;
      int m1 = -1 << al;
      int k = ss;
      if (eobRun <= 0) {
        for (; k <= se; ) {
          int rs = in.symbol(c.ac);
          int s = rs & 15;
          int r = rs >> 4;
          int value = 0;
          if (s == 0) {
            if (r < 15) {
              eobRun = (1 << r) + in.bits(r);
              break;
            }
          } else {
            value = in.bit() == 1 ? p1 : m1;
          }
          while (k <= se) {
            int idx = base + JpegIdct.ZIGZAG[k];
            if (z[idx] != 0) {
              if (in.bit() == 1 && (z[idx] & p1) == 0) {
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
          int idx = base + JpegIdct.ZIGZAG[k];
          if (z[idx] != 0 && in.bit() == 1 && (z[idx] & p1) == 0) {
            z[idx] += z[idx] >= 0 ? p1 : m1;
          }
        }
        eobRun--;
      }
    }

    private int[] output() throws CodecException {
      int n = comps.length;
      for (Component c : comps) {
        if (progressive) {
          inverseTransform(c);
        } else if (!c.scanned) {
          Arrays.fill(c.plane, idct.flat(0));
        }
      }
      Component c0 = comps[0];
      if (n == 1 && c0.planeWidth == width) {
        return c0.plane.length == width * height
            ? c0.plane
            : Arrays.copyOf(c0.plane, width * height);
      }
      int[] out = new int[width * height * n];
      JpegUpsample up = new JpegUpsample(width, height, hMax, vMax);
      for (int ci = 0; ci < n; ci++) {
        Component c = comps[ci];
        up.into(c.plane, c.planeWidth, c.h, c.v, out, ci, n);
      }
      return out;
    }

    /** Progressive coefficients are complete only after the last scan, so they transform here. */
    private void inverseTransform(Component c) throws CodecException {
      int[] q = quantFor(c);
      int[] z = c.coef;
      for (int by = 0; by < c.blocksHigh; by++) {
        for (int bx = 0; bx < c.blocksWide; bx++) {
          int base = (by * c.blocksWide + bx) * 64;
          boolean ac = false;
          for (int i = 1; i < 64; i++) {
            block[i] = z[base + i] * q[i];
            ac |= block[i] != 0;
          }
          int dc = z[base] * q[0];
          int off = (by * c.planeWidth + bx) * 8;
          if (ac) {
            block[0] = dc;
            idct.transform(block, c.plane, off, c.planeWidth);
          } else {
            idct.fillFlat(dc, c.plane, off, c.planeWidth);
          }
        }
      }
    }
  }
}
