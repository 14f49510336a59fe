package org.radassist.inference.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.List;
import java.util.Map;

/**
 * Why {@code model-card.json} could not be read, in one line and in the card's own terms: the
 * field, as a JSON path like {@code outputs.probabilities}, and what it must hold. Jackson's own
 * message names Java types and spans several lines.
 */
final class CardJsonError {
  private CardJsonError() {}

  static String describe(JsonProcessingException e) {
    if (e instanceof InvalidFormatException f) {
      return path(f) + " must be " + jsonKind(f.getTargetType()) + ", was " + f.getValue();
    }
    String reason =
        e.getCause() != null && e.getCause().getMessage() != null
            ? e.getCause().getMessage()
            : e.getOriginalMessage();
    reason = reason.lines().findFirst().orElse(reason);
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return path(m) + ": " + reason;
    }
    JsonLocation at = e.getLocation();
    return at == null
        ? reason
        : reason + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
      } else {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String jsonKind(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "text";
  }
}
