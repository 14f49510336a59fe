package org.radassist.app.workstation;

import java.io.File;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import org.radassist.app.core.ModelChoice;
import org.radassist.app.core.Settings;
import org.radassist.inference.analysis.DeviceChoice;

/**
 * Preferences that persist per user: model (automatic by body part, one built-in model, or a
 * package folder), device, inference threads, theme. Model and device apply to the next analysis.
 */
final class SettingsDialog {
  private SettingsDialog() {}

  static void show(MainWindow window, Settings settings) {
    ModelPicker model = new ModelPicker(settings.model());
    model.setId("settings-model");
    Button chooseModel = new Button("Choose package…");
    chooseModel.setOnAction(
        e -> {
          DirectoryChooser chooser = new DirectoryChooser();
          chooser.setTitle("Model package folder (with model-card.json)");
          File dir = chooser.showDialog(window.getScene().getWindow());
          if (dir != null) {
            model.select(new ModelChoice.Package(dir.toPath()));
          }
        });
    ComboBox<DeviceChoice> device = new ComboBox<>();
    device.getItems().setAll(DeviceChoice.values());
    device.setValue(settings.device());
    device.setId("settings-device");
    Spinner<Integer> threads =
        new Spinner<>(
            0, Math.max(1, Runtime.getRuntime().availableProcessors()), settings.threads());
    threads.setEditable(true);
    ComboBox<String> theme = new ComboBox<>();
    theme.getItems().setAll(Themes.DARK, Themes.LIGHT);
    theme.setValue(settings.theme());

    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.addRow(0, new Label("Model"), new HBox(8, model, chooseModel));
    grid.addRow(1, new Label("Device"), device);
    grid.addRow(2, new Label("Inference threads (0 = automatic)"), threads);
    grid.addRow(3, new Label("Theme"), theme);

    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(window.getScene().getWindow());
    dialog.setTitle("Settings");
    dialog.getDialogPane().getStylesheets().setAll(window.getScene().getStylesheets());
    dialog.getDialogPane().setContent(grid);
    dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    dialog
        .showAndWait()
        .filter(ButtonType.OK::equals)
        .ifPresent(
            ok -> {
              settings.setDevice(device.getValue());
              settings.setThreads(threads.getValue());
              window.setTheme(theme.getValue());
              window.chooseModel(model.getValue());
            });
  }
}
