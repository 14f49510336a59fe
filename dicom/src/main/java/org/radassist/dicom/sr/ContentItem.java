package org.radassist.dicom.sr;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.VR;

/**
 * One node of an SR content tree (PS3.3 C.17.3): a value type, a coded concept name, its value and
 * its children, each child tied by a relationship. Built in memory, then encoded into nested
 * Content Sequence items by {@link #encode}.
 */
public final class ContentItem {
  /** Relationship Type (0040,A010) from the parent to a child. */
  public enum Relationship {
    CONTAINS("CONTAINS"),
    HAS_OBS_CONTEXT("HAS OBS CONTEXT"),
    HAS_CONCEPT_MOD("HAS CONCEPT MOD"),
    HAS_PROPERTIES("HAS PROPERTIES"),
    INFERRED_FROM("INFERRED FROM"),
    SELECTED_FROM("SELECTED FROM");

    private final String dicom;

    Relationship(String dicom) {
      this.dicom = dicom;
    }

    public String dicom() {
      return dicom;
    }
  }

  private record Child(Relationship relationship, ContentItem item) {}

  private static final DateTimeFormatter DT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSSxx", Locale.ROOT);

  private final String valueType;
  private final Code concept;
  private final Consumer<Attributes> value;
  private final List<Child> children = new ArrayList<>();

  private ContentItem(String valueType, Code concept, Consumer<Attributes> value) {
    this.valueType = valueType;
    this.concept = concept;
    this.value = value;
  }

  /** A CONTAINER whose children are separate statements (Continuity of Content SEPARATE). */
  public static ContentItem container(Code concept) {
    return new ContentItem(
        "CONTAINER", concept, a -> a.putString(SrTags.CONTINUITY_OF_CONTENT, VR.CS, "SEPARATE"));
  }

  public static ContentItem text(Code concept, String text) {
    return new ContentItem("TEXT", concept, a -> a.putString(SrTags.TEXT_VALUE, VR.UT, text));
  }

  public static ContentItem code(Code concept, Code value) {
    return new ContentItem(
        "CODE",
        concept,
        a -> a.putSequence(SrTags.CONCEPT_CODE_SEQUENCE, List.of(value.toItem(a))));
  }

  /** A NUM with its units; the value is written as a DS of at most 16 characters. */
  public static ContentItem num(Code concept, double number, Code units) {
    return new ContentItem(
        "NUM",
        concept,
        a -> {
          Attributes measured = new Attributes(a);
          measured.putSequence(SrTags.MEASUREMENT_UNITS_CODE_SEQUENCE, List.of(units.toItem(a)));
          measured.putString(SrTags.NUMERIC_VALUE, VR.DS, decimalString(number));
          a.putSequence(SrTags.MEASURED_VALUE_SEQUENCE, List.of(measured));
        });
  }

  public static ContentItem uidref(Code concept, String uid) {
    return new ContentItem("UIDREF", concept, a -> a.putString(SrTags.UID, VR.UI, uid));
  }

  public static ContentItem pname(Code concept, String personName) {
    return new ContentItem(
        "PNAME", concept, a -> a.putString(SrTags.PERSON_NAME, VR.PN, personName));
  }

  public static ContentItem datetime(Code concept, OffsetDateTime when) {
    return new ContentItem(
        "DATETIME", concept, a -> a.putString(SrTags.DATE_TIME, VR.DT, DT.format(when)));
  }

  /**
   * A 2D spatial coordinate in image pixels (column, row pairs; the top-left corner of the top-left
   * pixel is 0,0 as PS3.3 C.18.6.1.1 defines). Its SELECTED FROM image child is added by the
   * caller.
   */
  public static ContentItem scoord(Code concept, String graphicType, float[] columnRowPairs) {
    if (columnRowPairs.length < 2 || columnRowPairs.length % 2 != 0) {
      throw new IllegalArgumentException("Graphic Data needs column,row pairs");
    }
    return new ContentItem(
        "SCOORD",
        concept,
        a -> {
          byte[] b = new byte[columnRowPairs.length * 4];
          for (int i = 0; i < columnRowPairs.length; i++) {
            int bits = Float.floatToIntBits(columnRowPairs[i]);
            for (int k = 0; k < 4; k++) {
              b[4 * i + k] = (byte) (bits >>> (8 * k));
            }
          }
          a.put(DicomElement.ofBytes(SrTags.GRAPHIC_DATA, VR.FL, b));
          a.putString(SrTags.GRAPHIC_TYPE, VR.CS, graphicType);
        });
  }

  /** An IMAGE reference; it has no concept name where templates leave it unnamed. */
  public static ContentItem image(ImageReference image) {
    return new ContentItem(
        "IMAGE",
        null,
        a -> {
          Attributes ref = new Attributes(a);
          ref.putString(SrTags.REFERENCED_SOP_CLASS_UID, VR.UI, image.sopClassUid());
          ref.putString(SrTags.REFERENCED_SOP_INSTANCE_UID, VR.UI, image.sopInstanceUid());
          if (image.frame() != null) {
            ref.putString(SrTags.REFERENCED_FRAME_NUMBER, VR.IS, image.frame().toString());
          }
          a.putSequence(SrTags.REFERENCED_SOP_SEQUENCE, List.of(ref));
        });
  }

  /** Adds {@code child} under this item and returns this item, so trees read top-down. */
  public ContentItem add(Relationship relationship, ContentItem child) {
    children.add(new Child(relationship, child));
    return this;
  }

  /** Writes this item as the document root into {@code ds} (no Relationship Type there). */
  public void encodeRoot(Attributes ds) {
    encodeInto(ds);
  }

  /** This item as one Content Sequence item of {@code parent}. */
  public Attributes encode(Relationship relationship, Attributes parent) {
    Attributes item = new Attributes(parent);
    item.putString(SrTags.RELATIONSHIP_TYPE, VR.CS, relationship.dicom());
    encodeInto(item);
    return item;
  }

  private void encodeInto(Attributes a) {
    a.putString(SrTags.VALUE_TYPE, VR.CS, valueType);
    if (concept != null) {
      a.putSequence(SrTags.CONCEPT_NAME_CODE_SEQUENCE, List.of(concept.toItem(a)));
    }
    value.accept(a);
    if (!children.isEmpty()) {
      List<Attributes> items = new ArrayList<>(children.size());
      for (Child c : children) {
        items.add(c.item().encode(c.relationship(), a));
      }
      a.putSequence(SrTags.CONTENT_SEQUENCE, items);
    }
  }

  /** A DS value of at most 16 characters that keeps as many significant digits as fit. */
  static String decimalString(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    for (int digits = 10; digits > 0; digits--) {
      String s = String.format(Locale.ROOT, "%." + digits + "g", v);
      if (s.contains("e")) {
        s = s.replaceAll("0+e", "e").replace(".e", "e");
      } else if (s.contains(".")) {
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      if (s.length() <= 16) {
        return s;
      }
    }
    throw new IllegalArgumentException("cannot write " + v + " as a DS");
  }
}
