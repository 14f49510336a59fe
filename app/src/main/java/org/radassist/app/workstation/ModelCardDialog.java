package org.radassist.app.workstation;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.radassist.app.core.ModelCardSummary;
import org.radassist.app.core.ModelCardSummary.HeldOut;
import org.radassist.app.core.ModelCardSummary.Measure;
import org.radassist.app.i18n.Messages;
import org.radassist.inference.model.LabelKind;

/**
 * A model's card for a reader deciding how far to trust its marks: what it is for and not for, what
 * it learnt from, its thresholds and how it did on films it never trained on. It does not block the
 * window, so the reader can keep it open beside the image the model marked.
 */
final class ModelCardDialog {
  private static final double TEXT_WIDTH = 680;
  private static final double MAX_HEIGHT = 560;

  private ModelCardDialog() {}

  /**
   * Shows {@code cards}, one tab each when there are several; {@code note}, when not null, says why
   * these cards are shown.
   */
  static Dialog<Void> show(Window owner, List<ModelCardSummary> cards, String note) {
    Locale numbers = Messages.numbers();
    VBox content = new VBox(8);
    if (note != null) {
      content.getChildren().add(wrapped(note, "disclaimer"));
    }
    if (cards.size() == 1) {
      content.getChildren().add(scrolled(card(cards.get(0), numbers)));
    } else {
      TabPane tabs = new TabPane();
      tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
      for (ModelCardSummary card : cards) {
        tabs.getTabs().add(new Tab(card.name(), scrolled(card(card, numbers))));
      }
      content.getChildren().add(tabs);
    }
    Dialog<Void> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.initModality(Modality.NONE);
    dialog.setResizable(true);
    dialog.setTitle(Messages.text("modelCard.title"));
    dialog.getDialogPane().setId("model-card-dialog");
    dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
    dialog.getDialogPane().setContent(content);
    dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
    dialog.show();
    return dialog;
  }

  private static ScrollPane scrolled(Node card) {
    ScrollPane scroll = new ScrollPane(card);
    scroll.setFitToWidth(true);
    scroll.setPrefViewportWidth(TEXT_WIDTH + 16);
    scroll.setPrefViewportHeight(MAX_HEIGHT);
    return scroll;
  }

  private static VBox card(ModelCardSummary card, Locale numbers) {
    Label name = new Label(card.name());
    name.getStyleClass().add("model-card-name");
    name.setWrapText(true);
    name.setMaxWidth(TEXT_WIDTH);

    GridPane facts = new GridPane();
    facts.setHgap(12);
    facts.setVgap(4);
    fact(facts, "modelCard.id", "card-id", card.id());
    fact(facts, "modelCard.version", "card-version", card.version());
    fact(facts, "modelCard.sha256", "card-sha256", card.shortSha256() + "…");
    fact(
        facts,
        "modelCard.labels",
        "card-labels",
        card.labels().stream()
            .map(l -> Messages.format("modelCard.label", l.name(), kind(l.kind()), l.threshold()))
            .collect(Collectors.joining("\n")));
    fact(
        facts,
        "modelCard.bodyParts",
        "card-body-parts",
        card.bodyParts().isEmpty()
            ? Messages.text("modelCard.bodyParts.none")
            : String.join(", ", card.bodyParts()));
    fact(facts, "modelCard.licence", "card-licence", card.licence());

    VBox box =
        new VBox(
            6,
            name,
            facts,
            heading("modelCard.intendedUse"),
            wrapped(card.intendedUse(), null),
            heading("modelCard.trainingData"),
            wrapped(card.trainingData(), null),
            heading("modelCard.heldOut"));
    box.getChildren()
        .add(
            card.heldOut().isEmpty()
                ? wrapped(Messages.text("modelCard.noHeldOut"), "disclaimer")
                : heldOutTable(card, numbers));
    if (card.heldOut().stream().anyMatch(h -> !h.intervals().isEmpty())) {
      box.getChildren().add(wrapped(Messages.text("modelCard.intervals"), "disclaimer"));
    }
    if (!card.otherFigures().isEmpty()) {
      GridPane figures = new GridPane();
      figures.setHgap(12);
      figures.setVgap(2);
      for (int i = 0; i < card.otherFigures().size(); i++) {
        ModelCardSummary.OtherFigure f = card.otherFigures().get(i);
        figures.addRow(i, new Label(f.key()), wrapped(f.text(numbers), null));
      }
      TitledPane other =
          new TitledPane(
              Messages.format("modelCard.otherFigures", card.otherFigures().size()), figures);
      other.setId("card-other-figures");
      other.setExpanded(false);
      box.getChildren().add(other);
    }
    box.setMaxWidth(TEXT_WIDTH);
    return box;
  }

