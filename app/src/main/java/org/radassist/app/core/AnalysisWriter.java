package org.radassist.app.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.radassist.app.render.Colormap;
import org.radassist.app.render.FrameRenderer;
import org.radassist.app.render.HeatmapRenderer;
import org.radassist.app.render.OverlayComposer;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.analysis.LabelResult;
import org.radassist.inference.analysis.PngEncoder;
import org.radassist.inference.analysis.Prediction;
import org.radassist.inference.model.ModelPackage;

/**
 * Writes the {@code analyze --out DIR} files of DESIGN.md: per image {@code <sopInstanceUid>.json},
 * {@code .overlay.png} and {@code .heatmap-<label>.png}, and {@code summary.json}. Field names are
 * a contract other tools rely on: extend, never rename.
 */
public final class AnalysisWriter {
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final double EXPORT_OPACITY = 0.6;

  /**
   * Up to this many inputs the summary is rewritten after each (a millisecond or two against an
   * analysis of a tenth of a second or more); beyond, at most once a second.
   */
  private static final int REWRITE_EACH_UP_TO = 1000;

  private static final long CHECKPOINT_NANOS = 1_000_000_000L;

  private final Path outDir;
  private final OverlayComposer composer =
      new OverlayComposer(new HeatmapRenderer(Colormap.named("inferno"), 0.2), EXPORT_OPACITY);
  private final ArrayNode summary = JSON.createArrayNode();
  private long lastCheckpoint = System.nanoTime();

  public AnalysisWriter(Path outDir) {
    this.outDir = AppPaths.ensure(outDir);
  }

  /** Writes the files of one analysed image, lists it in the summary and returns its JSON. */
  public Path write(ImageAnalysis analysis) throws IOException {
    Path json = writeFiles(analysis);
    listed(analysis.image().path().toString(), json);
    return json;
  }

  /**
   * Writes the files of one analysed image and returns the path of its JSON, without listing it in
   * the summary; safe to call from several threads at once, so images of a batch are written while
   * others are analysed.
   */
  public Path writeFiles(ImageAnalysis analysis) throws IOException {
    DicomImage image = analysis.image();
    Prediction p = analysis.prediction();
    String uid = ModelPackage.fileSafe(image.sopInstanceUid());
    Path json = outDir.resolve(uid + ".json");
    JSON.writeValue(json.toFile(), toJson(analysis));
    FrameRenderer grey = FrameRenderer.of(image, analysis.frame());
    VoiLut window = grey.initialVoi();
    // ImageIO's PNG writer took most of the analyze time on 2k radiographs; PngEncoder deflates
    // in parallel bands at the fastest level.
    BufferedImage overlay = composer.compose(grey, window, p.heatmaps(), p.findings());
    int[] rgb = ((DataBufferInt) overlay.getRaster().getDataBuffer()).getData();
    Files.write(
        outDir.resolve(uid + ".overlay.png"),
        PngEncoder.rgb(overlay.getWidth(), overlay.getHeight(), rgb, false));
    for (Heatmap heatmap : p.heatmaps()) {
      Files.write(
          outDir.resolve(uid + ".heatmap-" + ModelPackage.fileSafe(heatmap.label()) + ".png"),
          heatmap.toPng());
    }
    return json;
  }

  /** Lists an analysed input in the summary with its result file. */
  public void listed(String file, Path json) {
    ObjectNode entry = summary.addObject();
    entry.put("file", file);
    entry.put("result", json.getFileName().toString());
  }

  /** Records an input that could not be analysed, with the specific reason. */
  public void failed(String file, String reason) {
    ObjectNode entry = summary.addObject();
    entry.put("file", file);
    entry.put("error", reason);
  }

  /**
   * Records an input that was deliberately not analysed (a second copy of an image, an object
   * without pixels), with the reason; unlike {@link #failed} nothing is wrong with it.
   */
  public void skipped(String file, String reason) {
    ObjectNode entry = summary.addObject();
    entry.put("file", file);
    entry.put("skipped", reason);
  }

