package org.radassist.app.workstation;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.radassist.app.core.ModelChoice;
import org.radassist.app.core.NoModelForImageException;
import org.radassist.app.core.Workspace;
import org.radassist.app.i18n.Messages;
import org.radassist.app.render.Colormap;
import org.radassist.app.render.HeatmapRenderer;
import org.radassist.inference.analysis.LabelResult;
import org.radassist.inference.analysis.Prediction;

/**
 * AI controls: which model and its card, run analysis, show/hide all AI, boxes and outlines,
 * per-label heatmap toggles, opacity, colormap with a legend that says what the colours mean.
 */
final class AiPanel extends VBox {
  static final double HEATMAP_FLOOR = 0.2;

  private final AiDisplay display;
  private final ModelPicker picker;
  private final Button analyze = new Button(Messages.text("ai.analyze"));
  private final BooleanProperty analysing = new SimpleBooleanProperty();
  private final Button modelCard = new Button(Messages.text("ai.modelCard"));
  private final CheckBox showAi = new CheckBox(Messages.format("ai.showAi", "H"));
  private final CheckBox showBoxes = new CheckBox(Messages.text("ai.boxes"));
  private final CheckBox showOutlines = new CheckBox(Messages.text("ai.outlines"));
  private final Slider opacity = new Slider(0, 1, 0.6);
  private final Slider floor = new Slider(0, 0.9, HEATMAP_FLOOR);
  private final ComboBox<String> colormap = new ComboBox<>();
  private final VBox labelToggles = new VBox(4);
  private final ImageView legendBar = new ImageView();
  private final Label legendCaption = new Label();
  private final Label model = new Label(Messages.text("ai.noAnalysis"));

  AiPanel(
      AiDisplay display,
      String initialColormap,
      ModelChoice initialModel,
      Runnable onAnalyze,
      Consumer<ModelChoice> onModelChosen,
      Runnable onModelCard) {
    super(8);
    this.display = display;
    picker = new ModelPicker(initialModel);
    picker.setId("model-picker");
    // Arrow keys in the open list change the value at every step: act on the choice it closes on.
    picker
        .valueProperty()
        .addListener(
            (obs, old, choice) -> {
              if (!picker.isShowing()) {
                onModelChosen.accept(choice);
              }
            });
    picker.setOnHidden(e -> onModelChosen.accept(picker.getValue()));
    getStyleClass().add("ai-panel");
    setPadding(new Insets(4, 0, 4, 0));
    analyze.setId("analyze");
    analyze.setMaxWidth(Double.MAX_VALUE);
    analyze.setOnAction(e -> onAnalyze.run());
    modelCard.setId("model-card");
    modelCard.setTooltip(new Tooltip(Messages.text("ai.modelCard.tooltip")));
    modelCard.setOnAction(e -> onModelCard.run());
    Region beforeCard = new Region();
    HBox.setHgrow(beforeCard, Priority.ALWAYS);
    Label modelHeading = new Label(Messages.text("ai.model"));
    HBox modelRow = new HBox(6, modelHeading, beforeCard, modelCard);
    modelRow.setAlignment(Pos.CENTER_LEFT);
    showAi.setId("show-ai");
    showAi.selectedProperty().bindBidirectional(display.visibleProperty());
    showBoxes.selectedProperty().bindBidirectional(display.boxesProperty());
    showOutlines.setId("show-outlines");
    showOutlines.setTooltip(new Tooltip(Messages.text("ai.outlines.tooltip")));
    showOutlines.selectedProperty().bindBidirectional(display.outlinesProperty());
    opacity.setId("opacity");
    opacity.valueProperty().bindBidirectional(display.opacityProperty());
    colormap.setId("colormap");
    colormap.getItems().setAll(Colormap.NAMES);
    colormap.setValue(
        Colormap.NAMES.contains(initialColormap) ? initialColormap : Colormap.NAMES.get(0));
    colormap.valueProperty().addListener((obs, old, name) -> updateRenderer());
    floor.setId("heatmap-threshold");
    floor.valueProperty().addListener((obs, old, v) -> updateRenderer());
    model.setId("ai-model");
    model.setWrapText(true);
    model.getStyleClass().add("disclaimer");
    legendCaption.getStyleClass().add("legend-caption");
    legendCaption.setWrapText(true);
    Label opacityLabel = new Label(Messages.text("ai.opacity"));
    HBox opacityRow = new HBox(6, opacityLabel, opacity);
    HBox.setHgrow(opacity, Priority.ALWAYS);
    HBox floorRow = new HBox(6, new Label(Messages.text("ai.showFrom")), floor);
    HBox.setHgrow(floor, Priority.ALWAYS);
    BorderPane legendScale = new BorderPane();
    legendScale.setLeft(new Label("0"));
    legendScale.setRight(new Label("1"));
    Region spacer = new Region();
    spacer.setMinHeight(2);
    getChildren()
        .addAll(
            modelRow,
            picker,
            analyze,
            showAi,
            showBoxes,
            showOutlines,
            labelToggles,
            opacityRow,
            floorRow,
            new HBox(6, new Label(Messages.text("ai.colormap")), colormap),
            legendBar,
            legendScale,
            legendCaption,
            spacer,
            model);
    updateRenderer();
  }

