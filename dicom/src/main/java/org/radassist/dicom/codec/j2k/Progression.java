package org.radassist.dicom.codec.j2k;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which a tile's packets follow each other (T.800 B.12): one of the five progression
 * orders, or the volumes of a POC marker in turn, each packet taken the first time a volume reaches
 * it. Position-driven orders sort precincts by where they start on the reference grid, which is the
 * order the scan of B.12.1.3 meets them.
 */
final class Progression {
  private static final int LRCP = 0;
  private static final int RLCP = 1;
  private static final int RPCL = 2;
  private static final int PCRL = 3;

  interface Sink {
    /** Reads one packet; returns false once the tile's data is used up. */
    boolean packet(TileComponent tc, Resolution res, Precinct p, int layer) throws J2kException;
  }

  private record Ref(TileComponent tc, int c, int r, int p, long refX, long refY) {}

  private Progression() {}

  static void run(
      TileComponent[] comps, CodingState st, ImageSize size, long tileX0, long tileY0, Sink sink)
      throws J2kException {
    List<ProgressionChange> volumes = new ArrayList<>(st.changes);
    if (volumes.isEmpty()) {
      volumes.add(new ProgressionChange(0, 0, st.layers, 33, comps.length, st.progression));
    }
    for (ProgressionChange v : volumes) {
      int layers = Math.min(v.le(), st.layers);
      List<Ref> refs = new ArrayList<>();
      for (int c = v.cs(); c < Math.min(v.ce(), comps.length); c++) {
        TileComponent tc = comps[c];
        int levels = tc.coding.levels();
        for (int r = v.rs(); r < Math.min(v.re(), levels + 1); r++) {
          Resolution res = tc.resolutions[r];
          int shift = levels - r;
          for (int p = 0; p < res.precincts.length; p++) {
            long gx = (res.x0 >> res.precinctWidthExp) + p % res.precinctsWide;
            long gy = (res.y0 >> res.precinctHeightExp) + p / res.precinctsWide;
            long rx = Math.max(tileX0, (gx << res.precinctWidthExp << shift) * size.dx()[c]);
            long ry = Math.max(tileY0, (gy << res.precinctHeightExp << shift) * size.dy()[c]);
            refs.add(new Ref(tc, c, r, p, rx, ry));
          }
        }
      }
      if (!emit(refs, v.order(), layers, sink)) {
        return;
      }
    }
  }

  private static boolean emit(List<Ref> refs, int order, int layers, Sink sink)
      throws J2kException {
    Comparator<Ref> byR = Comparator.comparingInt(Ref::r);
    Comparator<Ref> byC = Comparator.comparingInt(Ref::c);
    Comparator<Ref> byP = Comparator.comparingInt(Ref::p);
    Comparator<Ref> byPos = Comparator.comparingLong(Ref::refY).thenComparingLong(Ref::refX);
    switch (order) {
      case LRCP -> {
        refs.sort(byR.thenComparing(byC).thenComparing(byP));
        for (int l = 0; l < layers; l++) {
          for (Ref ref : refs) {
            if (!one(ref, l, sink)) {
              return false;
            }
          }
        }
        return true;
      }
      case RLCP -> {
        refs.sort(byR.thenComparing(byC).thenComparing(byP));
        int i = 0;
        while (i < refs.size()) {
          int j = i;
          while (j < refs.size() && refs.get(j).r() == refs.get(i).r()) {
            j++;
          }
          for (int l = 0; l < layers; l++) {
            for (int k = i; k < j; k++) {
              if (!one(refs.get(k), l, sink)) {
                return false;
              }
            }
          }
          i = j;
        }
        return true;
      }
      case RPCL -> refs.sort(byR.thenComparing(byPos).thenComparing(byC));
      case PCRL -> refs.sort(byPos.thenComparing(byC).thenComparing(byR));
      default -> refs.sort(byC.thenComparing(byPos).thenComparing(byR));
    }
    for (Ref ref : refs) {
      for (int l = 0; l < layers; l++) {
        if (!one(ref, l, sink)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean one(Ref ref, int layer, Sink sink) throws J2kException {
    Resolution res = ref.tc().resolutions[ref.r()];
    Precinct p = res.precincts[ref.p()];
    if (p.nextLayer != layer) {
      return true;
    }
    p.nextLayer++;
    return sink.packet(ref.tc(), res, p, layer);
  }
}
