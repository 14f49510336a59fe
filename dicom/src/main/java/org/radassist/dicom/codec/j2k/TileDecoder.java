package org.radassist.dicom.codec.j2k;

/**
 * Decodes one tile into the output image: lays out its tile-components, reads its packets in
 * progression order, decodes and dequantises the code-blocks, runs the inverse wavelet, undoes the
 * component transform (T.800 G.2, G.3) and the DC level shift (G.1), clamping as OpenJPEG does.
 */
final class TileDecoder {
  private final InverseWavelet wavelet = new InverseWavelet();
  private final BlockJobs jobs;

  TileDecoder(BlockJobs jobs) {
    this.jobs = jobs;
  }

  void decode(TileData tile, ImageSize size, DecodedImage out) throws J2kException {
    CodingState st = tile.state;
    int tx = tile.index % size.tilesAcross();
    int ty = tile.index / size.tilesAcross();
    long tx0 = Math.max(size.tileX0() + tx * size.tileWidth(), size.x0());
    long ty0 = Math.max(size.tileY0() + ty * size.tileHeight(), size.y0());
    long tx1 = Math.min(size.tileX0() + (tx + 1) * size.tileWidth(), size.x1());
    long ty1 = Math.min(size.tileY0() + (ty + 1) * size.tileHeight(), size.y1());
    int n = size.components();
    TileComponent[] comps = new TileComponent[n];
    for (int c = 0; c < n; c++) {
      comps[c] =
          new TileComponent(
              c,
              Grid.ceilDiv(tx0, size.dx()[c]),
              Grid.ceilDiv(ty0, size.dy()[c]),
              Grid.ceilDiv(tx1, size.dx()[c]),
              Grid.ceilDiv(ty1, size.dy()[c]),
              st.coding[c],
              st.quant[c],
              size.precision()[c],
              st.roiShift[c]);
    }
    byte[] body = tile.body.toByteArray();
    byte[] headers = tile.packedHeaders == null ? null : tile.packedHeaders.toByteArray();
    PacketReader reader = new PacketReader(body, headers, st.sop, st.eph);
    int[] count = {0};
    Progression.run(
        comps,
        st,
        size,
        tx0,
        ty0,
        (tc, res, prec, layer) -> {
          if (reader.exhausted()) {
            throw new J2kException(
                "tile "
                    + tile.index
                    + " ends after "
                    + count[0]
                    + " packets but its progression has more (truncated)");
          }
          reader.read(tc, res, prec, layer);
          count[0]++;
          return true;
        });
    for (TileComponent tc : comps) {
      allocate(tc);
    }
    jobs.decodeAll(comps);
    for (TileComponent tc : comps) {
      synthesise(tc);
    }
    boolean mct = st.multiComponent && n >= 3;
    if (mct) {
      for (int c = 1; c < 3; c++) {
        if (comps[c].width != comps[0].width
            || comps[c].height != comps[0].height
            || comps[c].coding.reversible() != comps[0].coding.reversible()) {
          throw new J2kException(
              "component transform over components of different size or wavelet");
        }
      }
      if (comps[0].coding.reversible()) {
        ComponentTransform.inverseRct(comps[0].ints, comps[1].ints, comps[2].ints);
      } else {
        ComponentTransform.inverseIct(comps[0].floats, comps[1].floats, comps[2].floats);
      }
    }
    for (TileComponent tc : comps) {
      out.place(tc, size);
    }
  }

  private static void allocate(TileComponent tc) {
    int size = tc.width * tc.height;
    if (tc.coding.reversible()) {
      tc.ints = new int[size];
    } else {
      tc.floats = new float[size];
    }
  }

  private void synthesise(TileComponent tc) {
    for (int r = 1; r < tc.resolutions.length; r++) {
      Resolution res = tc.resolutions[r];
      int px = (int) (res.x0 & 1);
      int py = (int) (res.y0 & 1);
      if (tc.ints != null) {
        wavelet.reversible(tc.ints, tc.width, res.width(), res.height(), px, py);
      } else {
        wavelet.irreversible(tc.floats, tc.width, res.width(), res.height(), px, py);
      }
    }
  }

  static void store(TileComponent tc, Subband band, CodeBlock cb, int[] co) {
    int w = cb.width;
    int roi = tc.roiShift;
    if (roi != 0) {
      int threshold = 1 << (roi + 1);
      for (int i = 0; i < w * cb.height; i++) {
        int mag = Math.abs(co[i]);
        if (mag >= threshold) {
          mag >>= roi;
          co[i] = co[i] < 0 ? -mag : mag;
        }
      }
    }
    int base = (band.offsetY + cb.y0) * tc.width + band.offsetX + cb.x0;
    int[] ints = tc.ints;
    float[] floats = tc.floats;
    float halfStep = band.halfStep;
    for (int y = 0; y < cb.height; y++) {
      int o = base + y * tc.width;
      int ci = y * w;
      if (ints != null) {
        for (int x = 0; x < w; x++) {
          ints[o + x] = co[ci + x] / 2;
        }
      } else {
        for (int x = 0; x < w; x++) {
          floats[o + x] = co[ci + x] * halfStep;
        }
      }
    }
  }
}
