package org.radassist.app.workstation;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;
import org.radassist.app.core.ModelChoice;
import org.radassist.app.core.Workspace;
import org.radassist.app.i18n.Messages;

/**
 * Which model analyses the image: automatic by body part, one built-in model, or a package the
 * reader brought. One control for the AI panel and the settings dialog, so both name a choice the
 * same way.
 */
final class ModelPicker extends ComboBox<ModelChoice> {
  ModelPicker(ModelChoice current) {
    getItems().add(ModelChoice.AUTOMATIC);
    Workspace.builtinIds().stream().sorted().map(ModelChoice.Builtin::new).forEach(getItems()::add);
    setMaxWidth(Double.MAX_VALUE);
    setTooltip(new Tooltip(Messages.text("model.tooltip")));
    setConverter(
        new StringConverter<>() {
          @Override
          public String toString(ModelChoice choice) {
            return choice == null ? "" : describe(choice);
          }

          @Override
          public ModelChoice fromString(String text) {
            return ModelChoice.parse(text, Workspace.builtinIds());
          }
        });
    select(current);
  }

  /** Selects {@code choice}, adding it first when it is a package not listed yet. */
  void select(ModelChoice choice) {
    if (!getItems().contains(choice)) {
      getItems().add(choice);
    }
    setValue(choice);
  }

  static String describe(ModelChoice choice) {
    if (choice instanceof ModelChoice.Builtin b) {
      return Messages.format("model.builtin", b.id());
    }
    if (choice instanceof ModelChoice.Package p) {
      return Messages.format("model.package", p.path());
    }
    return Messages.text("model.automatic");
  }
}
