package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.ModalityLut;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.inference.model.LabelKind;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.preprocess.PreprocessedImage;
import org.radassist.inference.preprocess.Preprocessor;

/**
 * A bright rectangle goes through preprocessing into the tensor; the tensor itself, read as a map
 * on the model's grid, goes back through the heatmap mapping, and the region found there must cover
 * the same image pixels, to within one tensor pixel, for every resize policy and for non-square
 * images and tensors.
 */
class GeometryRoundTripTest {

  @ParameterizedTest(name = "{0} {1}x{2} -> {3}x{4}")
  @CsvSource({
    "stretch, 300, 200, 64, 64, 120, 60, 40, 50",
    "stretch, 200, 300, 96, 48, 20, 200, 70, 30",
    "letterbox, 300, 200, 64, 64, 120, 60, 40, 50",
    "letterbox, 180, 420, 80, 96, 30, 300, 60, 90",
    "shorter-side-center-crop, 300, 200, 64, 64, 120, 60, 40, 50",
    "shorter-side-center-crop, 200, 500, 64, 64, 60, 200, 80, 60",
    "shorter-side-center-crop, 640, 240, 96, 64, 300, 40, 120, 100",
  })
  void aBrightRectangleMapsBackToItsOwnPixels(
      String resize, int w, int h, int tw, int th, int rx, int ry, int rw, int rh) {
    int[] px = new int[w * h];
    for (int y = ry; y < ry + rh; y++) {
      for (int x = rx; x < rx + rw; x++) {
        px[y * w + x] = 1000;
      }
    }
    Frame frame = new Frame(h, w, 1, Photometric.MONOCHROME2, 12, false, px);
    ModelCard.Input in =
        new ModelCard.Input(
            tw, th, 1, resize, "dicom-voi", true, 255.0, new double[] {0}, new double[] {1});
    PreprocessedImage img = new Preprocessor(in).apply(frame, ModalityLut.identity(), List.of());
    float[] back = HeatmapMapper.toImage(img.tensor(), th, tw, img.mapping());
    Heatmap map = new Heatmap("r", Heatmap.Method.CAM, w, h, back);
    List<Finding> found = FindingExtractor.extract(map, LabelKind.OTHER, 0.5);
    assertEquals(1, found.size(), "one region");
    Finding.Box box = found.get(0).box();
    double tolX = 1 / img.mapping().scaleX() + 1;
    double tolY = 1 / img.mapping().scaleY() + 1;
    assertEquals(rx, box.x(), tolX, "left");
    assertEquals(ry, box.y(), tolY, "top");
    assertEquals(rx + rw, box.x() + box.width(), tolX, "right");
    assertEquals(ry + rh, box.y() + box.height(), tolY, "bottom");
  }

  @ParameterizedTest(name = "cropped {0}x{1}")
  @CsvSource({"400, 200", "200, 400"})
  void pixelsCroppedAwayGetNoHeatAndAPartlyVisibleRectangleKeepsItsVisiblePart(int w, int h) {
    // A rectangle straddling the crop edge along the long axis.
    boolean wide = w > h;
    int crop = Math.abs(w - h) / 2;
    int rx = wide ? crop - 20 : 80;
    int ry = wide ? 80 : crop - 20;
    int[] px = new int[w * h];
    for (int y = ry; y < ry + 40; y++) {
      for (int x = rx; x < rx + 40; x++) {
        px[y * w + x] = 1000;
      }
    }
    Frame frame = new Frame(h, w, 1, Photometric.MONOCHROME2, 12, false, px);
    ModelCard.Input in =
        new ModelCard.Input(
            50,
            50,
            1,
            "shorter-side-center-crop",
            "dicom-voi",
            true,
            255.0,
            new double[] {0},
            new double[] {1});
    PreprocessedImage img = new Preprocessor(in).apply(frame, ModalityLut.identity(), List.of());
    float[] back = HeatmapMapper.toImage(img.tensor(), 50, 50, img.mapping());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (!img.mapping().seenByModel(x, y)) {
          assertEquals(0f, back[y * w + x], "pixel " + x + "," + y + " was cropped away");
        }
      }
    }
    Heatmap map = new Heatmap("r", Heatmap.Method.CAM, w, h, back);
    Finding.Box box = FindingExtractor.extract(map, LabelKind.OTHER, 0.5).get(0).box();
    double tol = 1 / img.mapping().scaleX() + 1;
    if (wide) {
      assertEquals(crop, box.x(), tol);
      assertEquals(rx + 40, box.x() + box.width(), tol);
    } else {
      assertEquals(crop, box.y(), tol);
      assertEquals(ry + 40, box.y() + box.height(), tol);
    }
    assertTrue(box.width() > 0 && box.height() > 0);
  }
}
