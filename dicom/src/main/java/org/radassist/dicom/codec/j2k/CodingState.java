package org.radassist.dicom.codec.j2k;

import java.util.ArrayList;
import java.util.List;

/**
 * Coding parameters in force for the main header or one tile. Each per-component value remembers
 * the rank of the marker that set it, so that T.800 A.6's precedence (tile COC over tile COD over
 * main COC over main COD; likewise QCC/QCD) holds whatever order markers appear in.
 */
final class CodingState {
  static final int MAIN_DEFAULT = 0;
  static final int MAIN_COMPONENT = 1;
  static final int TILE_DEFAULT = 2;
  static final int TILE_COMPONENT = 3;

  int progression;
  int layers = 1;
  boolean multiComponent;
  boolean sop;
  boolean eph;
  final ComponentCoding[] coding;
  final int[] codingRank;
  final Quantization[] quant;
  final int[] quantRank;
  final int[] roiShift;
  final List<ProgressionChange> changes = new ArrayList<>();
  boolean codSeen;

  CodingState(int components) {
    coding = new ComponentCoding[components];
    codingRank = new int[components];
    quant = new Quantization[components];
    quantRank = new int[components];
    roiShift = new int[components];
  }

  CodingState forTile() {
    CodingState t = new CodingState(coding.length);
    t.progression = progression;
    t.layers = layers;
    t.multiComponent = multiComponent;
    t.sop = sop;
    t.eph = eph;
    t.codSeen = codSeen;
    System.arraycopy(coding, 0, t.coding, 0, coding.length);
    System.arraycopy(codingRank, 0, t.codingRank, 0, coding.length);
    System.arraycopy(quant, 0, t.quant, 0, coding.length);
    System.arraycopy(quantRank, 0, t.quantRank, 0, coding.length);
    System.arraycopy(roiShift, 0, t.roiShift, 0, coding.length);
    t.changes.addAll(changes);
    return t;
  }

  void setCoding(int c, ComponentCoding cc, int rank) {
    if (rank >= codingRank[c] || coding[c] == null) {
      coding[c] = cc;
      codingRank[c] = rank;
    }
  }

  void setQuant(int c, Quantization q, int rank) {
    if (rank >= quantRank[c] || quant[c] == null) {
      quant[c] = q;
      quantRank[c] = rank;
    }
  }

  void check() throws J2kException {
    if (!codSeen) {
      throw new J2kException("no COD marker in the main header");
    }
    for (int c = 0; c < coding.length; c++) {
      if (quant[c] == null) {
        throw new J2kException("no quantization (QCD/QCC) for component " + c);
      }
    }
  }
}
