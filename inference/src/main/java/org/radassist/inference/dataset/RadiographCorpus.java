package org.radassist.inference.dataset;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.Photometric;

/**
 * The shared radiograph corpus ({@code data/radiographs}): its {@code MANIFEST.csv} parsed, and its
 * 8-bit PNGs read as MONOCHROME2 frames, the form a decoded CR/DX frame takes.
 */
public final class RadiographCorpus {
  private final Path root;
  private final List<CorpusImage> images;

  private RadiographCorpus(Path root, List<CorpusImage> images) {
    this.root = root;
    this.images = images;
  }

  public static RadiographCorpus open(Path root) throws IOException {
    List<String> lines = Files.readAllLines(root.resolve("MANIFEST.csv"), StandardCharsets.UTF_8);
    List<String> header = csv(lines.get(0));
    int file = header.indexOf("file");
    int label = header.indexOf("label");
    int sha = header.indexOf("sha256");
    if (file < 0 || label < 0 || sha < 0) {
      throw new IOException(root + "/MANIFEST.csv lacks file, label or sha256 columns");
    }
    List<CorpusImage> images = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = csv(line);
      String name = f.get(file);
      String category = name.contains("/") ? name.substring(0, name.indexOf('/')) : "";
      images.add(new CorpusImage(root.resolve(name), category, f.get(label), f.get(sha)));
    }
    return new RadiographCorpus(root, List.copyOf(images));
  }

  /** RFC 4180 fields: commas inside double quotes, doubled quotes as a literal quote. */
  static List<String> csv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  public Path root() {
    return root;
  }

  public List<CorpusImage> images() {
    return images;
  }

  /** The images of one category in one split, in manifest order. */
  public List<CorpusImage> select(String category, Split split) {
    return images.stream()
        .filter(i -> i.category().equals(category) && Split.of(i.sha256()) == split)
        .toList();
  }

  /** Reads an 8-bit grey PNG of the corpus as a MONOCHROME2 frame. */
  public static Frame read(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    if (img == null) {
      throw new IOException(png + " is not a readable image");
    }
    Raster r = img.getRaster();
    int w = img.getWidth();
    int h = img.getHeight();
    int[] px = new int[w * h];
    r.getSamples(0, 0, w, h, 0, px);
    return new Frame(h, w, 1, Photometric.MONOCHROME2, 8, false, px);
  }
}
