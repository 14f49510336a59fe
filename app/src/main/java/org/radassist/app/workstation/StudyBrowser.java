package org.radassist.app.workstation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.radassist.app.i18n.Messages;
import org.radassist.app.render.Thumbnail;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.model.Series;
import org.radassist.dicom.model.Study;

/**
 * Patient ▸ study ▸ series, each series with a thumbnail and its image count; beneath, the files
 * that could not be read with the reason for each, so one bad file never hides the rest.
 */
final class StudyBrowser extends VBox {
  static final int THUMBNAIL_SIZE = 64;

  private final TreeView<Object> tree = new TreeView<>(new TreeItem<>());
  private final ListView<NotOpened> failures = new ListView<>();
  private final Label failuresTitle = new Label(Messages.text("browser.notOpened"));
  private final Map<Series, Image> thumbnails = new HashMap<>();
  private final Map<Series, TreeItem<Object>> seriesItems = new HashMap<>();
  private final List<Series> ordered = new ArrayList<>();

  StudyBrowser(Consumer<Series> onSelect) {
    super(6);
    getStyleClass().add("side-panel");
    setId("browser");
    tree.setId("series");
    tree.setShowRoot(false);
    tree.setCellFactory(t -> new BrowserCell(thumbnails));
    tree.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, item) -> {
              if (item != null && item.getValue() instanceof Series series) {
                onSelect.accept(series);
              }
            });
    failures.setId("failures");
    failures.setPrefHeight(120);
    failures.setCellFactory(list -> new NotOpenedCell());
    failuresTitle.getStyleClass().add("section-title");
    Label title = new Label(Messages.text("browser.studies"));
    title.getStyleClass().add("section-title");
    VBox.setVgrow(tree, Priority.ALWAYS);
    getChildren().addAll(title, tree);
  }

  void clear() {
    thumbnails.clear();
    seriesItems.clear();
    ordered.clear();
    tree.getRoot().getChildren().clear();
    failures.getItems().clear();
    getChildren().removeAll(failuresTitle, failures);
  }

  /** Lists the studies, grouped by patient, all expanded. */
  void show(List<Study> studies) {
    Map<String, TreeItem<Object>> patients = new HashMap<>();
    for (Study study : studies) {
      var a = study.patientAndStudyAttributes();
      String patient =
          a.string(Tag.PATIENT_NAME, "").replace('^', ' ').trim()
              + "  "
              + a.string(Tag.PATIENT_ID, "");
      TreeItem<Object> patientItem =
          patients.computeIfAbsent(
              patient,
              p -> {
                TreeItem<Object> item =
                    new TreeItem<>(p.isBlank() ? Messages.text("browser.noPatientName") : p);
                item.setExpanded(true);
                tree.getRoot().getChildren().add(item);
                return item;
              });
      TreeItem<Object> studyItem = new TreeItem<>(study);
      studyItem.setExpanded(true);
      patientItem.getChildren().add(studyItem);
      for (Series series : study.series()) {
        TreeItem<Object> seriesItem = new TreeItem<>(series);
        seriesItems.put(series, seriesItem);
        ordered.add(series);
        studyItem.getChildren().add(seriesItem);
      }
    }
  }

  void setThumbnail(Series series, Thumbnail thumbnail) {
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
    thumbnails.put(series, fx);
    tree.refresh();
  }

  void select(Series series) {
    TreeItem<Object> item = seriesItems.get(series);
    if (item != null) {
      tree.getSelectionModel().select(item);
    }
  }

  /** A file that was not opened ({@code location} null when the reason names it). */
  record NotOpened(String reason, String location) {
    /**
     * The file's own name: the column is narrow, and a full path pushed the reason out of sight.
     */
    String name() {
      if (location == null) {
        return null;
      }
      int cut = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
      return location.substring(cut + 1);
    }
  }

  void addFailure(String reason) {
    addFailure(reason, null);
  }

  void addFailure(String reason, String location) {
    if (!getChildren().contains(failures)) {
      getChildren().addAll(failuresTitle, failures);
    }
    failures.getItems().add(new NotOpened(reason, location));
  }

  /** Every series listed, in the order shown. */
  List<Series> series() {
    return List.copyOf(ordered);
  }

  TreeView<Object> tree() {
    return tree;
  }

  ListView<NotOpened> failures() {
    return failures;
  }

  /** The reason first, wrapped to the column, then the file name; the full path on hover. */
  private static final class NotOpenedCell extends ListCell<NotOpened> {
    NotOpenedCell() {
      setWrapText(true);
      // A zero preferred width lets the cell take the list's width and wrap instead of widening.
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(NotOpened item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setText(null);
        setTooltip(null);
      } else if (item.location() == null) {
        setText(item.reason());
        setTooltip(new Tooltip(item.reason()));
      } else {
        setText(Messages.format("browser.notOpenedItem", item.reason(), item.name()));
        setTooltip(new Tooltip(item.location() + "\n" + item.reason()));
      }
    }
  }

  private static final class BrowserCell extends TreeCell<Object> {
    private final Map<Series, Image> thumbnails;
    private final ImageView view = new ImageView();

    BrowserCell(Map<Series, Image> thumbnails) {
      this.thumbnails = thumbnails;
      view.setPreserveRatio(true);
      view.setFitWidth(THUMBNAIL_SIZE);
      view.setFitHeight(THUMBNAIL_SIZE);
    }

    @Override
    protected void updateItem(Object value, boolean empty) {
      super.updateItem(value, empty);
      setGraphic(null);
      if (empty || value == null) {
        setText(null);
      } else if (value instanceof Series series) {
        int images = series.instances().size();
        int frames = series.frameCount();
        setText(
            series.modality()
                + " "
                + nz(series.bodyPartExamined())
                + "\n"
                + nz(series.description())
                + "\n"
                + (frames > images
                    ? Messages.format("browser.imagesAndFrames", images, frames)
                    : Messages.format("browser.images", images)));
        view.setImage(thumbnails.get(series));
        setGraphic(view);
      } else if (value instanceof Study study) {
        // A study row with neither date nor description would be a bare arrow: say what is missing.
        setText(
            or(study.studyDate(), Messages.text("browser.noDate"))
                + "  "
                + or(study.description(), Messages.text("browser.noDescription")));
      } else {
        setText(value.toString());
      }
    }

    private static String nz(String s) {
      return or(s, "");
    }

    private static String or(String s, String absent) {
      return s == null || s.isBlank() ? absent : s;
    }
  }
}