  private static GridPane heldOutTable(ModelCardSummary card, Locale numbers) {
    GridPane table = new GridPane();
    table.setId("card-held-out");
    table.setHgap(14);
    table.setVgap(4);
    Label set = new Label(Messages.text("modelCard.column.set"));
    set.getStyleClass().add("section-title");
    table.add(set, 0, 0);
    for (Measure m : Measure.values()) {
      Label header = new Label(column(m));
      header.getStyleClass().add("section-title");
      header.setTooltip(new Tooltip(columnMeaning(m)));
      header.setWrapText(true);
      header.setMaxWidth(110);
      if (!header.getText().contains(" ")) {
        // A single word has nowhere to wrap: squeezed, it would be cut in the middle.
        header.setMinWidth(Region.USE_PREF_SIZE);
      }
      table.add(header, m.ordinal() + 1, 0);
      GridPane.setHalignment(header, HPos.RIGHT);
    }
    for (int r = 0; r < card.heldOut().size(); r++) {
      HeldOut h = card.heldOut().get(r);
      Label split = new Label(split(h.split()));
      split.setWrapText(true);
      split.setMaxWidth(150);
      table.add(split, 0, r + 1);
      for (Measure m : Measure.values()) {
        Label cell =
            new Label(
                h.cell(m, numbers) + h.interval(m, numbers).map(i -> "\n(" + i + ")").orElse(""));
        cell.setTextAlignment(TextAlignment.RIGHT);
        cell.setId("card-" + m.name().toLowerCase(Locale.ROOT) + "-" + h.split().ordinal());
        table.add(cell, m.ordinal() + 1, r + 1);
        GridPane.setHalignment(cell, HPos.RIGHT);
      }
    }
    return table;
  }

  private static void fact(GridPane facts, String key, String id, String value) {
    Label label = new Label(Messages.text(key));
    label.getStyleClass().add("section-title");
    // The values wrap; the names beside them must not be squeezed to an ellipsis instead.
    label.setMinWidth(Region.USE_PREF_SIZE);
    Label text = wrapped(value, null);
    text.setId(id);
    int row = facts.getRowCount();
    facts.addRow(row, label, text);
    GridPane.setValignment(label, VPos.TOP);
  }

  private static Label heading(String key) {
    Label heading = new Label(Messages.text(key));
    heading.getStyleClass().add("model-card-heading");
    return heading;
  }

  private static Label wrapped(String text, String style) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.setMaxWidth(TEXT_WIDTH);
    if (style != null) {
      label.getStyleClass().add(style);
    }
    return label;
  }

  private static String kind(LabelKind kind) {
    return switch (kind) {
      case TUMOR -> Messages.text("modelCard.kind.tumor");
      case FRACTURE -> Messages.text("modelCard.kind.fracture");
      case OTHER -> Messages.text("modelCard.kind.other");
    };
  }

  private static String split(ModelCardSummary.Split split) {
    return switch (split) {
      case TEST -> Messages.text("modelCard.split.test");
      case TEST_TEN_MORE_LESIONS -> Messages.text("modelCard.split.testTenMoreLesions");
      case VALIDATION -> Messages.text("modelCard.split.validation");
      case NORMAL_LABELLED -> Messages.text("modelCard.split.normalLabelled");
      case REAL_LABELS -> Messages.text("modelCard.split.realLabels");
    };
  }

  private static String column(Measure measure) {
    return switch (measure) {
      case FILMS -> Messages.text("modelCard.column.films");
      case AUROC -> Messages.text("modelCard.column.auroc");
      case POINTING_GAME -> Messages.text("modelCard.column.pointingGame");
      case BOX_IOU_30 -> Messages.text("modelCard.column.boxIou");
      case FALSE_FINDINGS_PER_CLEAN_FILM -> Messages.text("modelCard.column.falseFindings");
    };
  }

  private static String columnMeaning(Measure measure) {
    return switch (measure) {
      case FILMS -> Messages.text("modelCard.column.films.meaning");
      case AUROC -> Messages.text("modelCard.column.auroc.meaning");
      case POINTING_GAME -> Messages.text("modelCard.column.pointingGame.meaning");
      case BOX_IOU_30 -> Messages.text("modelCard.column.boxIou.meaning");
      case FALSE_FINDINGS_PER_CLEAN_FILM -> Messages.text("modelCard.column.falseFindings.meaning");
    };
  }
}
