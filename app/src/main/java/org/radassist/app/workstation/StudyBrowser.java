package org.radassist.app.workstation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.radassist.app.render.Thumbnail;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;

/**
 * The images that were opened, and beneath them the files that could not be read with the reason
 * for each, so one bad file never hides the rest of a study.
 */
final class StudyBrowser extends VBox {
  static final int THUMBNAIL_SIZE = 72;

  private final ListView<DicomImage> images = new ListView<>();
  private final ListView<String> failures = new ListView<>();
  private final Label failuresTitle = new Label("Not opened");
  private final Map<DicomImage, Image> thumbnails = new HashMap<>();

  StudyBrowser(Consumer<DicomImage> onSelect) {
    super(6);
    getStyleClass().add("side-panel");
    setId("browser");
    images.setId("images");
    images.setPlaceholder(new Label("No images"));
    images.setCellFactory(list -> new ImageCell(thumbnails));
    images
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, image) -> {
              if (image != null) {
                onSelect.accept(image);
              }
            });
    failures.setId("failures");
    failures.setPrefHeight(120);
    failuresTitle.getStyleClass().add("section-title");
    Label title = new Label("Images");
    title.getStyleClass().add("section-title");
    VBox.setVgrow(images, Priority.ALWAYS);
    getChildren().addAll(title, images);
  }

  void clear() {
    thumbnails.clear();
    images.getItems().clear();
    failures.getItems().clear();
    getChildren().removeAll(failuresTitle, failures);
  }

  void add(DicomImage image) {
    images.getItems().add(image);
  }

  void setThumbnail(DicomImage image, Thumbnail thumbnail) {
    WritableImage fx = new WritableImage(thumbnail.width(), thumbnail.height());
    fx.getPixelWriter()
        .setPixels(
            0,
            0,
            thumbnail.width(),
            thumbnail.height(),
            PixelFormat.getIntArgbInstance(),
            thumbnail.argb(),
            0,
            thumbnail.width());
    thumbnails.put(image, fx);
    images.refresh();
  }

  void select(DicomImage image) {
    images.getSelectionModel().select(image);
  }

  void addFailure(DicomException e) {
    if (!getChildren().contains(failures)) {
      getChildren().addAll(failuresTitle, failures);
    }
    failures.getItems().add(e.getMessage());
  }

  ListView<DicomImage> images() {
    return images;
  }

  ListView<String> failures() {
    return failures;
  }

  private static final class ImageCell extends ListCell<DicomImage> {
    private final Map<DicomImage, Image> thumbnails;
    private final ImageView view = new ImageView();

    ImageCell(Map<DicomImage, Image> thumbnails) {
      this.thumbnails = thumbnails;
      view.setPreserveRatio(true);
      view.setFitWidth(THUMBNAIL_SIZE);
      view.setFitHeight(THUMBNAIL_SIZE);
    }

    @Override
    protected void updateItem(DicomImage image, boolean empty) {
      super.updateItem(image, empty);
      if (empty || image == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      view.setImage(thumbnails.get(image));
      setGraphic(view);
      setText(
          String.format(
              Locale.ROOT,
              "%s  %s  #%s%n%d×%d%s",
              image.modality(),
              nz(image.bodyPartExamined()),
              image.instanceNumber().map(String::valueOf).orElse("–"),
              image.columns(),
              image.rows(),
              image.frameCount() > 1 ? "  " + image.frameCount() + " frames" : ""));
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }
  }
}
