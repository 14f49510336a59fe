package org.radassist.app.workstation;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;

/**
 * The study browser, the images and the AI side by side. Either side can be hidden (View menu) to
 * give its width to the image, and on a narrow window the sides narrow, down to the least their
 * controls need, so that the image keeps most of the screen. A width the reader sets by dragging a
 * divider is kept, and comes back when the window is wide enough again.
 */
final class SidePanels {
  static final double BROWSER_MIN = 160;

  /** The AI panel's legend and buttons, whole, in the longer of its languages. */
  static final double AI_MIN = 270;

  /** Of the split's width, what the images keep before a side is narrowed below its width. */
  static final double IMAGE_SHARE = 0.55;

  private final SplitPane split;
  private final Region browser;
  private final Region ai;
  private final BooleanProperty browserShown = new SimpleBooleanProperty(true);
  private final BooleanProperty aiShown = new SimpleBooleanProperty(true);
  private double browserWidth = 250;
  private double aiWidth = 300;
  private boolean draggingDivider;
  private boolean fitPending;

  SidePanels(Region browser, Node center, Region ai) {
    this.browser = browser;
    this.ai = ai;
    browser.setMinWidth(BROWSER_MIN);
    ai.setMinWidth(AI_MIN);
    split = new SplitPane(browser, center, ai);
    // Where the sides start on a usual screen, until the first fit once the window has its size.
    split.setDividerPositions(0.17, 0.79);
    SplitPane.setResizableWithParent(browser, false);
    SplitPane.setResizableWithParent(ai, false);
    split.widthProperty().addListener((obs, old, width) -> requestFit());
    browserShown.addListener((obs, old, shown) -> show(browser, shown, 0));
    aiShown.addListener((obs, old, shown) -> show(ai, shown, split.getItems().size()));
    split.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> draggingDivider = onDivider(e.getTarget()));
    split.addEventFilter(
        MouseEvent.MOUSE_RELEASED,
        e -> {
          if (draggingDivider) {
            keepWidths();
          }
          draggingDivider = false;
        });
  }

  SplitPane node() {
    return split;
  }

  BooleanProperty browserShownProperty() {
    return browserShown;
  }

  BooleanProperty aiShownProperty() {
    return aiShown;
  }

  private void show(Region side, boolean shown, int index) {
    if (shown && !split.getItems().contains(side)) {
      split.getItems().add(index, side);
    } else if (!shown) {
      split.getItems().remove(side);
    }
    requestFit();
  }

  /**
   * Fits the sides once the split pane has laid itself out at its new width: its own layout pass
   * moves the dividers to keep the sides' old widths, and would undo dividers set before it.
   */
  private void requestFit() {
    if (!fitPending) {
      fitPending = true;
      Platform.runLater(
          () -> {
            fitPending = false;
            fit();
          });
    }
  }

  /**
   * Sets the dividers so each shown side has the reader's width, unless together they would take
   * the image's share: then both give up width in proportion, down to the least each needs.
   */
  private void fit() {
    double width = split.getWidth();
    if (width <= 0) {
      return;
    }
    boolean left = browserShown.get();
    boolean right = aiShown.get();
    double room = (1 - IMAGE_SHARE) * width;
    double wanted = (left ? browserWidth : 0) + (right ? aiWidth : 0);
    double scale = Math.min(1, room / Math.max(1, wanted));
    double rightWidth = Math.max(AI_MIN, aiWidth * scale);
    // The AI panel's controls need their least width sooner than the browser's rows, which say
    // in a tooltip what they cut short: the browser gives up the difference.
    double leftWidth =
        Math.max(BROWSER_MIN, Math.min(browserWidth * scale, room - (right ? rightWidth : 0)));
    if (left && right) {
      split.setDividerPositions(leftWidth / width, 1 - rightWidth / width);
    } else if (left) {
      split.setDividerPositions(leftWidth / width);
    } else if (right) {
      split.setDividerPositions(1 - rightWidth / width);
    }
  }

  private void keepWidths() {
    if (browserShown.get() && browser.getWidth() > 0) {
      browserWidth = browser.getWidth();
    }
    if (aiShown.get() && ai.getWidth() > 0) {
      aiWidth = ai.getWidth();
    }
  }

  private static boolean onDivider(Object target) {
    for (Node n = target instanceof Node node ? node : null; n != null; n = n.getParent()) {
      if (n.getStyleClass().contains("split-pane-divider")) {
        return true;
      }
    }
    return false;
  }
}
