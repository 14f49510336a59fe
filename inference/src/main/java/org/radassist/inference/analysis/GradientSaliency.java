package org.radassist.inference.analysis;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.radassist.inference.model.ModelCard;
import org.radassist.inference.model.ModelPackage;
import org.radassist.inference.model.ModelPackageException;
import org.radassist.inference.model.OutputRef;
import org.radassist.inference.preprocess.PreprocessedImage;

/**
 * The gradient heatmap for TorchScript models that output only probabilities: SmoothGrad of input x
 * gradient. The gradient of each label's probability with respect to the input pixels is averaged
 * over a few copies of the input with Gaussian noise added (a single gradient is dominated by
 * pixel-level noise), multiplied by the pixel's departure from its channel's mean and kept where
 * positive (pixels whose departure raises the probability: brighter than the image where brightness
 * counts for the label, darker where darkness does, so a lucent fracture line shows as well as a
 * dense nodule; the input itself as the factor would hide evidence in pixels near 0, the dark ones
 * of a [0, 1] input; the gradient's magnitude followed the model's own CAM worse, see
 * LogitsHeatmapTest), summed over channels and over cells of {@link #CELL} tensor pixels, lightly
 * blurred, and scaled so its peak equals the label's probability.
 *
 * <p>It runs on a second copy of the network loaded with {@code trainParam=true}, so the inference
 * copy keeps running without autograd, and through {@code IValueUtils.forward(block, x, true)},
 * which enables gradients without switching the module to training mode (BatchNorm keeps its
 * running statistics; calling {@code block.forward(..., true)} would overwrite them). One batch
 * holds every noisy copy once per label; the loss is the sum of item {@code i}'s probability of its
 * own label, so one backward pass gives every label's gradient. A network that takes one image per
 * run gets one pass per copy instead.
 */
final class GradientSaliency implements AutoCloseable {
  static final int CELL = 8;
  private static final int SAMPLES = 6;
  private static final double NOISE = 0.1;

  private final Model model;
  private final OutputRef probabilities;
  private final ProbabilityOutput reader;
  private final int batchLimit;

  private GradientSaliency(
      Model model, OutputRef probabilities, ProbabilityOutput reader, int batchLimit) {
    this.model = model;
    this.probabilities = probabilities;
    this.reader = reader;
    this.batchLimit = batchLimit;
  }

  /** Opens the differentiable copy; {@code batchLimit} is how many images one run takes. */
  static GradientSaliency open(ModelPackage pkg, Device device, int batchLimit)
      throws ModelPackageException {
    Model model = Model.newInstance(pkg.card().id() + "-gradients", device, "PyTorch");
    try {
      model.load(pkg.weightsFile(), null, Map.of("trainParam", "true", "mapLocation", "true"));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelPackageException(
          "Model package " + pkg.source() + " cannot be differentiated: " + EngineFailure.reason(e),
          e);
    }
    GradientSaliency saliency =
        new GradientSaliency(
            model,
            pkg.card().outputs().probabilities(),
            new ProbabilityOutput(pkg.card()),
            batchLimit);
    // A forward that detaches its output (torch.no_grad, .detach(), a traced numpy step) loads
    // fine and only fails at the first backward: find that out now, not on the reader's image.
    ModelCard.Input in = pkg.card().input();
    try {
      saliency.gradients(
          new float[in.channels() * in.height() * in.width()],
          0,
          1,
          new Shape(1, in.channels(), in.height(), in.width()),
          pkg.card().labels().size());
    } catch (RuntimeException e) {
      model.close();
      throw new ModelPackageException(
          "Model package " + pkg.source() + " cannot be differentiated: " + EngineFailure.reason(e),
          e);
    }
    return saliency;
  }

  /** Grid height and width of the maps for an input of {@code size} tensor pixels. */
  static int grid(int size) {
    return Math.max(1, Math.round(size / (float) CELL));
  }

