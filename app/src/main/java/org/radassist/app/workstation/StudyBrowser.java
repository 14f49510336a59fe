package org.radassist.app.workstation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.ContentDisplay;
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
    // Each series row decides from the tree's width whether its text fits beside the thumbnail.
    tree.widthProperty().addListener((obs, old, width) -> tree.refresh());
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
    /** Room the longest count ("10 fotogramas") needs beside the thumbnail. */
    private static final double TEXT_BESIDE = 90;

    /** The tree's indentation per level and its arrows' column, as the skin lays rows out. */
    private static final double INDENT = 10;

    private static final double ARROW = 22;

    /** The tree's vertical scroll bar, there as soon as the studies outgrow the column. */
    private static final double SCROLL_BAR = 14;

    private final Map<Series, Image> thumbnails;
    private final ImageView view = new ImageView();

    BrowserCell(Map<Series, Image> thumbnails) {
      this.thumbnails = thumbnails;
      // The tree's width, not the text's: a long description is cut short, and read in full in
      // the tooltip, rather than widening the tree so that the reader scrolls sideways.
      setPrefWidth(0);
      view.setPreserveRatio(true);
      view.setFitWidth(THUMBNAIL_SIZE);
      view.setFitHeight(THUMBNAIL_SIZE);
    }

    /**
     * Beside the thumbnail when the column leaves the text room there, else under it: in a narrow
     * column the counts beside it were cut to "1 image, 10 fram…".
     */
    private ContentDisplay textPlace() {
      TreeView<Object> tree = getTreeView();
      TreeItem<Object> item = getTreeItem();
      if (tree == null || item == null) {
        return ContentDisplay.LEFT;
      }
      int level = tree.getTreeItemLevel(item) - (tree.isShowRoot() ? 0 : 1);
      double beside =
          tree.getWidth()
              - SCROLL_BAR
              - snappedLeftInset()
              - snappedRightInset()
              - level * INDENT
              - ARROW
              - THUMBNAIL_SIZE
              - getGraphicTextGap();
      return beside < TEXT_BESIDE ? ContentDisplay.TOP : ContentDisplay.LEFT;
    }

    @Override
    protected void updateItem(Object value, boolean empty) {
      super.updateItem(value, empty);
      setGraphic(null);
      setTooltip(null);
      if (empty || value == null) {
        setText(null);
      } else if (value instanceof Series series) {
        int images = series.instances().size();
        int frames = series.frameCount();
        List<String> lines = new ArrayList<>();
        lines.add((series.modality() + " " + nz(series.bodyPartExamined())).strip());
        if (!nz(series.description()).isBlank()) {
          lines.add(series.description());
        }
        lines.add(Messages.format("browser.images", images));
        if (frames > images) {
          lines.add(Messages.format("browser.frames", frames));
        }
        setText(String.join("\n", lines));
        setContentDisplay(textPlace());
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
      if (getText() != null) {
        // In full on hover, for a column made narrower than a name or a description.
        setTooltip(new Tooltip(getText()));
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
