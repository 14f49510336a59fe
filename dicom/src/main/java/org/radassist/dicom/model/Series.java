package org.radassist.dicom.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;

/**
 * A series: its instances in viewing order, which is position along the slice normal when every
 * instance has Image Position and the same Image Orientation (PS3.3 C.7.6.2), else Instance Number,
 * else the order the files were found in.
 */
public final class Series {
  private final String seriesInstanceUid;
  private final Attributes first;
  private final List<Instance> instances = new ArrayList<>();

  Series(String seriesInstanceUid, Attributes first) {
    this.seriesInstanceUid = seriesInstanceUid;
    this.first = first;
  }

  void add(Instance i) {
    instances.add(i);
  }

  void sort() {
    double[] normal = normal();
    boolean byPosition = normal != null;
    if (byPosition) {
      double[] o0 = first.doubles(Tag.IMAGE_ORIENTATION_PATIENT);
      for (Instance i : instances) {
        if (i.metadata().doubles(Tag.IMAGE_POSITION_PATIENT).length != 3
            || !parallel(o0, i.metadata().doubles(Tag.IMAGE_ORIENTATION_PATIENT))) {
          // Localisers and radial stacks have no single normal: fall back to Instance Number.
          byPosition = false;
        }
      }
    }
    if (byPosition) {
      instances.sort(
          Comparator.comparingDouble(
              i -> dot(normal, i.metadata().doubles(Tag.IMAGE_POSITION_PATIENT))));
    } else {
      instances.sort(
          Comparator.comparing((Instance i) -> i.instanceNumber().orElse(Integer.MAX_VALUE)));
    }
  }

  private double[] normal() {
    double[] o = first.doubles(Tag.IMAGE_ORIENTATION_PATIENT);
    if (o.length != 6) {
      return null;
    }
    return new double[] {
      o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]
    };
  }

  private static boolean parallel(double[] a, double[] b) {
    if (b.length != 6) {
      return false;
    }
    for (int k = 0; k < 6; k++) {
      if (Math.abs(a[k] - b[k]) > 1e-4) {
        return false;
      }
    }
    return true;
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  public String seriesInstanceUid() {
    return seriesInstanceUid;
  }

  public String modality() {
    return first.string(Tag.MODALITY);
  }

  public int seriesNumber() {
    return first.intValue(Tag.SERIES_NUMBER, Integer.MAX_VALUE);
  }

  public String description() {
    return first.string(Tag.SERIES_DESCRIPTION, "");
  }

  public String bodyPartExamined() {
    return first.string(Tag.BODY_PART_EXAMINED);
  }

  public List<Instance> instances() {
    return List.copyOf(instances);
  }

  /** Frames over all instances, in viewing order. */
  public int frameCount() {
    int n = 0;
    for (Instance i : instances) {
      n += i.frameCount();
    }
    return n;
  }
}