  /**
   * Writes {@code summary.json} listing every input with its result file, its error or why it was
   * skipped, marked complete.
   */
  public Path finish() throws IOException {
    return writeSummary(true);
  }

  /**
   * Rewrites {@code summary.json} with the inputs listed so far, marked incomplete, so a batch that
   * is killed still says what it did: after every input up to {@value #REWRITE_EACH_UP_TO} of them,
   * then at most once a second, so a batch of many thousands does not spend its time rewriting.
   * Once a second throughout, a killed batch's summary lagged what it had printed and recorded by
   * up to 8 images.
   */
  public void checkpoint() throws IOException {
    long now = System.nanoTime();
    if (summary.size() <= REWRITE_EACH_UP_TO || now - lastCheckpoint >= CHECKPOINT_NANOS) {
      lastCheckpoint = now;
      writeSummary(false);
    }
  }

  private Path writeSummary(boolean complete) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("images", summary);
    long failed = 0;
    long skipped = 0;
    for (var entry : summary) {
      failed += entry.has("error") ? 1 : 0;
      skipped += entry.has("skipped") ? 1 : 0;
    }
    root.put("analysed", summary.size() - failed - skipped);
    root.put("failed", failed);
    root.put("skipped", skipped);
    root.put("complete", complete);
    Path file = outDir.resolve("summary.json");
    // Written beside and moved over, so a reader (or a kill) never meets half a file.
    Path partial = outDir.resolve("summary.json.partial");
    JSON.writeValue(partial.toFile(), root);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  static ObjectNode toJson(ImageAnalysis analysis) {
    DicomImage image = analysis.image();
    Prediction p = analysis.prediction();
    ObjectNode root = JSON.createObjectNode();
    root.put("file", image.path().toString());
    root.put("sopInstanceUid", image.sopInstanceUid());
    root.put("frame", analysis.frameIndex());
    // Extends the contract: how many frames the image has, so a reader of one result knows the
    // others were not analysed.
    root.put("frames", image.frameCount());
    root.put("rows", analysis.frame().rows());
    root.put("columns", analysis.frame().columns());
    ObjectNode model = root.putObject("model");
    model.put("id", p.model().id());
    model.put("version", p.model().version());
    model.put("sha256", p.model().sha256());
    model.put("selection", analysis.modelReason());
    root.put("device", p.device());
    ObjectNode timings = root.putObject("timingsMs");
    timings.put("decode", round(analysis.decodeMs()));
    timings.put("preprocess", round(p.timings().preprocessMs()));
    timings.put("inference", round(p.timings().inferenceMs()));
    timings.put("heatmap", round(p.timings().heatmapMs()));
    timings.put("total", round(analysis.totalMs()));
    ArrayNode labels = root.putArray("labels");
    for (LabelResult l : p.labels()) {
      ObjectNode label = labels.addObject();
      label.put("name", l.name());
      label.put("kind", l.kind().cardName());
      label.put("probability", l.probability());
      label.put("threshold", l.threshold());
      label.put("positive", l.positive());
    }
    ArrayNode findings = root.putArray("findings");
    for (Finding f : p.findings()) {
      ObjectNode finding = findings.addObject();
      finding.put("label", f.label());
      finding.put("kind", f.kind().cardName());
      finding.put("score", f.score());
      ObjectNode box = finding.putObject("box");
      box.put("x", f.box().x());
      box.put("y", f.box().y());
      box.put("width", f.box().width());
      box.put("height", f.box().height());
      ObjectNode peak = finding.putObject("peak");
      peak.put("x", f.peak().x());
      peak.put("y", f.peak().y());
    }
    return root;
  }

  private static double round(double ms) {
    return Math.round(ms * 100.0) / 100.0;
  }
}
