package org.radassist.inference.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.radassist.inference.model.LabelKind;

/**
 * Connected regions (8-neighbourhood) of a heatmap at or above a threshold. A label that is
 * positive at image level but whose evidence is spread so thin that no pixel reaches the threshold
 * still gets one finding, the region around the peak at half the peak value, so a positive label is
 * always localised.
 */
final class FindingExtractor {
  private FindingExtractor() {}

  static List<Finding> extract(Heatmap map, LabelKind kind, double threshold) {
    List<Finding> found = regions(map, kind, threshold);
    if (found.isEmpty()) {
      float peak = map.max();
      if (peak > 0) {
        found = regions(map, kind, peak / 2.0);
        found = found.isEmpty() ? found : List.of(found.get(0));
      }
    }
    return found;
  }

  private static List<Finding> regions(Heatmap map, LabelKind kind, double threshold) {
    int w = map.width();
    int h = map.height();
    float[] v = map.values();
    int[] label = new int[w * h];
    int[] stack = new int[w * h];
    List<Finding> out = new ArrayList<>();
    int next = 0;
    for (int start = 0; start < v.length; start++) {
      if (label[start] != 0 || v[start] < threshold) {
        continue;
      }
      next++;
      int top = 0;
      stack[top++] = start;
      label[start] = next;
      int minX = w;
      int minY = h;
      int maxX = -1;
      int maxY = -1;
      int peak = start;
      while (top > 0) {
        int p = stack[--top];
        int px = p % w;
        int py = p / w;
        minX = Math.min(minX, px);
        maxX = Math.max(maxX, px);
        minY = Math.min(minY, py);
        maxY = Math.max(maxY, py);
        if (v[p] > v[peak]) {
          peak = p;
        }
        for (int dy = -1; dy <= 1; dy++) {
          int ny = py + dy;
          if (ny < 0 || ny >= h) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int nx = px + dx;
            if (nx < 0 || nx >= w) {
              continue;
            }
            int q = ny * w + nx;
            if (label[q] == 0 && v[q] >= threshold) {
              label[q] = next;
              stack[top++] = q;
            }
          }
        }
      }
      out.add(
          new Finding(
              map.label(),
              kind,
              v[peak],
              new Finding.Box(minX, minY, maxX - minX + 1, maxY - minY + 1),
              new Finding.Point(peak % w, peak / w)));
    }
    out.sort(Comparator.comparingDouble(Finding::score).reversed());
    return out;
  }
}
