package org.radassist.dicom.codec.j2k;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the main header and the tile-part headers of a codestream (T.800 Annex A) and gathers each
 * tile's packet data. Marker segments this decoder does not need (TLM, PLM, PLT, CRG, COM) are
 * skipped by their length: they only index data that is read sequentially anyway.
 */
final class CodestreamParser {
  private static final int SOC = 0xFF4F;
  private static final int SIZ = 0xFF51;
  private static final int COD = 0xFF52;
  private static final int COC = 0xFF53;
  private static final int QCD = 0xFF5C;
  private static final int QCC = 0xFF5D;
  private static final int RGN = 0xFF5E;
  private static final int POC = 0xFF5F;
  private static final int PPM = 0xFF60;
  private static final int PPT = 0xFF61;
  private static final int SOT = 0xFF90;
  private static final int SOD = 0xFF93;
  private static final int EOC = 0xFFD9;
  private static final int CAP = 0xFF50;

  /** Pcap bit of Part 15 (bits are numbered from the most significant, Part 1 first). */
  private static final long PART_15 = 1L << (32 - 15);

  private final byte[] d;
  private final ByteSource in;
  ImageSize size;
  CodingState main;
  final Map<Integer, TileData> tiles = new TreeMap<>();
  private final Map<Integer, byte[]> ppm = new TreeMap<>();
  private ByteSource ppmChunks;

  private CodestreamParser(byte[] d, int start, int end) {
    this.d = d;
    this.in = new ByteSource(d, start, end);
  }

  static CodestreamParser parse(byte[] d, int start, int end) throws J2kException {
    CodestreamParser p = new CodestreamParser(d, start, end);
    p.run();
    return p;
  }

  private void run() throws J2kException {
    in.need(2, "the SOC marker");
    if (in.u16() != SOC) {
      throw new J2kException("codestream does not start with SOC (FF4F)");
    }
    mainHeader();
    tileParts();
    if (tiles.isEmpty()) {
      throw new J2kException("codestream has no tile-part (SOT marker)");
    }
  }

