package org.radassist.dicom.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.PaletteLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.dicom.pixel.VoiTable;

/**
 * Builds the LUTs of PS3.3 C.11 from a data set. Values a modality got wrong (a zero width, a
 * descriptor that disagrees with its data) are dropped rather than guessed, because a wrong LUT
 * shows a plausible but false image.
 */
final class Luts {
  private Luts() {}

  /**
   * Where an attribute of a functional group macro lives: the top-level data set for classic IODs,
   * else the macro's item in the shared groups, else in the first frame's groups (PS3.3 C.7.6.16).
   */
  static Attributes scope(Attributes ds, int probeTag, int macroSequence) {
    if (ds.contains(probeTag)) {
      return ds;
    }
    for (int groups :
        new int[] {
          Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE
        }) {
      Optional<Attributes> macro = ds.firstItem(groups).flatMap(g -> g.firstItem(macroSequence));
      if (macro.isPresent() && macro.get().contains(probeTag)) {
        return macro.get();
      }
    }
    return ds;
  }

  static ModalityLut modality(Attributes dataset, PixelFormat f) {
    Attributes ds = scope(dataset, Tag.RESCALE_SLOPE, Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE);
    if (f.samplesPerPixel() != 1 || f.photometric() == Photometric.PALETTE_COLOR) {
      return ModalityLut.identity();
    }
    Optional<Attributes> item = ds.firstItem(Tag.MODALITY_LUT_SEQUENCE);
    if (item.isPresent()) {
      Optional<Table> t = table(item.get(), f.signed());
      if (t.isPresent()) {
        return ModalityLut.table(t.get().data, t.get().firstMapped);
      }
    }
    double slope = ds.doubleValue(Tag.RESCALE_SLOPE).orElse(1.0);
    double intercept = ds.doubleValue(Tag.RESCALE_INTERCEPT).orElse(0.0);
    if (slope == 0 || Double.isNaN(slope) || Double.isNaN(intercept)) {
      return ModalityLut.identity();
    }
    return ModalityLut.linear(slope, intercept);
  }

  static List<VoiLut> windows(Attributes dataset) {
    Attributes ds = scope(dataset, Tag.WINDOW_CENTER, Tag.FRAME_VOI_LUT_SEQUENCE);
    double[] centers = ds.doubles(Tag.WINDOW_CENTER);
    double[] widths = ds.doubles(Tag.WINDOW_WIDTH);
    List<String> explanations = ds.strings(Tag.WINDOW_CENTER_WIDTH_EXPLANATION);
    VoiLut.Function function = VoiLut.Function.fromDicom(ds.string(Tag.VOI_LUT_FUNCTION));
    List<VoiLut> out = new ArrayList<>();
    int n = Math.min(centers.length, widths.length);
    for (int i = 0; i < n; i++) {
      String explanation = i < explanations.size() ? explanations.get(i) : "";
      try {
        out.add(new VoiLut(centers[i], widths[i], function, explanation));
      } catch (IllegalArgumentException e) {
        // A preset the standard forbids (width < 1 for LINEAR) is left out, see class comment.
      }
    }
    return out;
  }

  static List<VoiTable> voiTables(Attributes ds, PixelFormat f) {
    List<VoiTable> out = new ArrayList<>();
    for (Attributes item : ds.sequence(Tag.VOI_LUT_SEQUENCE)) {
      table(item, f.signed())
          .ifPresent(
              t ->
                  out.add(
                      new VoiTable(
                          t.data, t.firstMapped, t.bits, item.string(Tag.LUT_EXPLANATION, ""))));
    }
    return out;
  }

  static Optional<PaletteLut> palette(Attributes ds) {
    Optional<Table> r =
        paletteChannel(
            ds,
            Tag.RED_PALETTE_COLOR_LUT_DESCRIPTOR,
            Tag.RED_PALETTE_COLOR_LUT_DATA,
            Tag.SEGMENTED_RED_PALETTE_COLOR_LUT_DATA);
    Optional<Table> g =
        paletteChannel(
            ds,
            Tag.GREEN_PALETTE_COLOR_LUT_DESCRIPTOR,
            Tag.GREEN_PALETTE_COLOR_LUT_DATA,
            Tag.SEGMENTED_GREEN_PALETTE_COLOR_LUT_DATA);
    Optional<Table> b =
        paletteChannel(
            ds,
            Tag.BLUE_PALETTE_COLOR_LUT_DESCRIPTOR,
            Tag.BLUE_PALETTE_COLOR_LUT_DATA,
            Tag.SEGMENTED_BLUE_PALETTE_COLOR_LUT_DATA);
    if (r.isEmpty() || g.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new PaletteLut(
            r.get().data, g.get().data, b.get().data, r.get().firstMapped, r.get().bits));
  }

  private record Table(int[] data, int firstMapped, int bits) {}

  private static Optional<Table> paletteChannel(
      Attributes ds, int descTag, int dataTag, int segTag) {
    long[] desc = ds.longs(descTag);
    if (desc.length < 3) {
      return Optional.empty();
    }
    int entries = desc[0] == 0 ? 65536 : (int) desc[0];
    int first = (int) desc[1];
    int bits = (int) desc[2];
    DicomElement data = ds.get(dataTag);
    if (data != null && !data.isEmpty()) {
      return Optional.ofNullable(words(data, entries, bits)).map(d -> new Table(d, first, bits));
    }
    DicomElement seg = ds.get(segTag);
    if (seg != null && !seg.isEmpty()) {
      return Optional.ofNullable(Segmented.expand(seg, entries))
          .map(d -> new Table(d, first, bits));
    }
    return Optional.empty();
  }

  private static Optional<Table> table(Attributes item, boolean signed) {
    DicomElement descriptor = item.get(Tag.LUT_DESCRIPTOR);
    DicomElement data = item.get(Tag.LUT_DATA);
    if (descriptor == null || data == null) {
      return Optional.empty();
    }
    long[] d = item.longs(Tag.LUT_DESCRIPTOR);
    if (d.length < 3) {
      return Optional.empty();
    }
    int entries = d[0] == 0 ? 65536 : (int) d[0];
    int first = signed ? (short) d[1] : (int) d[1];
    int bits = (int) d[2];
    int[] values = words(data, entries, bits);
    return values == null ? Optional.empty() : Optional.of(new Table(values, first, bits));
  }

  /** LUT data as 16-bit words, or 8-bit entries packed two per word when the length says so. */
  private static int[] words(DicomElement data, int entries, int bits) {
    int len = data.length();
    int[] out = new int[entries];
    if (len >= entries * 2) {
      for (int i = 0; i < entries; i++) {
        out[i] = data.u16(i);
      }
    } else if (bits <= 8 && len >= entries) {
      // Packed entries are bytes of 16-bit words (US or OW), so big endian swaps each pair.
      byte[] b = data.buffer();
      int swap = data.bigEndian() ? 1 : 0;
      for (int i = 0; i < entries; i++) {
        out[i] = b[data.offset() + (i ^ swap)] & 0xFF;
      }
    } else {
      return null;
    }
    if (bits <= 8 && len >= entries * 2) {
      boolean highByteUsed = false;
      for (int v : out) {
        if (v > 0xFF) {
          highByteUsed = true;
          break;
        }
      }
      if (highByteUsed) {
        // 8-bit palettes written as 16-bit words keep the value in the high byte (dcmtk does too).
        for (int i = 0; i < entries; i++) {
          out[i] >>= 8;
        }
      }
    }
    return out;
  }
}