  String colormap() {
    return colormap.getValue();
  }

  /** Shows a choice made elsewhere (the settings dialog) without asking for it again. */
  void showModel(ModelChoice choice) {
    picker.select(choice);
  }

  /** While an analysis of the image on screen runs, Analyze waits for it. */
  void setAnalysing(boolean running) {
    analysing.set(running);
  }

  /**
   * Analyze is off, and looks it, while {@code blinded} holds: greyed only with the rest of the
   * panel, it kept its raised face and the reader took it for ready during a blinded read.
   */
  void offWhile(ObservableBooleanValue blinded) {
    analyze.disableProperty().bind(analysing.or(blinded));
  }

  /**
   * The heatmap is painted from the "show from" score up; below it the image is untouched. This is
   * a display threshold only: findings and what the record stores come from each label's operating
   * threshold in the model card.
   */
  private void updateRenderer() {
    double from = floor.getValue();
    HeatmapRenderer renderer = new HeatmapRenderer(Colormap.named(colormap.getValue()), from);
    display.rendererProperty().set(renderer);
    int width = 220;
    int height = 12;
    int[] argb = new int[width * height];
    for (int x = 0; x < width; x++) {
      int c = 0xFF000000 | renderer.colormap().rgb(x / (double) (width - 1));
      for (int y = 0; y < height; y++) {
        argb[y * width + x] = x / (double) (width - 1) < from ? 0xFF202024 : c;
      }
    }
    WritableImage bar = new WritableImage(width, height);
    bar.getPixelWriter()
        .setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
    legendBar.setImage(bar);
    legendCaption.setText(Messages.format("ai.legend", from));
  }

  /** No result on screen: no label toggles, no model line. */
  void clear() {
    labelToggles.getChildren().clear();
    model.setText(Messages.text("ai.noAnalysis"));
  }

  /** The image on screen was not analysed, and why (no built-in model reads its modality). */
  void notAnalysed(String reason) {
    labelToggles.getChildren().clear();
    model.setText(Messages.format("ai.notAnalysed", reason));
  }

  /**
   * Shows the labels and model of the result on screen, with why that model was chosen; toggles act
   * on {@code overlay}.
   */
  void show(Prediction prediction, String modelReason, AiOverlay overlay) {
    labelToggles.getChildren().clear();
    for (LabelResult label : prediction.labels()) {
      if (prediction.heatmap(label.name()).isEmpty()) {
        continue;
      }
      CheckBox toggle =
          new CheckBox(Messages.format("ai.heatmapToggle", label.name(), label.probability()));
      toggle.setId("toggle-" + label.name());
      toggle.setSelected(overlay.isLabelVisible(label.name()));
      toggle
          .selectedProperty()
          .addListener((obs, old, on) -> overlay.setLabelVisible(label.name(), on));
      labelToggles.getChildren().add(toggle);
    }
    boolean builtin = Workspace.builtinIds().contains(prediction.model().id());
    model.setText(
        Messages.format(
            builtin ? "ai.modelLine.demo" : "ai.modelLine",
            prediction.model().id(),
            prediction.model().version(),
            prediction.device(),
            modelReason));
  }

  /** Why the model was chosen, in the reader's language; body parts are the file's DICOM terms. */
  static String reason(Workspace.SelectedModel selected) {
    return switch (selected.basis()) {
      case PACKAGE -> Messages.text("ai.reason.package");
      case CHOSEN -> Messages.text("ai.reason.chosen");
      case BODY_PART ->
          Messages.format("ai.reason.bodyPart", selected.part().term(), selected.part().source());
      case NOT_STATED -> Messages.text("ai.reason.notStated");
    };
  }

  /** Why automatic choice left the image unanalysed, in the reader's language. */
  static String noModelReason(NoModelForImageException none) {
    return none.bodyPart() == null
        ? Messages.format("ai.noModel.modality", none.modality())
        : Messages.format("ai.noModel.bodyPart", none.bodyPart().term(), none.bodyPart().source());
  }
}