  /** Per label, a grid map scaled so its peak equals the label's probability. */
  float[][] cells(PreprocessedImage img, float[] probabilities) {
    int labels = probabilities.length;
    int c = img.channels();
    int w = img.width();
    int h = img.height();
    int plane = c * w * h;
    float[] x = img.tensor();
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double sigma = NOISE * Math.max(1e-6, max - min);
    int n = SAMPLES * labels;
    float[] data = new float[n * plane];
    // A fixed seed: the same image always gets the same map.
    Random rnd = new Random(plane);
    for (int s = 0; s < SAMPLES; s++) {
      for (int i = 0; i < plane; i++) {
        float noisy = (float) (x[i] + sigma * rnd.nextGaussian());
        for (int l = 0; l < labels; l++) {
          data[(s * labels + l) * plane + i] = noisy;
        }
      }
    }
    float[] grad = gradients(data, n, c, h, w, labels);
    float[] mean = channelMeans(x, c, w * h);
    int gh = grid(h);
    int gw = grid(w);
    float[][] maps = new float[labels][gh * gw];
    for (int item = 0; item < n; item++) {
      float[] map = maps[item % labels];
      int base = item * plane;
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          int row = Math.min(gh - 1, y * gh / h) * gw;
          int off = base + ch * w * h + y * w;
          for (int xx = 0; xx < w; xx++) {
            map[row + Math.min(gw - 1, xx * gw / w)] +=
                Math.max(0f, grad[off + xx] * (x[off - base + xx] - mean[ch]));
          }
        }
      }
    }
    for (int l = 0; l < labels; l++) {
      maps[l] = blur(maps[l], gh, gw);
      MapActivation.scaleToPeak(maps[l], probabilities[l]);
    }
    return maps;
  }

  private float[] gradients(float[] data, int n, int c, int h, int w, int labels) {
    int plane = c * h * w;
    float[] grad = new float[data.length];
    for (int first = 0; first < n; first += batchLimit) {
      int count = Math.min(batchLimit, n - first);
      float[] part = Arrays.copyOfRange(data, first * plane, (first + count) * plane);
      float[] g = gradients(part, first, count, new Shape(count, c, h, w), labels);
      System.arraycopy(g, 0, grad, first * plane, g.length);
    }
    return grad;
  }

  /**
   * Input gradients of items {@code first..first+n-1}, item {@code i} for label {@code i % labels}.
   */
  private float[] gradients(float[] data, int first, int n, Shape shape, int labels) {
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray input = manager.create(data, shape);
      input.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDList out = IValueUtils.forward((PtSymbolBlock) model.getBlock(), new NDList(input), true);
        NDArray p = reader.read(OutputTranslator.select(out, probabilities), n).orElseThrow();
        float[] pick = new float[n * labels];
        for (int item = 0; item < n; item++) {
          pick[item * labels + (first + item) % labels] = 1f;
        }
        NDArray own = p.mul(manager.create(pick, new Shape(n, labels))).sum();
        collector.backward(own);
      }
      return input.getGradient().toFloatArray();
    }
  }

  private static float[] channelMeans(float[] x, int channels, int plane) {
    float[] mean = new float[channels];
    for (int ch = 0; ch < channels; ch++) {
      double sum = 0;
      for (int i = ch * plane; i < (ch + 1) * plane; i++) {
        sum += x[i];
      }
      mean[ch] = (float) (sum / plane);
    }
    return mean;
  }

  /** A 3x3 binomial blur, edges clamped: the cell sums of one gradient are still speckled. */
  private static float[] blur(float[] m, int gh, int gw) {
    float[] out = new float[m.length];
    float[] k = {0.25f, 0.5f, 0.25f};
    for (int y = 0; y < gh; y++) {
      for (int x = 0; x < gw; x++) {
        float s = 0;
        for (int dy = -1; dy <= 1; dy++) {
          int yy = Math.max(0, Math.min(gh - 1, y + dy));
          for (int dx = -1; dx <= 1; dx++) {
            int xx = Math.max(0, Math.min(gw - 1, x + dx));
            s += k[dy + 1] * k[dx + 1] * m[yy * gw + xx];
          }
        }
        out[y * gw + x] = s;
      }
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
  }
}
