package org.radassist.app.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.radassist.dicom.pixel.VoiLut;

/**
 * The window/level presets offered for an image: the file's own windows first (with their
 * explanations, as the modality meant them), then the usual ones for the modality, then the full
 * range of the pixel data.
 */
public final class WindowPresets {
  private static final List<String> PROJECTION = List.of("DX", "CR", "DR", "RG", "MG", "RF", "XA");

  private WindowPresets() {}

  private static VoiLut relative(VoiLut full, double centre, double width) {
    double lo = full.center() - full.width() / 2;
    return VoiLut.linear(lo + full.width() * centre, Math.max(1, full.width() * width));
  }

  /** A named window. */
  public record Preset(String name, VoiLut window) {}

  public static List<Preset> forImage(String modality, List<VoiLut> fileWindows, VoiLut fullRange) {
    List<Preset> presets = new ArrayList<>();
    for (int i = 0; i < fileWindows.size(); i++) {
      VoiLut w = fileWindows.get(i);
      String name = w.explanation().isBlank() ? "File window " + (i + 1) : w.explanation();
      presets.add(new Preset(name, w));
    }
    String m = modality == null ? "" : modality.toUpperCase(Locale.ROOT);
    if (m.equals("CT")) {
      presets.add(new Preset("Soft tissue", VoiLut.linear(40, 400)));
      presets.add(new Preset("Lung", VoiLut.linear(-600, 1500)));
      presets.add(new Preset("Bone", VoiLut.linear(400, 1800)));
      presets.add(new Preset("Brain", VoiLut.linear(40, 80)));
    } else if (PROJECTION.contains(m)) {
      // Projection radiographs have no calibrated units: the tissue presets are parts of the
      // pixel range where, with brighter = denser, lung, soft tissue and bone usually lie.
      presets.add(new Preset("Lung (relative)", relative(fullRange, 0.35, 0.5)));
      presets.add(new Preset("Soft tissue (relative)", relative(fullRange, 0.55, 0.4)));
      presets.add(new Preset("Bone (relative)", relative(fullRange, 0.75, 0.5)));
    }
    presets.add(new Preset("Full range", fullRange));
    return List.copyOf(presets);
  }
}
