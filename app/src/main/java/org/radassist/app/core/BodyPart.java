package org.radassist.app.core;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;

/**
 * The body part an image shows, as a DICOM Body Part Examined defined term (PS3.16 Annex L), and
 * the attribute it was read from. Body Part Examined is type 2 or 3 in the radiography IODs and is
 * empty on many real films, so when it is missing the anatomic region code, then the protocol,
 * series and study descriptions are read for the usual words (in English and the common European
 * spellings). An empty term means nothing said what was imaged.
 */
public record BodyPart(String term, String source) {
  public static final BodyPart UNKNOWN = new BodyPart("", "not stated in the file");

  /** Words in free text and what they name; the first match in a text wins. */
  private static final List<Map.Entry<Pattern, String>> WORDS =
      List.of(
          word("CHEST|THORAX|THX|CXR|LUNGS?|TORAX|TORACE|THORAKS|RIBS?", "CHEST"),
          word("FINGERS?|DIGITS?|THUMB", "FINGER"),
          word("HANDS?|MANO|MAIN|METACARPALS?", "HAND"),
          word("WRISTS?|HANDGELENK|POIGNET|MUNECA|SCAPHOID|CARPAL|CARPUS", "WRIST"),
          word("FOREARMS?|RADIUS|ULNA|UNTERARM|AVANT-BRAS", "FOREARM"),
          word("ELBOWS?|ELLBOGEN|COUDE|OLECRANON", "ELBOW"),
          word("HUMERUS|UPPER ARM|OBERARM", "HUMERUS"),
          word("SHOULDERS?|SCHULTER|EPAULE|CLAVICLE|SCAPULA", "SHOULDER"),
          word("TOES?|PHALANX", "TOE"),
          word("FEET|FOOT|FUSS|PIED|METATARSALS?|CALCANEUS", "FOOT"),
          word("ANKLES?|SPRUNGGELENK|CHEVILLE", "ANKLE"),
          word("TIBIA|FIBULA|LOWER LEG|UNTERSCHENKEL|TIB FIB", "LEG"),
          word("KNEES?|KNIE|GENOU|PATELLA", "KNEE"),
          word("FEMUR|THIGH|OBERSCHENKEL", "FEMUR"),
          word("HIPS?|HUFTE|HANCHE", "HIP"),
          word("PELVIS|BECKEN|BASSIN", "PELVIS"),
          word("EXTREMITY|EXTREMITIES|LIMB", "EXTREMITY"),
          word("ARMS?", "ARM"),
          word("LEGS?", "LEG"));

  public boolean known() {
    return !term.isEmpty();
  }

  /** Reads the body part from an image's attributes. */
  public static BodyPart of(Attributes ds) {
    String stated = ds.string(Tag.BODY_PART_EXAMINED, "").trim().toUpperCase(Locale.ROOT);
    if (!stated.isEmpty()) {
      String named = named(stated);
      return new BodyPart(named.isEmpty() ? stated : named, "Body Part Examined");
    }
    for (Attributes region : ds.sequence(Tag.ANATOMIC_REGION_SEQUENCE)) {
      String named = named(region.string(Tag.ANATOMIC_REGION_CODE_MEANING, ""));
      if (!named.isEmpty()) {
        return new BodyPart(named, "Anatomic Region Sequence");
      }
    }
    for (Map.Entry<Integer, String> text :
        List.of(
            Map.entry(Tag.PROTOCOL_NAME, "Protocol Name"),
            Map.entry(Tag.SERIES_DESCRIPTION, "Series Description"),
            Map.entry(Tag.STUDY_DESCRIPTION, "Study Description"))) {
      String named = named(ds.string(text.getKey(), ""));
      if (!named.isEmpty()) {
        return new BodyPart(named, text.getValue());
      }
    }
    return UNKNOWN;
  }

  /** The defined term a free text names, or empty. */
  static String named(String text) {
    String upper = text.toUpperCase(Locale.ROOT).replace('_', ' ');
    for (Map.Entry<Pattern, String> w : WORDS) {
      if (w.getKey().matcher(upper).find()) {
        return w.getValue();
      }
    }
    return "";
  }

  private static Map.Entry<Pattern, String> word(String alternatives, String term) {
    return Map.entry(Pattern.compile("(?<![A-Z])(" + alternatives + ")(?![A-Z])"), term);
  }
}
