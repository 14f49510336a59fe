package org.radassist.inference.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.radassist.inference.model.ModelCard;

/**
 * A trained CamNet rewritten for analysis, with the same outputs up to float rounding and fewer
 * passes over its largest maps. Each convolution takes in the BatchNorm after it: {@code gamma
 * (conv(x) - mean) / sqrt(var + eps) + beta} is one convolution with its weights scaled by {@code s
 * = gamma / sqrt(var + eps)} and the bias {@code beta - mean s}. A stage's last ReLU runs after the
 * next stage's max pooling instead, on a quarter of the cells: the larger of two values after a
 * ReLU is the ReLU of the larger. On the fracture model's first 16 maps of 1024 x 1024, the two
 * passes saved cost about 25 and 22 ms a network on one thread. Each network of this form then runs
 * as one TorchScript module ({@link MemberScript}). Training, and the figures on a model's card,
 * use the network as trained; this form has no parameters of its own and is never saved.
 */
final class AnalysisForm {
  private AnalysisForm() {}

  /** The analysis form of {@code trained}, a block {@link CamNet#build} made for this card. */
  static Block of(Block trained, ModelCard.Architecture architecture, boolean maxPooling) {
    if (trained instanceof MirrorMean mirror) {
      return new MirrorMean(of(mirror.inner(), architecture, maxPooling), maxPooling);
    }
    if (trained instanceof MemberMean ensemble) {
      List<Block> members = new ArrayList<>();
      for (Block member : ensemble.getChildren().values()) {
        members.add(member(member, architecture, maxPooling));
      }
      return new MemberMean(members, maxPooling);
    }
    return member(trained, architecture, maxPooling);
  }

  /**
   * The TorchScript archive of each network of {@code trained} in its analysis form, in member
   * order: the very programs {@link #of} runs, for another runtime to run.
   */
  static List<byte[]> archives(
      Block trained, ModelCard.Architecture architecture, boolean maxPooling) throws IOException {
    Block looks = trained instanceof MirrorMean mirror ? mirror.inner() : trained;
    List<Block> members =
        looks instanceof MemberMean ensemble ? ensemble.getChildren().values() : List.of(looks);
    List<byte[]> archives = new ArrayList<>();
    for (Block member : members) {
      archives.add(MemberScript.archive(layers(member, architecture), maxPooling));
    }
    return archives;
  }

  /** One network run as one TorchScript module ({@link MemberScript}). */
  private static Block member(
      Block trained, ModelCard.Architecture architecture, boolean maxPooling) {
    List<MemberScript.Layer> steps = layers(trained, architecture);
    NDManager manager = trained.getParameters().get(0).getValue().getArray().getManager();
    return MemberScript.load(steps, maxPooling, manager);
  }

  /** Walks the layers in the order {@link CamNet} stacks them: see its member method. */
  private static List<MemberScript.Layer> layers(
      Block trained, ModelCard.Architecture architecture) {
    List<Block> layers = trained.getChildren().values();
    List<MemberScript.Layer> steps = new ArrayList<>();
    int next = 0;
    int stages = architecture.stageFilters().size();
    for (int i = 0; i < stages; i++) {
      if (i > 0) {
        next++;
        steps.add(new MemberScript.Pooling());
        steps.add(new MemberScript.Relu());
      }
      int convs = CamNet.perStage(architecture.convsPerStage(), i);
      for (int c = 0; c < convs; c++) {
        steps.add(folded((Conv2d) layers.get(next), (BatchNorm) layers.get(next + 1)));
        next += 3;
        if (c < convs - 1 || i == stages - 1) {
          steps.add(new MemberScript.Relu());
        }
      }
    }
    Conv2d labels = (Conv2d) layers.get(next);
    steps.add(convolution(labels, parameter(labels, "weight"), parameter(labels, "bias")));
    return steps;
  }

  private static MemberScript.Layer folded(Conv2d conv, BatchNorm norm) {
    NDArray scale =
        parameter(norm, "gamma")
            .div(parameter(norm, "runningVar").add(CamNet.BATCH_NORM_EPSILON).sqrt());
    NDArray weight = parameter(conv, "weight").mul(scale.reshape(-1, 1, 1, 1));
    NDArray bias = parameter(norm, "beta").sub(parameter(norm, "runningMean").mul(scale));
    return convolution(conv, weight, bias);
  }

  private static MemberScript.Layer convolution(Conv2d conv, NDArray weight, NDArray bias) {
    return new MemberScript.Convolution(
        weight, bias, conv.getPadding().getShape(), conv.getDilation().getShape());
  }

  private static NDArray parameter(Block block, String name) {
    return block.getParameters().get(name).getArray();
  }
}
