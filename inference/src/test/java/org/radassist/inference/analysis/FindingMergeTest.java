package org.radassist.inference.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.radassist.inference.model.LabelKind;

/** A reader sees one box on one lesion, however its heatmap breaks up at a high threshold. */
class FindingMergeTest {
  private static Finding finding(double score, int x, int y, int w, int h) {
    return new Finding(
        "fracture",
        LabelKind.FRACTURE,
        score,
        new Finding.Box(x, y, w, h),
        new Finding.Point(x + w / 2, y + h / 2));
  }

  @Test
  void fragmentsOfOneFractureLineBecomeOneFindingAroundThemAll() {
    List<Finding> fragments =
        List.of(
            finding(1.0, 264, 692, 17, 8),
            finding(0.995, 287, 684, 18, 8),
            finding(0.991, 311, 683, 1, 1));
    List<Finding> merged = FindingExtractor.mergeWithinCell(fragments, new double[] {8, 8});
    assertEquals(1, merged.size());
    assertEquals(new Finding.Box(264, 683, 48, 17), merged.get(0).box());
    assertEquals(1.0, merged.get(0).score());
    assertEquals(new Finding.Point(272, 696), merged.get(0).peak());
  }

  @Test
  void lesionsMoreThanACellApartStayApartStrongestFirst() {
    List<Finding> two = List.of(finding(0.96, 100, 100, 40, 40), finding(0.99, 100, 150, 40, 40));
    List<Finding> out = FindingExtractor.mergeWithinCell(two, new double[] {8, 8});
    assertEquals(2, out.size());
    assertEquals(0.99, out.get(0).score());
    assertEquals(
        1, FindingExtractor.mergeWithinCell(two, new double[] {8, 10}).size(), "10 px apart");
  }
}
