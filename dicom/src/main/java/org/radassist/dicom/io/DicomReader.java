package org.radassist.dicom.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Dictionary;
import org.radassist.dicom.data.Fragment;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;

/**
 * Part 10 parser (PS3.10 7, PS3.5 7): preamble and file meta group, then the data set in the
 * transfer syntax the meta names (implicit or explicit VR, little or big endian, deflated), with
 * defined and undefined lengths, nested sequences and encapsulated pixel data. Files without
 * preamble or meta are accepted when their first element shows the encoding. Every length is
 * checked against the bytes that remain, so a corrupt length is reported, never allocated.
 */
public final class DicomReader {
  private static final int MAX_DEPTH = 64;
  private static final int UNDEFINED = -1;
  private static final int METADATA_PROBE = 64 * 1024;

  private final Path path;
  private final boolean stopAtPixelData;
  private long fileSize = -1;

  /**
   * Whether the buffer is only the start of the file: running out of it then means "read more", not
   * a damaged file. A file shorter than the probe, or the retry with the whole file, ends for real
   * and gets a specific error.
   */
  private boolean partial;

  private byte[] buf;
  private int end;
  private boolean bigEndian;
  private boolean deflated;
  private boolean explicitVr;

  /**
   * Smallest/Largest Image Pixel Value, in Series, in Plane, Pixel Padding Value and Range Limit,
   * Histogram First/Last Bin Value.
   */
  private static final int[] PIXEL_VALUE_TAGS = {
    0x00280106,
    0x00280107,
    0x00280108,
    0x00280109,
    0x00280110,
    0x00280111,
    0x00280120,
    0x00280121,
    0x00603004,
    0x00603006
  };

  private DicomReader(Path path, boolean stopAtPixelData) {
    this.path = path;
    this.stopAtPixelData = stopAtPixelData;
  }

  /** Reads the whole file, pixel data included (kept as a view, decoded later). */
  public static DicomFile read(Path path) throws DicomException {
    return new DicomReader(path, false).parse(readAll(path));
  }

  /** Parses bytes already in memory; {@code path} only names them in errors. */
  public static DicomFile read(byte[] bytes, Path path) throws DicomException {
    return new DicomReader(path, false).parse(bytes);
  }

  /**
   * Reads every element before Pixel Data, touching only the start of the file when the header is
   * small, so a folder of large images is indexed without reading its pixels.
   */
  public static DicomFile readMetadata(Path path) throws DicomException {
    long size;
    try {
      size = Files.size(path);
    } catch (NoSuchFileException e) {
      throw new DicomException(path, "file not found", e);
    } catch (IOException e) {
      throw new DicomException(path, "cannot read file: " + e.getMessage(), e);
    }
    return readMetadata(() -> Files.newInputStream(path), size, path);
  }

  private static byte[] readAll(Path path) throws DicomException {
    try {
      long size = Files.size(path);
      if (size > Integer.MAX_VALUE - 16) {
        throw new DicomException(path, "file of " + size + " bytes is larger than 2 GB");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new DicomException(path, "file not found", e);
    } catch (IOException e) {
      throw new DicomException(path, "cannot read file: " + e.getMessage(), e);
    }
  }

  /** Signals that a metadata probe ended inside an element: retry with the whole file. */
  private static final class Truncated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Truncated() {
      super(null, null, false, false);
    }
  }

  private DicomException error(String problem) {
    return new DicomException(path, problem);
  }

