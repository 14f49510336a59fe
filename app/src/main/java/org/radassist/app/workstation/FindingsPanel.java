package org.radassist.app.workstation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.radassist.app.i18n.Messages;
import org.radassist.app.session.Decision;
import org.radassist.app.session.DecisionKind;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.LabelResult;
import org.radassist.inference.analysis.Prediction;

/**
 * What the model said: per-label probability against its operating threshold, and the list of
 * findings; selecting a finding centres and zooms the viewport on it. Accept, reject and comment
 * ask the reading record to store the decision; a finding shows it only once {@link #confirmed}
 * reports the commit, and the buttons stay disabled while a decision is being saved.
 */
final class FindingsPanel extends VBox {
  /** Asks for a decision on the finding at {@code index} of the list to be recorded. */
  interface DecisionRequest {
    void decide(int index, DecisionKind kind, String comment);
  }

  private final Label summary = new Label(Messages.text("findings.none"));
  private final ListView<Finding> findings = new ListView<>();
  private final Map<Integer, DecisionKind> verdicts = new HashMap<>();
  private final Map<Integer, List<String>> comments = new HashMap<>();
  private final Button accept = new Button(Messages.text("findings.accept"));
  private final Button reject = new Button(Messages.text("findings.reject"));
  private final Button comment = new Button(Messages.text("findings.comment"));
  private final TextField commentText = new TextField();
  private boolean recorded;
  private boolean saving;

  FindingsPanel(Consumer<Finding> onSelect, DecisionRequest onDecide) {
    super(6);
    summary.setWrapText(true);
    summary.setMinHeight(Region.USE_PREF_SIZE);
    summary.setId("label-summary");
    findings.setId("findings");
    findings.setPrefHeight(180);
    findings.setMinHeight(96);
    VBox.setVgrow(findings, Priority.ALWAYS);
    findings.setPlaceholder(new Label(Messages.text("findings.empty")));
    findings.setCellFactory(list -> new FindingCell());
    findings
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, f) -> {
              if (f != null) {
                onSelect.accept(f);
              }
              updateButtons();
            });
    accept.setId("finding-accept");
    reject.setId("finding-reject");
    comment.setId("finding-comment");
    commentText.setId("finding-comment-text");
    commentText.setPromptText(Messages.text("findings.commentPrompt"));
    accept.setOnAction(e -> request(onDecide, DecisionKind.ACCEPT));
    reject.setOnAction(e -> request(onDecide, DecisionKind.REJECT));
    comment.setOnAction(e -> request(onDecide, DecisionKind.COMMENT));
    commentText.textProperty().addListener((obs, old, text) -> updateButtons());
    updateButtons();
    FlowPane buttons = new FlowPane(6, 6, accept, reject, comment);
    buttons.setMinHeight(Region.USE_PREF_SIZE);
    // The buttons wrap rather than cut their words short in a narrow side panel or a longer
    // language.
    getChildren().addAll(summary, findings, buttons, commentText);
  }

  void clear() {
    summary.setText(Messages.text("findings.none"));
    findings.getItems().clear();
    verdicts.clear();
    comments.clear();
    recorded = false;
    saving = false;
    updateButtons();
  }

  /** The analysis shown is in the reading record: decisions on its findings can be recorded. */
  void recorded() {
    recorded = true;
    updateButtons();
  }

  /** The record committed {@code decision}; only now does the finding show it. */
  void confirmed(Decision decision) {
    saving = false;
    if (decision.kind().isVerdict()) {
      verdicts.put(decision.findingIndex(), decision.kind());
    }
    String said = decision.comment();
    if (said != null && !said.isBlank()) {
      comments.computeIfAbsent(decision.findingIndex(), i -> new ArrayList<>()).add(said);
      // The text typed is in the record now; left in the field it invited saving it twice.
      if (said.equals(commentText.getText().strip())) {
        commentText.clear();
      }
    }
    findings.refresh();
    updateButtons();
  }

  /** The record refused the decision; nothing is shown as decided. */
  void notSaved() {
    saving = false;
    updateButtons();
  }

  private void request(DecisionRequest onDecide, DecisionKind kind) {
    int index = findings.getSelectionModel().getSelectedIndex();
    if (index < 0 || !recorded || saving) {
      return;
    }
    String text = commentText.getText().isBlank() ? null : commentText.getText().strip();
    saving = true;
    updateButtons();
    onDecide.decide(index, kind, text);
  }

  private void updateButtons() {
    boolean ready = recorded && !saving && findings.getSelectionModel().getSelectedIndex() >= 0;
    accept.setDisable(!ready);
    reject.setDisable(!ready);
    comment.setDisable(!ready || commentText.getText().isBlank());
  }

  void show(Prediction prediction) {
    StringBuilder text = new StringBuilder();
    for (LabelResult label : prediction.labels()) {
      text.append(
              Messages.format(
                  "findings.labelLine",
                  label.name(),
                  label.probability(),
                  label.positive() ? "≥" : "<",
                  label.threshold()))
          .append('\n');
    }
    summary.setText(text.toString().strip());
    findings.getItems().setAll(prediction.findings());
    verdicts.clear();
    comments.clear();
    recorded = false;
    updateButtons();
  }

  ListView<Finding> list() {
    return findings;
  }

  /** What a recorded decision did to a finding, as a list row and the status bar say it. */
  static String decisionWords(DecisionKind kind) {
    return switch (kind) {
      case ACCEPT -> Messages.text("findings.decision.accept");
      case REJECT -> Messages.text("findings.decision.reject");
      case EDIT_REGION -> Messages.text("findings.decision.editRegion");
      case COMMENT -> Messages.text("findings.decision.comment");
    };
  }

  /**
   * A finding's row: label and score with the reader's verdict, or "commented" when the reader only
   * commented; its place and size; and the latest comment, cut to the panel's width, with every
   * comment on it in the row's tooltip.
   */
  private final class FindingCell extends ListCell<Finding> {
    FindingCell() {
      // The list's width, not the text's: a long comment is cut short here and read in full in the
      // tooltip, rather than widening the list so that the reader scrolls sideways.
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(Finding f, boolean empty) {
      super.updateItem(f, empty);
      if (empty || f == null) {
        setText(null);
        setTooltip(null);
        getStyleClass().remove("finding-positive");
        return;
      }
      DecisionKind verdict = verdicts.get(getIndex());
      List<String> said = comments.getOrDefault(getIndex(), List.of());
      DecisionKind shown = verdict != null ? verdict : said.isEmpty() ? null : DecisionKind.COMMENT;
      // Two lines: on one the place and size ran past the panel's default width, and the reader
      // scrolled sideways to see the verdict.
      setText(
          Messages.format("findings.item", f.label(), f.score())
              + (shown == null ? "" : "   " + decisionWords(shown))
              + "\n"
              + Messages.format(
                  "findings.itemPlace",
                  f.peak().x(),
                  f.peak().y(),
                  f.box().width(),
                  f.box().height())
              + (said.isEmpty()
                  ? ""
                  : "\n" + Messages.format("findings.itemComment", said.get(said.size() - 1))));
      setTooltip(
          said.isEmpty()
              ? null
              : new Tooltip(
                  String.join(
                      "\n",
                      said.stream()
                          .map(c -> Messages.format("findings.itemComment", c))
                          .toList())));
      if (!getStyleClass().contains("finding-positive")) {
        getStyleClass().add("finding-positive");
      }
    }
  }
}
