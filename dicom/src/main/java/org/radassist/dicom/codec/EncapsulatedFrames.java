package org.radassist.dicom.codec;

import java.util.ArrayList;
import java.util.List;
import org.radassist.dicom.data.Fragment;

/**
 * Maps the fragments of encapsulated Pixel Data to frames (PS3.5 A.4): by the Basic Offset Table
 * when it is present, else one fragment per frame when the counts agree, else by the codestream's
 * start-of-image marker, which begins every frame and no continuation fragment (RLE, one fragment a
 * frame, has none). When Number of Frames promises more frames than the data holds, the frames that
 * are there still decode and only the missing ones fail, as with dcmtk: a cine loop cut short in
 * transfer keeps what arrived.
 */
public final class EncapsulatedFrames {
  private EncapsulatedFrames() {}

  /** Codestream of frame {@code index}: its fragments concatenated, the others not copied. */
  public static byte[] frame(List<Fragment> fragments, int frames, boolean rle, int index)
      throws CodecException {
    List<int[]> ranges = ranges(fragments, frames, rle);
    if (index >= ranges.size()) {
      throw new CodecException(
          "not in the Pixel Data, which holds "
              + ranges.size()
              + " of the "
              + frames
              + " frames its header declares");
    }
    int[] r = ranges.get(index);
    return concat(fragments.subList(1, fragments.size()), r[0], r[1]);
  }

  /**
   * For each frame found, the half-open range of data fragment indices (BOT excluded) it spans; at
   * most {@code frames} of them, fewer when the data holds fewer.
   */
  static List<int[]> ranges(List<Fragment> fragments, int frames, boolean rle)
      throws CodecException {
    if (fragments.isEmpty()) {
      throw new CodecException("encapsulated Pixel Data has no Basic Offset Table item");
    }
    List<Fragment> data = fragments.subList(1, fragments.size());
    if (data.isEmpty()) {
      throw new CodecException("encapsulated Pixel Data has no fragments");
    }
    Fragment bot = fragments.get(0);
    if (bot.length() >= 4 * frames && bot.length() % 4 == 0 && frames > 1) {
      List<int[]> byTable = byOffsetTable(bot, data, frames);
      if (byTable != null) {
        return byTable;
      }
    }
    if (frames == 1) {
      return List.of(new int[] {0, data.size()});
    }
    if (data.size() == frames || rle) {
      int n = Math.min(frames, data.size());
      List<int[]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new int[] {i, i + 1});
      }
      return out;
    }
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      Fragment f = data.get(i);
      if (!rle
          && f.length() >= 2
          && (f.buffer()[f.offset()] & 0xFF) == 0xFF
          && ((f.buffer()[f.offset() + 1] & 0xFF) == 0xD8
              || (f.buffer()[f.offset() + 1] & 0xFF) == 0x4F)) {
        starts.add(i);
      }
    }
    if (starts.isEmpty() || starts.get(0) != 0) {
      throw new CodecException(
          "cannot tell which of "
              + data.size()
              + " fragments belong to which of "
              + frames
              + " frames (no Basic Offset Table)");
    }
    return toRanges(starts, Math.min(frames, starts.size()), data.size());
  }

  /** Frame k spans from its start to the next frame's start (the last one to {@code end}). */
  private static List<int[]> toRanges(List<Integer> starts, int frames, int end) {
    List<int[]> out = new ArrayList<>(frames);
    for (int k = 0; k < frames; k++) {
      int to = k + 1 < starts.size() ? starts.get(k + 1) : end;
      out.add(new int[] {starts.get(k), to});
    }
    return out;
  }

  private static List<int[]> byOffsetTable(Fragment bot, List<Fragment> data, int frames) {
    long[] offsets = new long[frames];
    byte[] b = bot.buffer();
    for (int k = 0; k < frames; k++) {
      int p = bot.offset() + 4 * k;
      offsets[k] =
          ((b[p] & 0xFFL)
              | (b[p + 1] & 0xFFL) << 8
              | (b[p + 2] & 0xFFL) << 16
              | (b[p + 3] & 0xFFL) << 24);
    }
    List<Integer> starts = new ArrayList<>();
    long pos = 0;
    int k = 0;
    for (int i = 0; i < data.size() && k < frames; i++) {
      if (pos == offsets[k]) {
        starts.add(i);
        k++;
      } else if (pos > offsets[k]) {
        return null;
      }
      pos += 8 + data.get(i).length();
    }
    if (starts.size() != frames) {
      return null;
    }
    return toRanges(starts, frames, data.size());
  }

  private static byte[] concat(List<Fragment> data, int from, int to) {
    if (to - from == 1) {
      return data.get(from).bytes();
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      n += data.get(i).length();
    }
    byte[] out = new byte[n];
    int p = 0;
    for (int i = from; i < to; i++) {
      Fragment f = data.get(i);
      System.arraycopy(f.buffer(), f.offset(), out, p, f.length());
      p += f.length();
    }
    return out;
  }
}
