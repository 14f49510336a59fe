package org.radassist.inference.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which of the model's outputs a card means: an index into its output tuple or list, or the key of
 * an entry of the dict it returns. A dict needs its key: TorchScript keeps a dict's insertion
 * order, but DJL hands its entries to Java in no fixed order, so an index into it would pick
 * whichever entry came first on that run.
 */
public record OutputRef(Integer index, String key) {
  public OutputRef {
    if ((index == null) == (key == null)) {
      throw new IllegalArgumentException("an output is named by an index or by a key");
    }
  }

  public static OutputRef at(int index) {
    return new OutputRef(index, null);
  }

  public static OutputRef named(String key) {
    return new OutputRef(null, key);
  }

  /** A card's JSON value: a whole number (index) or a string (dict key). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static OutputRef fromJson(Object value) {
    if (value instanceof Integer i) {
      return at(i);
    }
    if (value instanceof String s && !s.isBlank()) {
      return named(s);
    }
    throw new IllegalArgumentException(
        "an output is an index (0, 1, ...) or a dict key (\"logits\"), not " + value);
  }

  @JsonValue
  Object json() {
    return index != null ? index : key;
  }

  @Override
  public String toString() {
    return index != null ? index.toString() : "\"" + key + "\"";
  }
}
