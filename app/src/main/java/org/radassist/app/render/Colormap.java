package org.radassist.app.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** A 256-entry RGB colormap from the ui-assets module. */
public final class Colormap {
  /** The colormaps shipped in ui-assets, in the order the workstation offers them. */
  public static final List<String> NAMES = List.of("inferno", "turbo", "viridis", "magma");

  private final String name;
  private final int[] rgb;

  private Colormap(String name, int[] rgb) {
    this.name = name;
    this.rgb = rgb;
  }

  public static Colormap named(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (!NAMES.contains(key)) {
      throw new IllegalArgumentException("Unknown colormap '" + name + "', choose one of " + NAMES);
    }
    String resource = "/org/radassist/ui/colormaps/" + key + ".csv";
    try (InputStream in = Colormap.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Colormap resource missing: " + resource);
      }
      return new Colormap(key, parse(in));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read colormap " + resource, e);
    }
  }

  private static int[] parse(InputStream in) throws IOException {
    int[] table = new int[256];
    int n = 0;
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(",");
      table[n++] =
          (Integer.parseInt(parts[0].trim()) << 16)
              | (Integer.parseInt(parts[1].trim()) << 8)
              | Integer.parseInt(parts[2].trim());
    }
    if (n != 256) {
      throw new IllegalStateException("Colormap must have 256 entries, has " + n);
    }
    return table;
  }

  public String name() {
    return name;
  }

  /** RGB (0xRRGGBB) for a value in [0, 1]; values outside are clamped. */
  public int rgb(double value) {
    int i = (int) Math.round(Math.max(0.0, Math.min(1.0, value)) * 255.0);
    return rgb[i];
  }
}