  private DicomFile parse(byte[] bytes) throws DicomException {
    this.buf = bytes;
    this.end = bytes.length;
    if (end == 0) {
      throw error("file is empty");
    }
    int pos = 0;
    boolean preamble = false;
    if (end >= 132
        && bytes[128] == 'D'
        && bytes[129] == 'I'
        && bytes[130] == 'C'
        && bytes[131] == 'M') {
      preamble = true;
      pos = 132;
    } else if (end >= 4
        && bytes[0] == 'D'
        && bytes[1] == 'I'
        && bytes[2] == 'C'
        && bytes[3] == 'M') {
      pos = 4;
    }
    Attributes meta = new Attributes();
    if (end - pos >= 6 && u16le(pos) == 0x0002) {
      pos = readMeta(pos, meta);
    } else if (preamble && end - pos < 8) {
      throw error("file ends right after the DICM prefix");
    }
    String tsUid = meta.string(Tag.TRANSFER_SYNTAX_UID);
    TransferSyntax ts;
    if (tsUid == null) {
      if (!preamble && meta.size() == 0 && end - pos < 8) {
        throw error("not a DICOM file: " + end + " bytes, too short for a data element");
      }
      ts = guessSyntax(pos);
    } else {
      ts = TransferSyntax.of(tsUid);
      if (!ts.deflated() && !plausibleStart(pos, ts)) {
        TransferSyntax guessed = guessSyntax(pos);
        if (guessed.explicitVr() != ts.explicitVr() || guessed.bigEndian() != ts.bigEndian()) {
          // Some writers declare one encoding and use another; read what is there, but keep the
          // declared compression, which the pixel data still follows.
          ts =
              new TransferSyntax(
                  ts.uid(),
                  ts.name(),
                  guessed.explicitVr(),
                  guessed.bigEndian(),
                  false,
                  ts.compression(),
                  ts.lossy());
        }
      }
    }
    if (!preamble && meta.size() == 0 && end - pos < 8) {
      throw error("not a DICOM file: no DICM prefix and no data set");
    }
    if (ts.deflated()) {
      deflated = true;
      buf = inflate(bytes, pos);
      end = buf.length;
      pos = 0;
    }
    bigEndian = ts.bigEndian();
    explicitVr = ts.explicitVr();
    Attributes dataset = new Attributes();
    boolean skipped = readDataset(dataset, pos, end, 0);
    if (meta.size() == 0 && dataset.size() == 0) {
      throw error("not a DICOM file: no DICM prefix and no data set");
    }
    if (meta.size() == 0 && dataset.elements().stream().allMatch(e -> e.tag() >>> 16 == 0)) {
      // Zeros read as empty elements of group 0000, which no data set holds: a header whose
      // bytes were never written (a file allocated and cut off) is no image with every field
      // missing.
      throw error(
          preamble
              ? "damaged header: the DICM prefix is followed by zeros, not a file meta group"
              : "not a DICOM file: no DICM prefix, and its data holds no data element");
    }
    if (!explicitVr) {
      signPixelValues(dataset);
    }
    return new DicomFile(path, meta, dataset, ts, preamble, skipped);
  }

  private int readMeta(int pos, Attributes meta) throws DicomException {
    boolean savedBig = bigEndian;
    bigEndian = false;
    int p = pos;
    int groupEnd = -1;
    while (p + 8 <= end && u16le(p) == 0x0002) {
      if (groupEnd >= 0 && p >= groupEnd && u16le(p + 2) != 0) {
        break;
      }
      explicitVr = VR.of(buf[p + 4] & 0xFF, buf[p + 5] & 0xFF) != null;
      p = readElement(meta, p, end, 0);
      DicomElement e = meta.get(Tag.FILE_META_INFORMATION_GROUP_LENGTH);
      if (groupEnd < 0 && e != null && e.binaryCount() == 1) {
        groupEnd = p + (int) Math.min(Integer.MAX_VALUE - p, e.longs()[0]);
      }
    }
    bigEndian = savedBig;
    return p;
  }

  private boolean plausibleStart(int pos, TransferSyntax ts) {
    if (end - pos < 8) {
      return true;
    }
    int group = ts.bigEndian() ? u16be(pos) : u16le(pos);
    boolean vrBytes = VR.of(buf[pos + 4] & 0xFF, buf[pos + 5] & 0xFF) != null;
    return group >= 0x0004 && group <= 0x0FFF && vrBytes == ts.explicitVr()
        || group == 0xFFFE
        || group == 0x7FE0
        || (group & 1) == 1;
  }

  /** PS3.5 leaves a bare data set's encoding unsaid; its first element shows it. */
  private TransferSyntax guessSyntax(int pos) throws DicomException {
    try {
      return guessBareSyntax(pos);
    } catch (DicomException e) {
      if (pos == 132) {
        // The prefix is there: the damage is in what follows it, and saying "no DICM prefix"
        // sent a site looking at the wrong end of the file.
        throw error(
            "damaged header: the DICM prefix is followed by neither a file meta group nor a data"
                + " element");
      }
      throw e;
    }
  }

