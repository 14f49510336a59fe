package org.radassist.app.workstation;

import java.io.File;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.radassist.app.core.ModelChoice;
import org.radassist.app.core.Settings;
import org.radassist.app.i18n.Messages;
import org.radassist.inference.analysis.DeviceChoice;

/**
 * Preferences that persist per user: model (automatic by body part, one built-in model, or a
 * package folder), device, inference threads, theme, language. Model and device apply to the next
 * analysis; the language at the next start, since every text of the window is set as it is built.
 */
final class SettingsDialog {
  private SettingsDialog() {}

  static void show(MainWindow window, Settings settings) {
    ModelPicker model = new ModelPicker(settings.model());
    model.setId("settings-model");
    Button chooseModel = new Button(Messages.text("settings.choosePackage"));
    chooseModel.setOnAction(
        e -> {
          DirectoryChooser chooser = new DirectoryChooser();
          chooser.setTitle(Messages.text("settings.packageFolder"));
          File dir = chooser.showDialog(window.getScene().getWindow());
          if (dir != null) {
            model.select(new ModelChoice.Package(dir.toPath()));
          }
        });
    ComboBox<DeviceChoice> device = new ComboBox<>();
    device.getItems().setAll(DeviceChoice.values());
    device.setValue(settings.device());
    device.setId("settings-device");
    device.setConverter(
        converter(d -> d == DeviceChoice.AUTO ? Messages.text("settings.device.auto") : d.name()));
    Spinner<Integer> threads =
        new Spinner<>(
            0, Math.max(1, Runtime.getRuntime().availableProcessors()), settings.threads());
    threads.setEditable(true);
    ComboBox<String> theme = new ComboBox<>();
    theme.getItems().setAll(Themes.DARK, Themes.LIGHT);
    theme.setValue(settings.theme());
    theme.setConverter(
        converter(
            t ->
                Themes.LIGHT.equals(t)
                    ? Messages.text("settings.theme.light")
                    : Messages.text("settings.theme.dark")));
    ComboBox<String> language = languageChoice(settings);
    Label nextStart = new Label(Messages.text("settings.language.nextStart"));
    nextStart.getStyleClass().add("disclaimer");

    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.addRow(0, new Label(Messages.text("settings.model")), new HBox(8, model, chooseModel));
    grid.addRow(1, new Label(Messages.text("settings.device")), device);
    grid.addRow(2, new Label(Messages.text("settings.threads")), threads);
    grid.addRow(3, new Label(Messages.text("settings.theme")), theme);
    grid.addRow(4, new Label(Messages.text("settings.language")), language);
    grid.add(nextStart, 1, 5);

    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(window.getScene().getWindow());
    dialog.setTitle(Messages.text("settings.title"));
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
              settings.setLanguage(language.getValue());
              window.setTheme(theme.getValue());
              window.chooseModel(model.getValue());
            });
  }

  /**
   * The system's language (blank) or one the bundle has, each named in itself so a reader finds
   * theirs whatever language the window is in now.
   */
  private static ComboBox<String> languageChoice(Settings settings) {
    ComboBox<String> language = new ComboBox<>();
    language.setId("settings-language");
    language.getItems().add("");
    Messages.LANGUAGES.forEach(l -> language.getItems().add(l.toLanguageTag()));
    String saved = Messages.supported(settings.language()).map(Locale::toLanguageTag).orElse("");
    if (!language.getItems().contains(saved)) {
      language.getItems().add(saved);
    }
    language.setValue(saved);
    language.setConverter(
        converter(
            tag ->
                tag.isEmpty()
                    ? Messages.format(
                        "settings.language.system",
                        Messages.nativeName(Locale.forLanguageTag(Messages.system().getLanguage())))
                    : Messages.nativeName(Locale.forLanguageTag(tag))));
    return language;
  }

  private static <T> StringConverter<T> converter(java.util.function.Function<T, String> name) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return value == null ? "" : name.apply(value);
      }

      @Override
      public T fromString(String text) {
        throw new UnsupportedOperationException("the choice is not editable");
      }
    };
  }
}
