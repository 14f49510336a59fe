package org.radassist.dicom.inspect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Dictionary;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;

/**
 * What {@code radassist inspect FILE --json} prints: header facts, every frame's SHA-256 over its
 * stored values (int32 little-endian, row-major, samples interleaved, as DESIGN.md fixes it) and
 * all tags. A plain map tree in the documented key order, so the CLI serialises it with any JSON
 * library and tests compare it with the reference decode.
 */
public final class InspectReport {
  private final Map<String, Object> content;

  private InspectReport(Map<String, Object> content) {
    this.content = content;
  }

  /** Never throws: an unreadable file gives a report with {@code file} and {@code error}. */
  public static InspectReport of(Path file) {
    try {
      return new InspectReport(inspect(file));
    } catch (DicomException e) {
      return failure(file, e.problem());
    } catch (RuntimeException e) {
      return failure(file, "internal error: " + e);
    }
  }

  private static InspectReport failure(Path file, String problem) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file.toString());
    m.put("error", problem);
    return new InspectReport(m);
  }

  public boolean failed() {
    return content.containsKey("error");
  }

  /** Why the file could not be read, when it could not. */
  public Optional<String> error() {
    return Optional.ofNullable((String) content.get("error"));
  }

  /** The report as an ordered map of strings, numbers, lists and maps. */
  public Map<String, Object> toMap() {
    return content;
  }

  public String toJson() {
    return Json.write(content);
  }

  /**
   * The same report for a person at a terminal: one {@code key: value} line each, the items of a
   * sequence numbered and indented under it.
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    text(content, "", out);
    return out.toString();
  }

  private static void text(Map<?, ?> map, String indent, StringBuilder out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      out.append(indent).append(e.getKey()).append(':');
      if (e.getValue() instanceof Map<?, ?> nested) {
        out.append('\n');
        text(nested, indent + "  ", out);
      } else if (e.getValue() instanceof List<?> list
          && !list.isEmpty()
          && list.get(0) instanceof Map<?, ?>) {
        out.append(' ').append(list.size()).append(list.size() == 1 ? " item" : " items");
        out.append('\n');
        for (int i = 0; i < list.size(); i++) {
          out.append(indent).append("  item ").append(i + 1).append(":\n");
          text((Map<?, ?>) list.get(i), indent + "    ", out);
        }
      } else if (e.getValue() instanceof List<?> list) {
        for (Object v : list) {
          out.append('\n').append(indent).append("  ").append(v);
        }
        out.append('\n');
      } else {
        out.append(' ').append(e.getValue() == null ? "-" : e.getValue()).append('\n');
      }
    }
  }

  private static Map<String, Object> inspect(Path path) throws DicomException {
    DicomFile file = DicomReader.read(path);
    Attributes ds = file.dataset();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", path.toString());
    m.put("transferSyntax", file.transferSyntax().uid());
    m.put("sopClassUid", ds.string(Tag.SOP_CLASS_UID));
    m.put("sopInstanceUid", ds.string(Tag.SOP_INSTANCE_UID));
    m.put("modality", ds.string(Tag.MODALITY));
    List<String> hashes = new ArrayList<>();
    if (ds.contains(Tag.PIXEL_DATA)) {
      DicomImage image = DicomImage.of(file);
      PixelFormat f = image.pixelFormat();
      m.put("rows", f.rows());
      m.put("columns", f.columns());
      m.put("frames", f.frames());
      m.put("samplesPerPixel", f.samplesPerPixel());
      m.put("photometric", f.photometric().dicomName());
      m.put("bitsAllocated", f.bitsAllocated());
      m.put("bitsStored", f.bitsStored());
      m.put("pixelRepresentation", f.signed() ? 1 : 0);
      for (int i = 0; i < f.frames(); i++) {
        hashes.add(sha256(image.frame(i).samples()));
      }
    } else {
      // No Pixel Data (a report) or pixels that are not stored values (Float Pixel Data of a
      // parametric map): the geometry the header gives, where it gives it, and no hashes.
      m.put("rows", header(ds, Tag.ROWS));
      m.put("columns", header(ds, Tag.COLUMNS));
      m.put("frames", header(ds, Tag.NUMBER_OF_FRAMES));
      m.put("samplesPerPixel", header(ds, Tag.SAMPLES_PER_PIXEL));
      m.put("photometric", ds.string(Tag.PHOTOMETRIC_INTERPRETATION));
      m.put("bitsAllocated", header(ds, Tag.BITS_ALLOCATED));
      m.put("bitsStored", header(ds, Tag.BITS_STORED));
      m.put("pixelRepresentation", header(ds, Tag.PIXEL_REPRESENTATION));
    }
    m.put("frameHashes", hashes);
    Map<String, Object> tags = new LinkedHashMap<>();
    putTags(file.meta(), tags);
    putTags(ds, tags);
    m.put("tags", tags);
    return m;
  }

  private static Integer header(Attributes ds, int tag) {
    var v = ds.intValue(tag);
    return v.isPresent() ? v.getAsInt() : null;
  }

  /** SHA-256 of stored values as int32 little-endian, the hash the CLI contract defines. */
  public static String sha256(int[] samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(samples);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }

  private static void putTags(Attributes ds, Map<String, Object> out) {
    for (DicomElement e : ds.elements()) {
      if (e.tag() == Tag.PIXEL_DATA) {
        continue;
      }
      String keyword = Dictionary.keywordOf(e.tag());
      out.put(keyword != null ? keyword : Tag.toKey(e.tag()), value(ds, e));
    }
  }

  private static Object value(Attributes ds, DicomElement e) {
    if (e.isSequence()) {
      List<Object> items = new ArrayList<>();
      for (Attributes item : e.items()) {
        Map<String, Object> m = new LinkedHashMap<>();
        putTags(item, m);
        items.add(m);
      }
      return items;
    }
    VR vr = e.vr();
    if (vr.isText()) {
      return String.join("\\", ds.strings(e.tag()));
    }
    if (vr == VR.US || vr == VR.SS || vr == VR.UL || vr == VR.SL || vr == VR.SV || vr == VR.UV) {
      long[] v = e.longs();
      return v.length == 1 ? (Object) v[0] : toList(v);
    }
    if (vr == VR.FL || vr == VR.FD) {
      double[] v = e.doubles();
      if (v.length == 1) {
        return v[0];
      }
      List<Double> l = new ArrayList<>();
      for (double d : v) {
        l.add(d);
      }
      return l;
    }
    if (vr == VR.AT) {
      return String.join("\\", e.strings(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return "<" + vr + " " + (e.isEncapsulated() ? "encapsulated" : e.length() + " bytes") + ">";
  }

  private static List<Long> toList(long[] v) {
    List<Long> l = new ArrayList<>(v.length);
    for (long x : v) {
      l.add(x);
    }
    return l;
  }
}