  private TransferSyntax guessBareSyntax(int pos) throws DicomException {
    if (end - pos < 8) {
      throw error("no transfer syntax in the file meta and too few bytes to recognise one");
    }
    boolean vrBytes = VR.of(buf[pos + 4] & 0xFF, buf[pos + 5] & 0xFF) != null;
    int le = u16le(pos);
    int be = u16be(pos);
    boolean little = le <= be || le < 0x0100;
    // Implicit VR big endian is no DICOM encoding, so text (a README beside the images) and other
    // files are told apart from a bare data set by their first bytes alone.
    if (le > 0x7FE0 && be > 0x7FE0 || !vrBytes && !little) {
      throw error("not a DICOM file: no DICM prefix and the first bytes are not a data element");
    }
    if (!vrBytes) {
      long len = u32le(pos + 4);
      if (len != 0xFFFFFFFFL && len > end - pos - 8) {
        throw error("not a DICOM file: no DICM prefix and the first bytes are not a data element");
      }
      return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }
    return little
        ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN
        : TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
  }

  private byte[] inflate(byte[] in, int pos) throws DicomException {
    Inflater inf = new Inflater(true);
    try {
      inf.setInput(in, pos, in.length - pos);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, (in.length - pos) * 3));
      byte[] chunk = new byte[64 * 1024];
      while (!inf.finished()) {
        int n = inf.inflate(chunk);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          // A deflate stream that stops before its final block lost the rest of the data set;
          // parsing what came through could show a file with no image as if that were all.
          throw error(
              "deflated data set is truncated: its deflate stream ends after "
                  + out.size()
                  + " bytes, before its final block");
        }
        out.write(chunk, 0, n);
        if (out.size() > Integer.MAX_VALUE / 2) {
          throw error("deflated data set expands beyond 1 GB");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw error("deflated data set is corrupt: " + e.getMessage());
    } finally {
      inf.end();
    }
  }

  /**
   * Reads elements from {@code pos} until {@code limit}, an item delimiter (when nested) or Pixel
   * Data (when only metadata is wanted). Returns true when it stopped at Pixel Data.
   */
  private boolean readDataset(Attributes ds, int pos, int limit, int depth) throws DicomException {
    int p = pos;
    while (p < limit) {
      if (limit - p < 8) {
        if (allPadding(p, limit)) {
          return false;
        }
        if (partial && limit == end) {
          throw new Truncated();
        }
        throw error(
            "data set ends inside an element header at byte "
                + p
                + " ("
                + (limit - p)
                + " bytes left)");
      }
      int tag = tag(p);
      if (stopAtPixelData
          && depth == 0
          && Integer.compareUnsigned(tag, Tag.FLOAT_PIXEL_DATA) >= 0
          && (tag >>> 16) == 0x7FE0) {
        checkPixelDataFits(tag, p);
        return true;
      }
      p = readElement(ds, p, limit, depth);
    }
    return false;
  }

  /**
   * Reading metadata only skips Pixel Data, but a file whose Pixel Data claims more bytes than the
   * file holds is broken, and the load report should say so now rather than when a frame is drawn.
   */
  private void checkPixelDataFits(int tag, int p) throws DicomException {
    if (fileSize < 0 || deflated || end - p < 12) {
      return;
    }
    long len;
    int header;
    if (explicitVr) {
      VR vr = VR.of(buf[p + 4] & 0xFF, buf[p + 5] & 0xFF);
      boolean longLength = vr == null || vr.hasLongLength();
      len = longLength ? u32(p + 8) : u16(p + 6);
      header = longLength ? 12 : 8;
    } else {
      len = u32(p + 4);
      header = 8;
    }
    long remaining = fileSize - p - header;
    if (len != 0xFFFFFFFFL && len > remaining) {
      throw error(
          String.format(
              "element %s at byte %d claims %d bytes but only %d remain",
              Tag.toString(tag), p, len, remaining));
    }
  }

  private boolean allPadding(int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Reads one element at {@code p} into {@code ds}; returns the position after it. */
  private int readElement(Attributes ds, int p, int limit, int depth) throws DicomException {
    int tag = tag(p);
    VR vr;
    long len;
    int header;
    if (tag == Tag.ITEM || tag == Tag.ITEM_DELIMITATION || tag == Tag.SEQUENCE_DELIMITATION) {
      throw error("unexpected " + Tag.toString(tag) + " at byte " + p + " outside a sequence");
    }
    if (explicitVr) {
      vr = VR.of(buf[p + 4] & 0xFF, buf[p + 5] & 0xFF);
      if (vr == null) {
        int b0 = buf[p + 4] & 0xFF;
        int b1 = buf[p + 5] & 0xFF;
        if (b0 >= 0x20 && b0 < 0x7F && b1 >= 0x20 && b1 < 0x7F) {
          // dcmtk and pydicom read an unknown two-letter VR as UN with a 2-byte length field.
          vr = VR.UN;
          len = u16(p + 6);
          header = 8;
        } else {
          throw error(
              String.format(
                  "element %s at byte %d has no valid VR (bytes %02X %02X)",
                  Tag.toString(tag), p, b0, b1));
        }
      } else if (vr.hasLongLength()) {
        if (limit - p < 12) {
          truncatedHeader(tag, p, limit);
        }
        len = u32(p + 8);
        header = 12;
      } else {
        len = u16(p + 6);
        header = 8;
      }
    } else {
      vr = Dictionary.vrOf(tag);
      len = u32(p + 4);
      header = 8;
    }
    int v = p + header;
    if (len == 0xFFFFFFFFL) {
      // Also inside items: an Icon Image Sequence of a compressed image is compressed too.
      if (tag == Tag.PIXEL_DATA) {
        return readFragments(ds, tag, vr, v, limit);
      }
      if (vr == VR.SQ || vr == VR.UN || !explicitVr) {
        return readSequence(ds, tag, v, limit, UNDEFINED, depth, vr == VR.UN && explicitVr);
      }
      throw error(
          "element " + Tag.toString(tag) + " (" + vr + ") at byte " + p + " has undefined length");
    }
    if (len > limit - v) {
      if (partial && limit == end) {
        throw new Truncated();
      }
      throw error(
          String.format(
              "element %s (%s) at byte %d claims %d bytes but only %d remain",
              Tag.toString(tag), vr, p, len, limit - v));
    }
    int n = (int) len;
    if (vr == VR.SQ) {
      return readSequence(ds, tag, v, v + n, n, depth, false);
    }
    ds.put(DicomElement.ofBytes(tag, vr, buf, v, n, bigEndian));
    return v + n;
  }

  private void truncatedHeader(int tag, int p, int limit) throws DicomException {
    if (partial && limit == end) {
      throw new Truncated();
    }
    throw error("data set ends inside the header of " + Tag.toString(tag) + " at byte " + p);
  }

  private int readSequence(
      Attributes ds, int tag, int p, int limit, int length, int depth, boolean implicitItems)
      throws DicomException {
    if (depth >= MAX_DEPTH) {
      throw error("sequences nested deeper than " + MAX_DEPTH + " levels at " + Tag.toString(tag));
    }
    boolean savedExplicit = explicitVr;
    boolean savedBig = bigEndian;
    if (implicitItems) {
      // PS3.5 6.2.2: a UN sequence of undefined length is encoded implicit VR little endian.
      explicitVr = false;
      bigEndian = false;
    }
    List<Attributes> items = new ArrayList<>();
    int q = p;
    try {
      while (true) {
        if (length != UNDEFINED && q >= limit) {
          break;
        }
        if (limit - q < 8) {
          if (partial && limit == end) {
            throw new Truncated();
          }
          throw error(
              "sequence " + Tag.toString(tag) + " is not terminated before the end of the data");
        }
        int itemTag = tag(q);
        long itemLen = u32(q + 4);
        q += 8;
        if (itemTag == Tag.SEQUENCE_DELIMITATION) {
          break;
        }
        if (itemTag != Tag.ITEM) {
          throw error(
              String.format(
                  "sequence %s holds %s at byte %d where an item was expected",
                  Tag.toString(tag), Tag.toString(itemTag), q - 8));
        }
        Attributes item = new Attributes(ds);
        if (itemLen == 0xFFFFFFFFL) {
          q = readItemUndefined(item, q, limit, depth + 1, tag);
        } else {
          if (itemLen > limit - q) {
            if (partial && limit == end) {
              throw new Truncated();
            }
            if (length == UNDEFINED) {
              throw error(
                  String.format(
                      "item of sequence %s at byte %d claims %d bytes but only %d remain",
                      Tag.toString(tag), q - 8, itemLen, limit - q));
            }
            // An item longer than its defined-length sequence (a writer removed elements without
            // fixing the item length): dcmtk reads the elements up to the sequence end; so do we.
            itemLen = limit - q;
          }
          readDataset(item, q, q + (int) itemLen, depth + 1);
          q += (int) itemLen;
        }
        items.add(item);
      }
    } finally {
      explicitVr = savedExplicit;
      bigEndian = savedBig;
    }
    ds.put(DicomElement.ofSequence(tag, items));
    return q;
  }

  private int readItemUndefined(Attributes item, int p, int limit, int depth, int seqTag)
      throws DicomException {
    int q = p;
    while (true) {
      if (limit - q < 8) {
        if (partial && limit == end) {
          throw new Truncated();
        }
        throw error("item of sequence " + Tag.toString(seqTag) + " has no item delimiter");
      }
      int t = tag(q);
      if (t == Tag.ITEM_DELIMITATION) {
        return q + 8;
      }
      if (t == Tag.SEQUENCE_DELIMITATION) {
        // Some writers omit the item delimiter; the sequence delimiter still closes the item.
        return q;
      }
      q = readElement(item, q, limit, depth);
    }
  }

  /**
   * PS3.6 gives the elements that hold pixel values "US or SS", decided by Pixel Representation; an
   * implicit VR file does not say which, and the dictionary can only say US.
   */
  private static void signPixelValues(Attributes ds) {
    if (ds.intValue(Tag.PIXEL_REPRESENTATION, 0) != 1) {
      return;
    }
    for (int tag : PIXEL_VALUE_TAGS) {
      DicomElement e = ds.get(tag);
      if (e != null && e.vr() == VR.US) {
        ds.put(DicomElement.ofBytes(tag, VR.SS, e.buffer(), e.offset(), e.length(), e.bigEndian()));
      }
    }
  }

  private int readFragments(Attributes ds, int tag, VR vr, int p, int limit) throws DicomException {
    List<Fragment> fragments = new ArrayList<>();
    int q = p;
    while (true) {
      if (limit - q < 8) {
        if (partial && limit == end) {
          throw new Truncated();
        }
        throw error("encapsulated Pixel Data has no sequence delimiter (file truncated?)");
      }
      int t = tag(q);
      long len = u32(q + 4);
      q += 8;
      if (t == Tag.SEQUENCE_DELIMITATION) {
        break;
      }
      if (t != Tag.ITEM) {
        throw error(
            String.format(
                "encapsulated Pixel Data holds %s at byte %d where a fragment item was expected",
                Tag.toString(t), q - 8));
      }
      if (len > limit - q) {
        throw error(
            String.format(
                "Pixel Data fragment %d at byte %d claims %d bytes but only %d remain",
                fragments.size(), q - 8, len, limit - q));
      }
      fragments.add(new Fragment(buf, q, (int) len));
      q += (int) len;
    }
    ds.put(DicomElement.ofFragments(tag, vr, fragments));
    return q;
  }

  private int tag(int p) {
    return (u16(p) << 16) | u16(p + 2);
  }

  private int u16(int p) {
    return bigEndian ? u16be(p) : u16le(p);
  }

  private long u32(int p) {
    return bigEndian ? u32be(p) : u32le(p);
  }

  private int u16le(int p) {
    return (buf[p] & 0xFF) | ((buf[p + 1] & 0xFF) << 8);
  }

  private int u16be(int p) {
    return ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
  }

  private long u32le(int p) {
    return (u16le(p) | ((long) u16le(p + 2) << 16)) & 0xFFFFFFFFL;
  }

  private long u32be(int p) {
    return (((long) u16be(p) << 16) | u16be(p + 2)) & 0xFFFFFFFFL;
  }

  /** Opens a stream of the same bytes each time it is asked: a zip entry. */
  @FunctionalInterface
  public interface StreamSource {
    InputStream open() throws IOException;
  }

  /**
   * Reads every element before Pixel Data of a stream of {@code size} bytes (a zip entry), reading
   * only its start when the header is small, as {@link #readMetadata(Path)} does for a file: a zip
   * of large images is indexed without holding its pixels.
   */
  public static DicomFile readMetadata(StreamSource source, long size, Path name)
      throws DicomException {
    try {
      byte[] head;
      try (InputStream in = source.open()) {
        head = in.readNBytes(METADATA_PROBE);
      }
      DicomReader probe = new DicomReader(name, true);
      probe.fileSize = size;
      probe.partial = head.length < size;
      try {
        return probe.parse(head);
      } catch (Truncated e) {
        DicomReader whole = new DicomReader(name, true);
        whole.fileSize = size;
        try (InputStream in = source.open()) {
          return whole.parse(in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new DicomException(name, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads a whole stream (e.g. a zip entry) and parses it. */
  public static DicomFile read(InputStream in, Path name) throws DicomException {
    try {
      return read(in.readAllBytes(), name);
    } catch (IOException e) {
      throw new DicomException(name, "cannot read: " + e.getMessage(), e);
    }
  }
}
