package org.radassist.app.core;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;

/**
 * What a reader needs from a model card to judge a model before trusting it: what it is for, what
 * it learnt from, where it calls a finding and how it did on films it never trained on. The
 * workstation's model card dialog and {@code radassist models show} both show this, so they cannot
 * disagree on a figure; each only adds its own words around it. Held-out figures are read from the
 * shape our own cards use; every other figure in the card, whatever its shape, is kept as a dotted
 * key and its value, so a third-party card loses nothing.
 */
public record ModelCardSummary(
    String name,
    String id,
    String version,
    String shortSha256,
    String intendedUse,
    String trainingData,
    String licence,
    List<LabelThreshold> labels,
    List<String> bodyParts,
    List<HeldOut> heldOut,
    List<OtherFigure> otherFigures) {

  /** Enough hex digits to tell packages apart at a glance; {@code models list} gives all 64. */
  static final int SHORT_SHA256 = 12;

  private static final String NO_FIGURE = "–";

  /** The held-out sets our cards report, in the order a reader weighs them. */
  public enum Split {
    TEST("test"),
    // Two lesions a film let the drawn lesions move AUROC by ~0.015; ten more show the spread.
    TEST_TEN_MORE_LESIONS("testTenMoreLesionsPerFilm"),
    VALIDATION("validation"),
    NORMAL_LABELLED("simulatedOnNormalLabelledFilms"),
    REAL_LABELS("realLabelledFilms");

    private final String cardKey;

    Split(String cardKey) {
      this.cardKey = cardKey;
    }
  }

  /** The figures shown for each held-out set, each written as readers of such tables expect. */
  public enum Measure {
    FILMS("films", null),
    AUROC("auroc", "aurocCi95"),
    POINTING_GAME("pointingGame", "pointingGameCi95"),
    BOX_IOU_30("boxIou30", null),
    FALSE_FINDINGS_PER_CLEAN_FILM("falseFindingsPerCleanFilm", null);

    private final String cardKey;
    // Where the card gives it, the 95 % interval of the measure over films drawn again.
    private final String intervalKey;

    Measure(String cardKey, String intervalKey) {
      this.cardKey = cardKey;
      this.intervalKey = intervalKey;
    }

    /** The value in {@code locale}: AUROC to 3 decimals, hit rates as percentages. */
    public String format(Number value, Locale locale) {
      NumberFormat format =
          switch (this) {
            case FILMS -> NumberFormat.getIntegerInstance(locale);
            case AUROC -> fixed(locale, 3);
            case POINTING_GAME, BOX_IOU_30 -> NumberFormat.getPercentInstance(locale);
            case FALSE_FINDINGS_PER_CLEAN_FILM -> fixed(locale, 2);
          };
      return format.format(value);
    }
  }

  /** One output label and the score at or above which it becomes a finding. */
  public record LabelThreshold(String name, LabelKind kind, double threshold) {}

  /**
   * The measures a card gives for one held-out set, and the 95 % intervals it gives for some of
   * them (low, high); a measure or interval it does not give is absent.
   */
  public record HeldOut(
      Split split, Map<Measure, Number> values, Map<Measure, List<Number>> intervals) {
    /** The measure as a table cell: a dash where the card does not give it. */
    public String cell(Measure measure, Locale locale) {
      Number value = values.get(measure);
      return value == null ? NO_FIGURE : measure.format(value, locale);
    }

    /** The measure's interval as {@code low–high}, if the card gives one. */
    public Optional<String> interval(Measure measure, Locale locale) {
      List<Number> range = intervals.get(measure);
      return range == null
          ? Optional.empty()
          : Optional.of(
              measure.format(range.get(0), locale) + "–" + measure.format(range.get(1), locale));
    }
  }

  /** A figure outside the held-out table: its dotted path in {@code metrics} and its value. */
  public record OtherFigure(String key, Object value) {
    public String text(Locale locale) {
      if (value instanceof Number n) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(4);
        return format.format(n);
      }
      return String.valueOf(value);
    }
  }

  public static ModelCardSummary of(ModelPackage pkg) {
    ModelCard card = pkg.card();
    Map<String, Object> metrics = card.metrics() == null ? Map.of() : card.metrics();
    List<HeldOut> heldOut = new ArrayList<>();
    List<OtherFigure> other = new ArrayList<>();
    for (Split split : Split.values()) {
      if (metrics.get(split.cardKey) instanceof Map<?, ?> figures) {
        Map<Measure, Number> values = new EnumMap<>(Measure.class);
        Map<Measure, List<Number>> intervals = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
          if (figures.get(measure.cardKey) instanceof Number n) {
            values.put(measure, n);
            interval(figures.get(measure.intervalKey)).ifPresent(i -> intervals.put(measure, i));
          }
        }
        heldOut.add(new HeldOut(split, values, intervals));
      }
    }
    Set<String> tabled =
        heldOut.stream().map(h -> h.split().cardKey).collect(Collectors.toUnmodifiableSet());
    for (Map.Entry<String, Object> entry : metrics.entrySet()) {
      String key = entry.getKey();
      flatten(key, entry.getValue(), other, tabled.contains(key));
    }
    return new ModelCardSummary(
        card.name(),
        card.id(),
        card.version(),
        pkg.sha256().substring(0, SHORT_SHA256),
        card.intendedUse(),
        card.trainingData(),
        card.licence(),
        card.labels().stream()
            .map(l -> new LabelThreshold(l.name(), l.kind(), l.threshold()))
            .toList(),
        card.bodyParts() == null ? List.of() : List.copyOf(card.bodyParts()),
        List.copyOf(heldOut),
        List.copyOf(other));
  }

  /**
   * Adds every leaf under {@code key}; in a set the table shows, the measures it shows are skipped
   * so each figure is given once.
   */
  private static void flatten(String key, Object value, List<OtherFigure> into, boolean tabled) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> child : map.entrySet()) {
        String name = String.valueOf(child.getKey());
        boolean shown =
            tabled
                && Arrays.stream(Measure.values())
                    .anyMatch(
                        m ->
                            (m.cardKey.equals(name) && child.getValue() instanceof Number)
                                || (name.equals(m.intervalKey)
                                    && interval(child.getValue()).isPresent()));
        if (!shown) {
          flatten(key + "." + name, child.getValue(), into, false);
        }
      }
    } else if (value instanceof List<?> list) {
      into.add(
          new OtherFigure(
              key, list.stream().map(String::valueOf).collect(Collectors.joining(", "))));
    } else {
      into.add(new OtherFigure(key, value));
    }
  }

  /** A card's {@code [low, high]}, if that is what {@code value} is. */
  private static Optional<List<Number>> interval(Object value) {
    if (value instanceof List<?> list
        && list.size() == 2
        && list.get(0) instanceof Number low
        && list.get(1) instanceof Number high) {
      return Optional.of(List.of(low, high));
    }
    return Optional.empty();
  }

  private static NumberFormat fixed(Locale locale, int digits) {
    NumberFormat format = NumberFormat.getNumberInstance(locale);
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(digits);
    return format;
  }
}
