package org.radassist.dicom.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Fragment;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.TransferSyntax;

/**
 * Writes a Part 10 file (PS3.10 7.1): 128-byte preamble, "DICM", the file meta group with its exact
 * group length, then the data set in explicit VR little endian. Values are padded to even length
 * with the padding PS3.5 6.2 prescribes (space for text, NUL for UI and binary). Elements read from
 * a big-endian file are byte-swapped on the way out. Files are put in place by {@link AtomicFile},
 * so a crash never leaves a half-written file under the final name.
 */
public final class DicomWriter {
  private DicomWriter() {}

  /** Writes {@code dataset} in explicit VR little endian with a meta group derived from it. */
  public static void write(Path path, Attributes dataset) throws DicomException {
    write(path, dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
  }

  /**
   * Writes with the given transfer syntax UID in the meta; the data set is always encoded explicit
   * VR little endian, so only that syntax or an encapsulated one (pixel data already fragments) may
   * be named.
   */
  public static void write(Path path, Attributes dataset, String transferSyntaxUid)
      throws DicomException {
    byte[] file = encodeFile(path, dataset, transferSyntaxUid);
    try {
      AtomicFile.write(path, file);
    } catch (IOException e) {
      throw new DicomException(path, "cannot write: " + AtomicFile.reason(e), e);
    }
  }

  /**
   * The Part 10 file of {@code dataset} in explicit VR little endian, for callers that put it in
   * place themselves.
   */
  public static byte[] encodeFile(Attributes dataset) throws DicomException {
    return encodeFile(null, dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
  }

  private static byte[] encodeFile(Path path, Attributes dataset, String transferSyntaxUid)
      throws DicomException {
    TransferSyntax ts = TransferSyntax.of(transferSyntaxUid);
    if (!ts.explicitVr() || ts.bigEndian() || ts.deflated()) {
      throw new DicomException(
          path, "writer encodes explicit VR little endian only, not " + ts.name());
    }
    String sopClass = dataset.string(Tag.SOP_CLASS_UID);
    String sopInstance = dataset.string(Tag.SOP_INSTANCE_UID);
    if (sopClass == null || sopInstance == null) {
      throw new DicomException(path, "data set lacks SOP Class UID or SOP Instance UID");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    try {
      out.write(new byte[128]);
      out.write("DICM".getBytes(StandardCharsets.US_ASCII));
      writeMeta(out, sopClass, sopInstance, transferSyntaxUid);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (DicomElement e : dataset.elements()) {
      if (Tag.group(e.tag()) != 0x0002) {
        writeElement(out, e);
      }
    }
    return out.toByteArray();
  }

  /** Encodes the data set alone (no preamble, no meta), e.g. for a DICOMweb STOW body part. */
  public static byte[] encodeDataset(Attributes dataset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    for (DicomElement e : dataset.elements()) {
      writeElement(out, e);
    }
    return out.toByteArray();
  }

  private static void writeMeta(OutputStream out, String sopClass, String sopInstance, String ts)
      throws IOException {
    ByteArrayOutputStream group = new ByteArrayOutputStream();
    writeElement(
        group, DicomElement.ofBytes(Tag.FILE_META_INFORMATION_VERSION, VR.OB, new byte[] {0, 1}));
    writeElement(group, text(Tag.MEDIA_STORAGE_SOP_CLASS_UID, VR.UI, sopClass));
    writeElement(group, text(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, VR.UI, sopInstance));
    writeElement(group, text(Tag.TRANSFER_SYNTAX_UID, VR.UI, ts));
    writeElement(group, text(Tag.IMPLEMENTATION_CLASS_UID, VR.UI, Uids.IMPLEMENTATION_CLASS_UID));
    writeElement(
        group, text(Tag.IMPLEMENTATION_VERSION_NAME, VR.SH, Uids.IMPLEMENTATION_VERSION_NAME));
    int len = group.size();
    writeElement(
        out,
        DicomElement.ofBytes(
            Tag.FILE_META_INFORMATION_GROUP_LENGTH,
            VR.UL,
            new byte[] {(byte) len, (byte) (len >> 8), (byte) (len >> 16), (byte) (len >> 24)}));
    group.writeTo(out);
  }

  private static DicomElement text(int tag, VR vr, String value) {
    return DicomElement.ofBytes(tag, vr, value.getBytes(StandardCharsets.US_ASCII));
  }

  private static void writeElement(OutputStream out, DicomElement e) {
    try {
      if (e.isSequence()) {
        header(out, e.tag(), VR.SQ, 0xFFFFFFFFL);
        for (Attributes item : e.items()) {
          tagAndLength(out, Tag.ITEM, 0xFFFFFFFFL);
          for (DicomElement child : item.elements()) {
            writeElement(out, child);
          }
          tagAndLength(out, Tag.ITEM_DELIMITATION, 0);
        }
        tagAndLength(out, Tag.SEQUENCE_DELIMITATION, 0);
        return;
      }
      if (e.isEncapsulated()) {
        header(out, e.tag(), VR.OB, 0xFFFFFFFFL);
        for (Fragment f : e.fragments()) {
          int len = f.length() + (f.length() & 1);
          tagAndLength(out, Tag.ITEM, len);
          out.write(f.buffer(), f.offset(), f.length());
          if ((f.length() & 1) == 1) {
            out.write(0);
          }
        }
        tagAndLength(out, Tag.SEQUENCE_DELIMITATION, 0);
        return;
      }
      byte[] v = e.bytes();
      if (e.bigEndian()) {
        swap(v, e.vr());
      }
      int padded = v.length + (v.length & 1);
      header(out, e.tag(), e.vr(), padded);
      out.write(v);
      if ((v.length & 1) == 1) {
        out.write(e.vr().isText() && e.vr() != VR.UI ? ' ' : 0);
      }
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  private static void swap(byte[] v, VR vr) {
    int w = vr.binaryWidth();
    if (w < 2) {
      return;
    }
    if (vr == VR.AT) {
      w = 2;
    }
    for (int i = 0; i + w <= v.length; i += w) {
      for (int a = i, b = i + w - 1; a < b; a++, b--) {
        byte t = v[a];
        v[a] = v[b];
        v[b] = t;
      }
    }
  }

  private static void header(OutputStream out, int tag, VR vr, long length) throws IOException {
    VR written = vr;
    if (!vr.hasLongLength() && length > 0xFFFF) {
      written = VR.UN;
    }
    le16(out, tag >>> 16);
    le16(out, tag & 0xFFFF);
    out.write(written.name().charAt(0));
    out.write(written.name().charAt(1));
    if (written.hasLongLength()) {
      le16(out, 0);
      le32(out, length);
    } else {
      le16(out, (int) length);
    }
  }

  private static void tagAndLength(OutputStream out, int tag, long length) throws IOException {
    le16(out, tag >>> 16);
    le16(out, tag & 0xFFFF);
    le32(out, length);
  }

  private static void le16(OutputStream out, int v) throws IOException {
    out.write(v & 0xFF);
    out.write((v >>> 8) & 0xFF);
  }

  private static void le32(OutputStream out, long v) throws IOException {
    le16(out, (int) (v & 0xFFFF));
    le16(out, (int) ((v >>> 16) & 0xFFFF));
  }
}