  private void mainHeader() throws J2kException {
    in.need(4, "the SIZ marker");
    if (in.u16() != SIZ) {
      throw new J2kException("SIZ must follow SOC");
    }
    ByteSource s = segment("SIZ");
    size = siz(s);
    main = new CodingState(size.components());
    while (true) {
      in.need(2, "the main header");
      int marker = in.u16();
      if (marker == SOT) {
        in.pos -= 2;
        break;
      }
      if (marker == EOC) {
        throw new J2kException("codestream ends (EOC) before any tile-part");
      }
      if ((marker & 0xFF00) != 0xFF00) {
        throw new J2kException(
            String.format("expected a marker in the main header, found %04X", marker));
      }
      ByteSource seg = segment(String.format("marker %04X", marker));
      if (marker == PPM) {
        seg.need(1, "PPM");
        int z = seg.u8();
        byte[] body = new byte[seg.remaining()];
        System.arraycopy(d, seg.pos, body, 0, body.length);
        ppm.put(z, body);
      } else if (marker == CAP) {
        capabilities(seg);
      } else {
        codingMarker(marker, seg, main, false);
      }
    }
    main.check();
    if (!ppm.isEmpty()) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (byte[] b : ppm.values()) {
        all.write(b, 0, b.length);
      }
      byte[] a = all.toByteArray();
      ppmChunks = new ByteSource(a, 0, a.length);
    }
  }

  /**
   * CAP (T.800 Annex A, T.814): Part 15 alone is decoded, and only where each component's
   * code-blocks are all HT or all Part 1, as COD/COC say; MIXED lets single blocks choose.
   */
  private static void capabilities(ByteSource s) throws J2kException {
    s.need(4, "CAP");
    long parts = s.u32();
    if ((parts & ~PART_15) != 0) {
      throw new J2kException(
          String.format("CAP declares capabilities of parts %08X; only Part 15 is decoded", parts));
    }
    if (parts != 0) {
      s.need(2, "CAP Ccap15");
      int ccap = s.u16();
      if (ccap >> 14 == 3) {
        throw new J2kException(
            "CAP declares MIXED HT and Part 1 code-blocks (T.814); not supported");
      }
    }
  }

  private ByteSource segment(String what) throws J2kException {
    in.need(2, what);
    int len = in.u16();
    if (len < 2) {
      throw new J2kException(what + " has length " + len);
    }
    in.need(len - 2, what);
    ByteSource s = new ByteSource(d, in.pos, in.pos + len - 2);
    in.pos += len - 2;
    return s;
  }

  private static ImageSize siz(ByteSource s) throws J2kException {
    s.need(36, "SIZ");
    s.u16();
    long x1 = s.u32();
    long y1 = s.u32();
    long x0 = s.u32();
    long y0 = s.u32();
    long tw = s.u32();
    long th = s.u32();
    long tx0 = s.u32();
    long ty0 = s.u32();
    int n = s.u16();
    if (n < 1 || n > 16384) {
      throw new J2kException("SIZ declares " + n + " components");
    }
    s.need(3 * n, "SIZ component list");
    int[] prec = new int[n];
    boolean[] signed = new boolean[n];
    int[] dx = new int[n];
    int[] dy = new int[n];
    for (int c = 0; c < n; c++) {
      int ssiz = s.u8();
      prec[c] = (ssiz & 0x7F) + 1;
      signed[c] = (ssiz & 0x80) != 0;
      dx[c] = s.u8();
      dy[c] = s.u8();
      if (prec[c] > 30) {
        throw new J2kException(
            "component " + c + " has " + prec[c] + " bits; at most 30 supported");
      }
      if (dx[c] == 0 || dy[c] == 0) {
        throw new J2kException("component " + c + " has subsampling 0");
      }
    }
    if (x1 <= x0
        || y1 <= y0
        || tw == 0
        || th == 0
        || tx0 > x0
        || ty0 > y0
        || tx0 + tw <= x0
        || ty0 + th <= y0) {
      throw new J2kException(
          "SIZ geometry is impossible (image "
              + x0
              + ".."
              + x1
              + " x "
              + y0
              + ".."
              + y1
              + ", tiles "
              + tw
              + "x"
              + th
              + " from "
              + tx0
              + ","
              + ty0
              + ")");
    }
    ImageSize size = new ImageSize(x1, y1, x0, y0, tw, th, tx0, ty0, prec, signed, dx, dy);
    if ((long) size.tilesAcross() * size.tilesDown() > 65535) {
      throw new J2kException("SIZ declares more than 65535 tiles");
    }
    return size;
  }

  private void codingMarker(int marker, ByteSource s, CodingState st, boolean tile)
      throws J2kException {
    int n = size.components();
    switch (marker) {
      case COD -> {
        s.need(5, "COD");
        int scod = s.u8();
        st.progression = s.u8();
        st.layers = s.u16();
        st.multiComponent = s.u8() != 0;
        st.sop = (scod & 2) != 0;
        st.eph = (scod & 4) != 0;
        if (st.progression > 4 || st.layers == 0) {
          throw new J2kException("COD has progression " + st.progression + ", layers " + st.layers);
        }
        ComponentCoding cc = componentCoding(s, (scod & 1) != 0, "COD");
        for (int c = 0; c < n; c++) {
          st.setCoding(c, cc, tile ? CodingState.TILE_DEFAULT : CodingState.MAIN_DEFAULT);
        }
        st.codSeen = true;
      }
      case COC -> {
        int c = component(s, "COC");
        s.need(1, "COC");
        int scoc = s.u8();
        st.setCoding(
            c,
            componentCoding(s, (scoc & 1) != 0, "COC"),
            tile ? CodingState.TILE_COMPONENT : CodingState.MAIN_COMPONENT);
      }
      case QCD -> {
        Quantization q = quantization(s);
        for (int c = 0; c < n; c++) {
          st.setQuant(c, q, tile ? CodingState.TILE_DEFAULT : CodingState.MAIN_DEFAULT);
        }
      }
      case QCC -> {
        int c = component(s, "QCC");
        st.setQuant(
            c, quantization(s), tile ? CodingState.TILE_COMPONENT : CodingState.MAIN_COMPONENT);
      }
      case RGN -> {
        int c = component(s, "RGN");
        s.need(2, "RGN");
        int style = s.u8();
        int shift = s.u8();
        if (style != 0 || shift > 30) {
          throw new J2kException(
              "RGN style " + style + " shift " + shift + " is not max-shift ROI");
        }
        st.roiShift[c] = shift;
      }
      case POC -> {
        int wide = n < 257 ? 1 : 2;
        int entry = 5 + 2 * wide;
        if (tile) {
          st.changes.clear();
        }
        while (s.remaining() >= entry) {
          int rs = s.u8();
          int cs = wide == 1 ? s.u8() : s.u16();
          int le = s.u16();
          int re = s.u8();
          int ce = wide == 1 ? s.u8() : s.u16();
          int order = s.u8();
          if (order > 4) {
            throw new J2kException("POC progression order " + order);
          }
          st.changes.add(new ProgressionChange(rs, cs, le, re, ce == 0 ? 256 : ce, order));
        }
      }
      default -> {
        if ((marker & 0xFFF0) == 0xFF30 || marker < 0xFF40) {
          throw new J2kException(String.format("marker %04X is not allowed in a header", marker));
        }
      }
    }
  }

  private int component(ByteSource s, String what) throws J2kException {
    int n = size.components();
    s.need(n < 257 ? 1 : 2, what);
    int c = n < 257 ? s.u8() : s.u16();
    if (c >= n) {
      throw new J2kException(what + " names component " + c + " of " + n);
    }
    return c;
  }

  private static ComponentCoding componentCoding(ByteSource s, boolean precincts, String what)
      throws J2kException {
    s.need(5, what);
    int levels = s.u8();
    int xcb = s.u8() + 2;
    int ycb = s.u8() + 2;
    int style = s.u8();
    int transform = s.u8();
    if (levels > 32 || xcb > 10 || ycb > 10 || xcb + ycb > 12 || transform > 1) {
      throw new J2kException(
          what
              + " has "
              + levels
              + " levels, code-blocks 2^"
              + xcb
              + "x2^"
              + ycb
              + ", transform "
              + transform);
    }
    int[] ppx = new int[levels + 1];
    int[] ppy = new int[levels + 1];
    for (int r = 0; r <= levels; r++) {
      if (precincts) {
        s.need(1, what + " precinct sizes");
        int b = s.u8();
        ppx[r] = b & 0xF;
        ppy[r] = b >> 4;
        if (r > 0 && (ppx[r] == 0 || ppy[r] == 0)) {
          throw new J2kException(what + " has precinct exponent 0 above resolution 0");
        }
      } else {
        ppx[r] = 15;
        ppy[r] = 15;
      }
    }
    return new ComponentCoding(levels, xcb, ycb, style, transform == 1, ppx, ppy);
  }

  private static Quantization quantization(ByteSource s) throws J2kException {
    s.need(1, "QCD/QCC");
    int sq = s.u8();
    int style = sq & 0x1F;
    int guard = sq >> 5;
    List<int[]> bands = new ArrayList<>();
    if (style == Quantization.NONE) {
      while (s.remaining() >= 1) {
        bands.add(new int[] {s.u8() >> 3, 0});
      }
    } else if (style == 1 || style == 2) {
      while (s.remaining() >= 2) {
        int v = s.u16();
        bands.add(new int[] {v >> 11, v & 0x7FF});
      }
    } else {
      throw new J2kException("quantization style " + style);
    }
    if (bands.isEmpty()) {
      throw new J2kException("quantization marker lists no subband");
    }
    int[] e = new int[bands.size()];
    int[] m = new int[bands.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = bands.get(i)[0];
      m[i] = bands.get(i)[1];
    }
    return new Quantization(style, guard, e, m);
  }

  private void tileParts() throws J2kException {
    int numTiles = size.tilesAcross() * size.tilesDown();
    while (in.remaining() >= 2) {
      int start = in.pos;
      int marker = in.u16();
      if (marker == EOC) {
        return;
      }
      if (marker != SOT) {
        if (!tiles.isEmpty()) {
          // Data after the last tile-part that is not a marker: encoders pad; OpenJPEG stops too.
          return;
        }
        throw new J2kException(String.format("expected SOT, found %04X", marker));
      }
      ByteSource sot = segment("SOT");
      sot.need(8, "SOT");
      int index = sot.u16();
      long psot = sot.u32();
      sot.u8();
      if (index >= numTiles) {
        throw new J2kException("tile-part of tile " + index + " but the image has " + numTiles);
      }
      TileData tile = tiles.computeIfAbsent(index, TileData::new);
      if (tile.state == null) {
        tile.state = main.forTile();
      }
      boolean first = tile.parts == 0;
      tile.parts++;
      while (true) {
        in.need(2, "a tile-part header");
        int m = in.u16();
        if (m == SOD) {
          break;
        }
        ByteSource seg = segment(String.format("marker %04X", m));
        if (m == PPT) {
          seg.need(1, "PPT");
          seg.u8();
          tile.addHeaders(d, seg.pos, seg.remaining());
        } else if (m == COD || m == COC || m == QCD || m == QCC || m == RGN) {
          if (first) {
            codingMarker(m, seg, tile.state, true);
          }
        } else if (m == POC) {
          codingMarker(m, seg, tile.state, true);
        }
      }
      long end = psot == 0 ? in.end : start + psot;
      if (end > in.end) {
        end = in.end;
      }
      if (end < in.pos) {
        throw new J2kException("tile-part of tile " + index + " is shorter than its header");
      }
      if (ppmChunks != null) {
        ppmChunks.need(4, "PPM packet headers");
        long n = ppmChunks.u32();
        if (n > ppmChunks.remaining()) {
          throw new J2kException("PPM marker holds fewer header bytes than it declares");
        }
        tile.addHeaders(ppmChunks.d, ppmChunks.pos, (int) n);
        ppmChunks.pos += (int) n;
      }
      tile.body.write(d, in.pos, (int) end - in.pos);
      in.pos = (int) end;
    }
  }
}
