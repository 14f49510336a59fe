package org.radassist.app.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.radassist.app.i18n.Messages;
import org.radassist.dicom.pixel.VoiLut;

/**
 * The window/level presets offered for an image: the file's own windows and VOI LUT tables first
 * (with their explanations, as the modality meant them), then the usual ones for the modality, then
 * the full range of the pixel data. The names of the built-in ones are in the reader's language; a
 * file's own explanations are shown as the file gives them.
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
      String name =
          w.explanation().isBlank()
              ? Messages.format(w.isTable() ? "preset.fileTable" : "preset.fileWindow", i + 1)
              : w.explanation();
      presets.add(new Preset(name, w));
    }
    String m = modality == null ? "" : modality.toUpperCase(Locale.ROOT);
    if (m.equals("CT")) {
      presets.add(new Preset(Messages.text("preset.softTissue"), VoiLut.linear(40, 400)));
      presets.add(new Preset(Messages.text("preset.lung"), VoiLut.linear(-600, 1500)));
      presets.add(new Preset(Messages.text("preset.bone"), VoiLut.linear(400, 1800)));
      presets.add(new Preset(Messages.text("preset.brain"), VoiLut.linear(40, 80)));
    } else if (PROJECTION.contains(m)) {
      // Projection radiographs have no calibrated units: the tissue presets are parts of the
      // pixel range where, with brighter = denser, lung, soft tissue and bone usually lie.
      presets.add(new Preset(Messages.text("preset.lungRelative"), relative(fullRange, 0.35, 0.5)));
      presets.add(
          new Preset(Messages.text("preset.softTissueRelative"), relative(fullRange, 0.55, 0.4)));
      presets.add(new Preset(Messages.text("preset.boneRelative"), relative(fullRange, 0.75, 0.5)));
    }
    presets.add(new Preset(Messages.text("preset.fullRange"), fullRange));
    return List.copyOf(presets);
  }
}
