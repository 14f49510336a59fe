package org.radassist.app.pacs;

import java.util.function.Consumer;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.radassist.app.i18n.Messages;

/**
 * Asks for a new PACS: name, DICOMweb URL, authentication and user, and optionally the environment
 * variable holding the secret. The secret itself is not asked here, so it is never saved.
 */
final class AddServerDialog {
  /** Shows the form of the address asked for; a URL, the same in every language. */
  private static final String EXAMPLE_URL = "https://pacs.hospital/dicom-web";

  private AddServerDialog() {}

  static void show(Window owner, Consumer<PacsServer> added) {
    TextField name = new TextField();
    TextField url = new TextField();
    url.setPromptText(EXAMPLE_URL);
    ChoiceBox<String> auth = new ChoiceBox<>();
    auth.getItems().setAll("none", "basic", "bearer");
    auth.setValue("none");
    auth.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(String value) {
            return value == null
                ? ""
                : switch (value) {
                  case "basic" -> Messages.text("pacs.add.auth.basic");
                  case "bearer" -> Messages.text("pacs.add.auth.bearer");
                  default -> Messages.text("pacs.add.auth.none");
                };
          }

          @Override
          public String fromString(String text) {
            throw new UnsupportedOperationException("the choice is not editable");
          }
        });
    TextField user = new TextField();
    TextField secretEnv = new TextField();
    secretEnv.setPromptText(Messages.text("pacs.add.secretEnvPrompt"));
    TextField ca = new TextField();
    ca.setPromptText(Messages.text("pacs.add.caPrompt"));
    Label problem = new Label();
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.addRow(0, new Label(Messages.text("pacs.add.name")), name);
    grid.addRow(1, new Label(Messages.text("pacs.add.url")), url);
    grid.addRow(2, new Label(Messages.text("pacs.add.auth")), auth);
    grid.addRow(3, new Label(Messages.text("pacs.add.user")), user);
    grid.addRow(4, new Label(Messages.text("pacs.add.secretEnv")), secretEnv);
    grid.addRow(5, new Label(Messages.text("pacs.add.ca")), ca);
    grid.add(problem, 0, 6, 2, 1);

    Dialog<PacsServer> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle(Messages.text("pacs.add.title"));
    dialog.getDialogPane().setContent(grid);
    dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    dialog
        .getDialogPane()
        .lookupButton(ButtonType.OK)
        .addEventFilter(
            javafx.event.ActionEvent.ACTION,
            e -> {
              try {
                build(name, url, auth, user, secretEnv, ca);
              } catch (IllegalArgumentException | NullPointerException ex) {
                problem.setText(ex.getMessage());
                e.consume();
              }
            });
    dialog.setResultConverter(
        b -> b == ButtonType.OK ? build(name, url, auth, user, secretEnv, ca) : null);
    dialog.showAndWait().ifPresent(added);
  }

  private static PacsServer build(
      TextField name,
      TextField url,
      ChoiceBox<String> auth,
      TextField user,
      TextField secretEnv,
      TextField ca) {
    if (name.getText().isBlank()) {
      throw new IllegalArgumentException(Messages.text("pacs.add.nameMissing"));
    }
    return new PacsServer(
        name.getText().strip(),
        url.getText().strip(),
        auth.getValue(),
        blankToNull(user.getText()),
        blankToNull(secretEnv.getText()),
        blankToNull(ca.getText()),
        null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
