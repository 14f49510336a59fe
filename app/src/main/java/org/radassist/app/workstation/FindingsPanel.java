package org.radassist.app.workstation;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.LabelResult;
import org.radassist.inference.analysis.Prediction;

/**
 * What the model said: per-label probability against its operating threshold, and the list of
 * findings; selecting a finding centres and zooms the viewport on it.
 */
final class FindingsPanel extends VBox {
  private final Label summary = new Label("Run an analysis to see findings.");
  private final ListView<Finding> findings = new ListView<>();

  FindingsPanel(Consumer<Finding> onSelect) {
    super(6);
    summary.setWrapText(true);
    summary.setId("label-summary");
    findings.setId("findings");
    findings.setPrefHeight(180);
    findings.setPlaceholder(new Label("No findings"));
    findings.setCellFactory(list -> new FindingCell());
    findings
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, f) -> {
              if (f != null) {
                onSelect.accept(f);
              }
            });
    getChildren().addAll(summary, findings);
  }

  void clear() {
    summary.setText("Run an analysis to see findings.");
    findings.getItems().clear();
  }

  void show(Prediction prediction) {
    StringBuilder text = new StringBuilder();
    for (LabelResult label : prediction.labels()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%s: p=%.2f %s threshold %.2f%n",
              label.name(),
              label.probability(),
              label.positive() ? "≥" : "<",
              label.threshold()));
    }
    summary.setText(text.toString().strip());
    findings.getItems().setAll(prediction.findings());
  }

  ListView<Finding> list() {
    return findings;
  }

  private static final class FindingCell extends ListCell<Finding> {
    @Override
    protected void updateItem(Finding f, boolean empty) {
      super.updateItem(f, empty);
      if (empty || f == null) {
        setText(null);
        getStyleClass().remove("finding-positive");
        return;
      }
      setText(
          String.format(
              Locale.ROOT,
              "%s  %.2f   at (%d, %d)  %d×%d px",
              f.label(),
              f.score(),
              f.peak().x(),
              f.peak().y(),
              f.box().width(),
              f.box().height()));
      if (!getStyleClass().contains("finding-positive")) {
        getStyleClass().add("finding-positive");
      }
    }
  }
}
