package org.radassist.inference.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code model-card.json} as DESIGN.md defines them. Numbers and flags are boxed so
 * that a missing field is seen as missing rather than silently read as zero or false; {@link
 * #missingFields()} lists them. {@code architecture} is only present for our own {@code djl}-format
 * models, whose weights hold parameters but not the network's shape. {@code bodyParts}, optional,
 * lists the DICOM Body Part Examined (0018,0015) defined terms the model is meant for, so a
 * built-in model can be chosen for an image automatically.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
    String id,
    String name,
    String version,
    String task,
    String format,
    Weights weights,
    List<Label> labels,
    Input input,
    Outputs outputs,
    String intendedUse,
    String trainingData,
    Map<String, Object> metrics,
    String licence,
    Architecture architecture,
    List<String> bodyParts) {

  public static final String FILE_NAME = "model-card.json";
  public static final String TASK_CLASSIFICATION_CAM = "classification-cam";
  public static final String FORMAT_TORCHSCRIPT = "torchscript";
  public static final String FORMAT_DJL = "djl";

  /** A card without {@code bodyParts}: a package that does not say which anatomy it is for. */
  public ModelCard(
      String id,
      String name,
      String version,
      String task,
      String format,
      Weights weights,
      List<Label> labels,
      Input input,
      Outputs outputs,
      String intendedUse,
      String trainingData,
      Map<String, Object> metrics,
      String licence,
      Architecture architecture) {
    this(
        id,
        name,
        version,
        task,
        format,
        weights,
        labels,
        input,
        outputs,
        intendedUse,
        trainingData,
        metrics,
        licence,
        architecture,
        null);
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** The weights file, relative to the package root, and its lowercase hex sha256. */
  public record Weights(String file, String sha256) {}

  /** One output label with the probability at or above which it is called positive. */
  public record Label(String name, LabelKind kind, Double threshold) {}

  /**
   * How pixels become the input tensor: {@code resize} is {@code stretch}, {@code letterbox} or
   * {@code shorter-side-center-crop}; {@code windowing} is {@code dicom-voi}, {@code percentile} or
   * {@code none}. The tensor value is {@code (display * 255 / scale - mean[c]) / std[c]} where
   * display is the windowed intensity in [0, 1], so {@code scale} 255 feeds [0, 1] and 1 feeds [0,
   * 255].
   */
  public record Input(
      Integer width,
      Integer height,
      Integer channels,
      String resize,
      String windowing,
      Boolean invertMonochrome1,
      Double scale,
      double[] mean,
      double[] std) {}

  /**
   * Which outputs hold what: an index into the model's output tuple, or the key of an entry when it
   * returns a dict (see {@link OutputRef}). {@code cams} may be absent for a model that gives only
   * probabilities. {@code pooling} ({@code mean}, the default, or {@code max}) says how the model
   * pools each map into the label's logit; {@code activation} ({@code sigmoid} or {@code softmax})
   * how logits become probabilities, and when absent it is found at load by comparing the pooled
   * maps with the probability output. Without {@code cams}, an {@code activation} says the {@code
   * probabilities} output holds logits, to which it is applied; with {@code cams}, it is applied to
   * that output when the output is the pooled maps themselves.
   */
  public record Outputs(
      OutputRef probabilities, OutputRef cams, String activation, String pooling) {
    public Outputs(Integer probabilities, Integer cams, String activation, String pooling) {
      this(
          OutputRef.at(probabilities),
          cams == null ? null : OutputRef.at(cams),
          activation,
          pooling);
    }

    public Outputs(Integer probabilities, Integer cams, String activation) {
      this(probabilities, cams, activation, null);
    }

    public boolean maxPooling() {
      return "max".equals(pooling);
    }
  }

  /**
   * The shape of one of our own networks, rebuilt by the loader before reading its parameters:
   * {@code name} {@code camnet} with one stage per entry of {@code stageFilters}; {@code
   * convsPerStage}, optional (one each when absent), says how many conv/BN/ReLU layers each stage
   * stacks; {@code dilationPerStage}, optional (1 each when absent), the dilation of each stage's
   * 3x3 convolutions; {@code members}, optional (1 when absent), how many networks of that shape,
   * trained from different seeds, run side by side with their maps averaged; {@code
   * mirrorAveraged}, optional (false when absent), whether each image's map of logits is averaged
   * with the map of its mirror image, turned back, before pooling (twice the inference time).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Architecture(
      String name,
      List<Integer> stageFilters,
      List<Integer> convsPerStage,
      List<Integer> dilationPerStage,
      Integer members,
      Boolean mirrorAveraged) {
    public Architecture(String name, List<Integer> stageFilters) {
      this(name, stageFilters, null, null, null, null);
    }

    public Architecture(String name, List<Integer> stageFilters, List<Integer> convsPerStage) {
      this(name, stageFilters, convsPerStage, null, null, null);
    }

    public Architecture(
        String name,
        List<Integer> stageFilters,
        List<Integer> convsPerStage,
        List<Integer> dilationPerStage) {
      this(name, stageFilters, convsPerStage, dilationPerStage, null, null);
    }

    public int memberCount() {
      return members == null ? 1 : members;
    }

    public boolean mirrored() {
      return Boolean.TRUE.equals(mirrorAveraged);
    }

    /** The same network shape with {@code count} members (a single network when 1). */
    public Architecture withMembers(int count) {
      return new Architecture(
          name,
          stageFilters,
          convsPerStage,
          dilationPerStage,
          count == 1 ? null : count,
          mirrorAveraged);
    }

    /** The same networks, analysing each image also mirrored when {@code mirror}. */
    public Architecture withMirror(boolean mirror) {
      return new Architecture(
          name, stageFilters, convsPerStage, dilationPerStage, members, mirror ? true : null);
    }
  }

  public static ModelCard read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), ModelCard.class);
  }

  public static ModelCard read(InputStream in) throws IOException {
    return MAPPER.readValue(in, ModelCard.class);
  }

  public void write(Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), this);
  }

  public ModelCard withWeights(Weights newWeights) {
    return new ModelCard(
        id,
        name,
        version,
        task,
        format,
        newWeights,
        labels,
        input,
        outputs,
        intendedUse,
        trainingData,
        metrics,
        licence,
        architecture,
        bodyParts);
  }

  public ModelCard withLabels(List<Label> newLabels) {
    return new ModelCard(
        id,
        name,
        version,
        task,
        format,
        weights,
        newLabels,
        input,
        outputs,
        intendedUse,
        trainingData,
        metrics,
        licence,
        architecture,
        bodyParts);
  }

  public ModelCard withMetrics(Map<String, Object> newMetrics) {
    return new ModelCard(
        id,
        name,
        version,
        task,
        format,
        weights,
        labels,
        input,
        outputs,
        intendedUse,
        trainingData,
        newMetrics,
        licence,
        architecture,
        bodyParts);
  }

  /** The same card asking for a {@code width x height} input, prepared the same way. */
  public ModelCard withInputSize(int width, int height) {
    return new ModelCard(
        id,
        name,
        version,
        task,
        format,
        weights,
        labels,
        new Input(
            width,
            height,
            input.channels(),
            input.resize(),
            input.windowing(),
            input.invertMonochrome1(),
            input.scale(),
            input.mean(),
            input.std()),
        outputs,
        intendedUse,
        trainingData,
        metrics,
        licence,
        architecture,
        bodyParts);
  }

  public ModelCard withArchitecture(Architecture newArchitecture) {
    return new ModelCard(
        id,
        name,
        version,
        task,
        format,
        weights,
        labels,
        input,
        outputs,
        intendedUse,
        trainingData,
        metrics,
        licence,
        newArchitecture,
        bodyParts);
  }

  /** Whether the card names {@code bodyPart} (a DICOM defined term, any case) among its own. */
  public boolean coversBodyPart(String bodyPart) {
    return bodyParts != null
        && bodyPart != null
        && bodyParts.stream().anyMatch(b -> b.equalsIgnoreCase(bodyPart.trim()));
  }

  /** Every required field that is absent or empty, as a JSON-path-like name; empty when valid. */
  public List<String> missingFields() {
    List<String> missing = new ArrayList<>();
    text(missing, "id", id);
    text(missing, "name", name);
    text(missing, "version", version);
    text(missing, "task", task);
    text(missing, "format", format);
    text(missing, "intendedUse", intendedUse);
    text(missing, "trainingData", trainingData);
    text(missing, "licence", licence);
    if (metrics == null) {
      missing.add("metrics");
    }
    if (weights == null) {
      missing.add("weights");
    } else {
      text(missing, "weights.file", weights.file());
      text(missing, "weights.sha256", weights.sha256());
    }
    if (labels == null || labels.isEmpty()) {
      missing.add("labels");
    } else {
      for (int i = 0; i < labels.size(); i++) {
        Label l = labels.get(i);
        String at = "labels[" + i + "].";
        if (l == null) {
          missing.add("labels[" + i + "]");
          continue;
        }
        text(missing, at + "name", l.name());
        present(missing, at + "kind", l.kind());
        present(missing, at + "threshold", l.threshold());
      }
    }
    if (input == null) {
      missing.add("input");
    } else {
      present(missing, "input.width", input.width());
      present(missing, "input.height", input.height());
      present(missing, "input.channels", input.channels());
      text(missing, "input.resize", input.resize());
      text(missing, "input.windowing", input.windowing());
      present(missing, "input.invertMonochrome1", input.invertMonochrome1());
      present(missing, "input.scale", input.scale());
      present(missing, "input.mean", input.mean());
      present(missing, "input.std", input.std());
    }
    if (outputs == null) {
      missing.add("outputs");
    } else {
      present(missing, "outputs.probabilities", outputs.probabilities());
    }
    if (FORMAT_DJL.equals(format)) {
      if (architecture == null) {
        missing.add("architecture");
      } else {
        text(missing, "architecture.name", architecture.name());
        present(missing, "architecture.stageFilters", architecture.stageFilters());
      }
    }
    return missing;
  }

  private static void text(List<String> missing, String field, String value) {
    if (value == null || value.isBlank()) {
      missing.add(field);
    }
  }

  private static void present(List<String> missing, String field, Object value) {
    if (value == null) {
      missing.add(field);
    }
  }
}
