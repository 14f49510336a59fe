package org.radassist.dicom.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.VR;

/** PS3.3 C.7.6.11: which pixels of a film its display shutter leaves to be read. */
class DisplayShutterTest {
  /** Edges are 1-based columns and rows, and the pixels on them are inside. */
  @Test
  void aRectangleKeepsItsEdgesInclusive() {
    Attributes ds = new Attributes();
    ds.putString(DisplayShutter.SHUTTER_SHAPE, VR.CS, "RECTANGULAR");
    ds.putString(DisplayShutter.LEFT_VERTICAL_EDGE, VR.IS, "11");
    ds.putString(DisplayShutter.RIGHT_VERTICAL_EDGE, VR.IS, "70");
    ds.putString(DisplayShutter.UPPER_HORIZONTAL_EDGE, VR.IS, "6");
    ds.putString(DisplayShutter.LOWER_HORIZONTAL_EDGE, VR.IS, "50");
    DisplayShutter s = DisplayShutter.of(ds).orElseThrow();
    assertTrue(s.shows(10, 5), "column 11, row 6: the top-left corner");
    assertTrue(s.shows(69, 49), "column 70, row 50: the bottom-right corner");
    assertFalse(s.shows(9, 20), "column 10 is left of the edge");
    assertFalse(s.shows(70, 20), "column 71 is right of the edge");
    assertFalse(s.shows(30, 4), "row 5 is above the edge");
    assertFalse(s.shows(30, 50), "row 51 is below the edge");
    assertEquals(0, s.presentationGrey(), "black when the file gives no value");
    boolean[] mask = s.visibleMask(80, 60);
    int shown = 0;
    for (boolean b : mask) {
      shown += b ? 1 : 0;
    }
    assertEquals(60 * 45, shown);
  }

  /** A circle and a rectangle together: only what lies inside both shows. */
  @Test
  void severalShapesShowOnlyWhatAllOfThemHold() {
    Attributes ds = new Attributes();
    ds.putString(DisplayShutter.SHUTTER_SHAPE, VR.CS, "RECTANGULAR", "CIRCULAR");
    ds.putString(DisplayShutter.LEFT_VERTICAL_EDGE, VR.IS, "11");
    ds.putString(DisplayShutter.RIGHT_VERTICAL_EDGE, VR.IS, "70");
    ds.putString(DisplayShutter.UPPER_HORIZONTAL_EDGE, VR.IS, "6");
    ds.putString(DisplayShutter.LOWER_HORIZONTAL_EDGE, VR.IS, "50");
    ds.putString(DisplayShutter.CENTER_OF_CIRCULAR_SHUTTER, VR.IS, "30", "20");
    ds.putString(DisplayShutter.RADIUS_OF_CIRCULAR_SHUTTER, VR.IS, "25");
    ds.putInt(DisplayShutter.SHUTTER_PRESENTATION_VALUE, VR.US, 0xFFFF);
    DisplayShutter s = DisplayShutter.of(ds).orElseThrow();
    assertTrue(s.shows(19, 29), "the circle's centre (row 30, column 20)");
    assertFalse(s.shows(5, 29), "inside the circle, left of the rectangle");
    assertFalse(s.shows(60, 29), "inside the rectangle, outside the circle");
    assertTrue(s.shows(44, 29), "24 columns right of the centre, within the radius");
    assertFalse(s.shows(45, 29), "26 columns right of the centre");
    assertEquals(255, s.presentationGrey(), "P-value FFFFH is white");
  }

  /** Vertices are row\column pairs; a point on an edge of the polygon is inside. */
  @Test
  void aPolygonTakesRowColumnVertices() {
    Attributes ds = new Attributes();
    ds.putString(DisplayShutter.SHUTTER_SHAPE, VR.CS, "POLYGONAL");
    ds.putString(
        DisplayShutter.VERTICES_OF_THE_POLYGONAL_SHUTTER, VR.IS, "5", "10", "5", "70", "55", "40");
    DisplayShutter s = DisplayShutter.of(ds).orElseThrow();
    assertTrue(s.shows(39, 29), "row 30, column 40, the middle");
    assertTrue(s.shows(9, 4), "the vertex at row 5, column 10");
    assertTrue(s.shows(39, 4), "on the top edge");
    assertFalse(s.shows(39, 3), "above the top edge");
    assertFalse(s.shows(12, 40), "left of the slanted edge, near the bottom");
    assertTrue(s.shows(39, 53), "just above the bottom vertex");
  }

  /**
   * A damaged shutter (swapped edges, a zero radius, a rectangle outside the image) never blanks
   * the film: it is left out, or, when nothing of the image would show, the whole film shows.
   */
  @Test
  void aDamagedShutterNeverBlanksTheFilm() {
    Attributes swapped = new Attributes();
    swapped.putString(DisplayShutter.SHUTTER_SHAPE, VR.CS, "RECTANGULAR", "CIRCULAR");
    swapped.putString(DisplayShutter.LEFT_VERTICAL_EDGE, VR.IS, "70");
    swapped.putString(DisplayShutter.RIGHT_VERTICAL_EDGE, VR.IS, "11");
    swapped.putString(DisplayShutter.UPPER_HORIZONTAL_EDGE, VR.IS, "6");
    swapped.putString(DisplayShutter.LOWER_HORIZONTAL_EDGE, VR.IS, "50");
    swapped.putString(DisplayShutter.CENTER_OF_CIRCULAR_SHUTTER, VR.IS, "30", "20");
    swapped.putString(DisplayShutter.RADIUS_OF_CIRCULAR_SHUTTER, VR.IS, "0");
    assertTrue(DisplayShutter.of(swapped).isEmpty());

    Attributes outside = new Attributes();
    outside.putString(DisplayShutter.SHUTTER_SHAPE, VR.CS, "RECTANGULAR");
    outside.putString(DisplayShutter.LEFT_VERTICAL_EDGE, VR.IS, "500");
    outside.putString(DisplayShutter.RIGHT_VERTICAL_EDGE, VR.IS, "600");
    outside.putString(DisplayShutter.UPPER_HORIZONTAL_EDGE, VR.IS, "500");
    outside.putString(DisplayShutter.LOWER_HORIZONTAL_EDGE, VR.IS, "600");
    boolean[] mask = DisplayShutter.of(outside).orElseThrow().visibleMask(80, 60);
    for (boolean shown : mask) {
      assertTrue(shown, "a shutter outside the image leaves the film whole");
    }
  }

  /** A shape with missing attributes hides nothing; a bitmap shutter is not drawn. */
  @Test
  void anIncompleteShapeHidesNothing() {
    Attributes ds = new Attributes();
    ds.putString(DisplayShutter.SHUTTER_SHAPE, VR.CS, "RECTANGULAR", "BITMAP");
    ds.putString(DisplayShutter.LEFT_VERTICAL_EDGE, VR.IS, "11");
    assertTrue(DisplayShutter.of(ds).isEmpty());
    assertTrue(DisplayShutter.of(new Attributes()).isEmpty());
  }
}
