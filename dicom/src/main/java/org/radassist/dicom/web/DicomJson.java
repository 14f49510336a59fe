package org.radassist.dicom.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * One data set in the DICOM JSON model (PS3.18 F.2): attributes keyed by eight hex digits, each
 * with {@code vr} and {@code Value}. Person names are their {@code Alphabetic}, {@code Ideographic}
 * and {@code Phonetic} groups joined with {@code =} (PS3.5 6.2.1) and numbers are as written, so
 * callers see the same strings a Part 10 file would give: a Japanese name sent only in kanji is
 * {@code =山田^太郎}, not blank.
 */
public final class DicomJson {
  private final JsonNode node;

  public DicomJson(JsonNode node) {
    this.node = node;
  }

  public JsonNode node() {
    return node;
  }

  private JsonNode attribute(int tag) {
    String key = String.format(Locale.ROOT, "%08X", tag);
    JsonNode a = node.get(key);
    return a != null ? a : node.get(key.toLowerCase(Locale.ROOT));
  }

  /** All values as strings; empty when absent or without value. */
  public List<String> strings(int tag) {
    JsonNode a = attribute(tag);
    List<String> out = new ArrayList<>();
    if (a == null || !a.path("Value").isArray()) {
      return out;
    }
    for (JsonNode v : a.get("Value")) {
      if (v.isObject()) {
        out.add(personName(v));
      } else if (!v.isNull()) {
        out.add(v.asText());
      }
    }
    return out;
  }

  /** A PN value object (PS3.18 F.2.2) as PS3.5 writes it, without trailing empty groups. */
  private static String personName(JsonNode v) {
    List<String> groups = new ArrayList<>();
    for (String group : List.of("Alphabetic", "Ideographic", "Phonetic")) {
      groups.add(v.path(group).asText(""));
    }
    while (!groups.isEmpty() && groups.get(groups.size() - 1).isEmpty()) {
      groups.remove(groups.size() - 1);
    }
    return String.join("=", groups);
  }

  /** First value, or {@code null} when absent or empty. */
  public String string(int tag) {
    List<String> v = strings(tag);
    return v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
  }

  public OptionalInt intValue(int tag) {
    String s = string(tag);
    if (s == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of((int) Math.round(Double.parseDouble(s.strip())));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** Items of a sequence attribute. */
  public List<DicomJson> sequence(int tag) {
    JsonNode a = attribute(tag);
    List<DicomJson> out = new ArrayList<>();
    if (a != null && a.path("Value").isArray()) {
      for (JsonNode item : a.get("Value")) {
        out.add(new DicomJson(item));
      }
    }
    return out;
  }
}
