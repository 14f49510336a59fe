package org.radassist.app.session.export;

import java.util.Optional;
import org.radassist.app.session.Decision;
import org.radassist.app.session.DecisionKind;
import org.radassist.dicom.sr.Code;

/**
 * The coded concepts of an exported read. Findings use SNOMED CT where the label's kind has a
 * concept; what DICOM and SNOMED do not define (the AI's probability, the reader's verdict) uses
 * the private scheme {@value #SCHEME}, declared in every report that uses it.
 */
final class ReviewCodes {
  private ReviewCodes() {}

  static final String SCHEME = "99RADASSIST";
  static final String SCHEME_NAME = "RadAssist reading record codes";
  static final String SCHEME_ORGANIZATION = "RadAssist project";

  static final Code PROBABILITY = new Code("RA0001", SCHEME, "AI probability");
  static final Code READER_DECISION = new Code("RA0002", SCHEME, "Reader decision");
  static final Code ACCEPTED = new Code("RA0010", SCHEME, "Accepted");
  static final Code REJECTED = new Code("RA0011", SCHEME, "Rejected");
  static final Code REGION_EDITED = new Code("RA0012", SCHEME, "Accepted with edited region");
  static final Code NOT_REVIEWED = new Code("RA0013", SCHEME, "Not reviewed");
  static final Code BLINDED_IMPRESSION =
      new Code("RA0020", SCHEME, "Impression before the AI was shown");
  static final Code FINAL_IMPRESSION = new Code("RA0021", SCHEME, "Final impression");
  static final Code READ_PHASE = new Code("RA0022", SCHEME, "Marked in read phase");
  static final Code BEFORE_AI = new Code("RA0023", SCHEME, "Before the AI was shown");
  static final Code AFTER_AI = new Code("RA0024", SCHEME, "With the AI shown");

  /** The finding's concept from the model label's kind; other labels get a private code. */
  static Code finding(String label, String kind) {
    return switch (kind) {
      case "fracture" -> Code.sct("72704001", "Fracture");
      case "tumor" -> Code.sct("108369006", "Neoplasm");
      default -> new Code("RA-" + abbreviate(label), SCHEME, label);
    };
  }

  static Code verdict(Optional<Decision> verdict) {
    if (verdict.isEmpty()) {
      return NOT_REVIEWED;
    }
    DecisionKind kind = verdict.get().kind();
    return switch (kind) {
      case ACCEPT -> ACCEPTED;
      case REJECT -> REJECTED;
      case EDIT_REGION -> REGION_EDITED;
      case COMMENT -> NOT_REVIEWED;
    };
  }

  /** Words for people: the verdict as the PDF and the overlay print it. */
  static String words(Optional<Decision> verdict) {
    return verdict(verdict).meaning().toLowerCase(java.util.Locale.ROOT);
  }

  private static String abbreviate(String label) {
    String s = label.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    return s.isEmpty() ? "LABEL" : s.substring(0, Math.min(13, s.length()));
  }
}
