package org.radassist.app.workstation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

/**
 * The viewing area: 1x1, 1x2 or 2x2 panes. A click makes a pane active; keys, analysis and the
 * browser act on the active pane. Panes keep their images when the layout changes.
 */
public final class ViewerLayout extends GridPane {
  private static final int MAX_PANES = 4;

  private final List<ViewerPane> panes = new ArrayList<>();
  private final Consumer<ViewerPane> onActivated;
  private ViewerPane active;
  private int columns = 1;
  private int rows = 1;

  ViewerLayout(BackgroundTasks tasks, AiDisplay display, Consumer<ViewerPane> onActivated) {
    this.onActivated = onActivated;
    setId("layout");
    getStyleClass().add("viewer-layout");
    setHgap(2);
    setVgap(2);
    for (int i = 0; i < MAX_PANES; i++) {
      ViewerPane pane = new ViewerPane(tasks, display);
      pane.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> activate(pane));
      panes.add(pane);
    }
    active = panes.get(0);
    setGrid(1, 1);
  }

  /** Shows {@code columns} x {@code rows} panes (1x1, 2x1, 2x2). */
  public void setGrid(int columns, int rows) {
    if (columns * rows > MAX_PANES || columns < 1 || rows < 1) {
      throw new IllegalArgumentException("Unsupported layout " + columns + "x" + rows);
    }
    this.columns = columns;
    this.rows = rows;
    getChildren().clear();
    getColumnConstraints().clear();
    getRowConstraints().clear();
    for (int c = 0; c < columns; c++) {
      ColumnConstraints cc = new ColumnConstraints();
      cc.setPercentWidth(100.0 / columns);
      cc.setHgrow(Priority.ALWAYS);
      getColumnConstraints().add(cc);
    }
    for (int r = 0; r < rows; r++) {
      RowConstraints rc = new RowConstraints();
      rc.setPercentHeight(100.0 / rows);
      rc.setVgrow(Priority.ALWAYS);
      getRowConstraints().add(rc);
    }
    for (int i = 0; i < columns * rows; i++) {
      add(panes.get(i), i % columns, i / columns);
    }
    if (panes.indexOf(active) >= columns * rows) {
      activate(panes.get(0));
    } else {
      activate(active);
    }
  }

  public int columns() {
    return columns;
  }

  public int rows() {
    return rows;
  }

  ViewerPane active() {
    return active;
  }

  ViewerPane pane(int index) {
    return panes.get(index);
  }

  /** The panes on screen, in reading order. */
  List<ViewerPane> panes() {
    return panes.subList(0, columns * rows);
  }

  void activate(ViewerPane pane) {
    active = pane;
    for (ViewerPane p : panes) {
      p.setActive(p == pane && columns * rows > 1);
    }
    onActivated.accept(pane);
  }

  /** Back to one empty pane, as when a new set of files is opened. */
  void clear() {
    panes.forEach(ViewerPane::clear);
    active = panes.get(0);
    setGrid(1, 1);
  }

  void stop() {
    panes.forEach(ViewerPane::stop);
  }
}
