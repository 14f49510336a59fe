package org.radassist.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.radassist.app.core.ModelCardSummary;
import org.radassist.app.core.ModelCardSummary.Measure;

/** {@code radassist models show}: a model card summary as plain English text. */
final class ModelCardText {
  private static final Locale ENGLISH = Locale.ENGLISH;

  private ModelCardText() {}

  static void write(ModelCardSummary card, PrintWriter out) {
    out.println(card.name());
    out.println("  id: " + card.id());
    out.println("  version: " + card.version());
    out.println("  sha256: " + card.shortSha256() + "…");
    out.println("  licence: " + card.licence());
    out.println(
        "  body parts: "
            + (card.bodyParts().isEmpty()
                ? "not stated (used only when chosen)"
                : String.join(", ", card.bodyParts())));
    out.println(
        "  labels (operating threshold): "
            + card.labels().stream()
                .map(
                    l ->
                        String.format(
                            ENGLISH, "%s (%s) %.2f", l.name(), l.kind().cardName(), l.threshold()))
                .collect(Collectors.joining(", ")));
    out.println();
    out.println("Intended use and limits:");
    out.println("  " + card.intendedUse());
    out.println("Training data:");
    out.println("  " + card.trainingData());
    out.println();
    if (card.heldOut().isEmpty()) {
      out.println("Held-out figures: none in the usual form (see other figures).");
    } else {
      out.println("Held-out figures:");
      heldOutTable(card).forEach(row -> out.println("  " + row));
      if (card.heldOut().stream().anyMatch(h -> !h.intervals().isEmpty())) {
        out.println(
            "  (in brackets: 95 % of the figures fall in this range when the films are drawn again"
                + " with replacement)");
      }
    }
    if (!card.otherFigures().isEmpty()) {
      out.println();
      out.println("Other figures in the card:");
      card.otherFigures().forEach(f -> out.println("  " + f.key() + ": " + f.text(ENGLISH)));
    }
    out.flush();
  }

  /** The held-out table with columns padded to their widest cell, names left, numbers right. */
  private static List<String> heldOutTable(ModelCardSummary card) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "set", "films", "AUROC", "pointing game", "box IoU>=0.3", "false findings/clean film"
        });
    for (ModelCardSummary.HeldOut h : card.heldOut()) {
      String[] row = new String[Measure.values().length + 1];
      row[0] = splitName(h.split());
      for (Measure m : Measure.values()) {
        row[m.ordinal() + 1] =
            h.cell(m, ENGLISH) + h.interval(m, ENGLISH).map(i -> " (" + i + ")").orElse("");
      }
      rows.add(row);
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(String.format("%-" + widths[0] + "s", row[0]));
      for (int c = 1; c < row.length; c++) {
        line.append("  ").append(String.format("%" + widths[c] + "s", row[c]));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static String splitName(ModelCardSummary.Split split) {
    return switch (split) {
      case TEST -> "test";
      case TEST_TEN_MORE_LESIONS -> "test, ten more lesions per film";
      case VALIDATION -> "validation";
      case NORMAL_LABELLED -> "simulated on films labelled normal";
      case REAL_LABELS -> "real labels";
    };
  }
}
