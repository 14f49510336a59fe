package org.radassist.inference.network;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.radassist.inference.model.ModelCard;

/**
 * A compact class-activation-map network: stages of conv/BN/ReLU layers with 2x2 max pooling
 * between them, then a 1x1 convolution giving one map of logits per label, then global pooling of
 * each map (mean or max) and a sigmoid. Because the label's logit is exactly the pooled map, the
 * map says where the evidence is without any post-hoc explanation method; with max pooling the
 * image probability is the sigmoid of the strongest cell, so a small nodule is not averaged away by
 * the rest of the chest. Outputs: {@code (probabilities [N, L], cams [N, L, H / 2^(stages-1), W /
 * 2^(stages-1)])}.
 */
public final class CamNet {
  public static final String NAME = "camnet";
  public static final int PROBABILITIES_OUTPUT = 0;
  public static final int CAMS_OUTPUT = 1;
  static final float BATCH_NORM_EPSILON = 1e-5f;

  private CamNet() {}

  public static Block build(List<Integer> stageFilters, int labels, boolean maxPooling) {
    return build(new ModelCard.Architecture(NAME, stageFilters), labels, maxPooling);
  }

  /**
   * A network whose stage {@code i} stacks {@code convsPerStage[i]} conv/BN/ReLU layers (one each
   * when absent): depth widens the receptive field and lets a stage tell a round opacity or a
   * cortical break from the rib and vessel edges around it. A stage's {@code dilationPerStage[i]}
   * spreads its 3x3 kernels over that many cells: the receptive field grows at the same cost and
   * the map keeps its resolution, so the network sees a whole bone end around a lucent line. With
   * {@code members} above one, that many such networks run side by side and their maps of logits
   * are averaged before pooling: networks trained from other seeds err on different films, and the
   * average keeps what they agree on, while the outputs keep the shape of a single network. With
   * {@code mirrorAveraged}, each image's map is also averaged with its mirror image's (see {@link
   * MirrorMean}), with the same parameters.
   */
  public static Block build(ModelCard.Architecture architecture, int labels, boolean maxPooling) {
    Block looks;
    if (architecture.memberCount() == 1) {
      looks = member(architecture, labels, maxPooling);
    } else {
      List<Block> members = new ArrayList<>();
      for (int k = 0; k < architecture.memberCount(); k++) {
        members.add(member(architecture, labels, maxPooling));
      }
      looks = new MemberMean(members, maxPooling);
    }
    return architecture.mirrored() ? new MirrorMean(looks, maxPooling) : looks;
  }

  /**
   * The network to analyse with, once {@code trained} (built here for {@code architecture}) has its
   * parameters: see {@link AnalysisForm}.
   */
  public static Block forAnalysis(
      Block trained, ModelCard.Architecture architecture, boolean maxPooling) {
    return AnalysisForm.of(trained, architecture, maxPooling);
  }

  /**
   * The programs {@link #forAnalysis} runs, one TorchScript archive per network in member order,
   * each returning {@code (probabilities, maps)} for its network alone: what python3-torch runs
   * beside DJL in {@code bench inference}.
   */
  public static List<byte[]> analysisArchives(
      Block trained, ModelCard.Architecture architecture, boolean maxPooling) throws IOException {
    return AnalysisForm.archives(trained, architecture, maxPooling);
  }

  /**
   * Lets an ensemble built here run up to {@code lanes} of its networks at once when analysing,
   * each on a thread of its own (a single network is left as it is). For a machine whose analysis
   * gets one PyTorch thread per image, where the networks would otherwise run one after another on
   * one core while the others wait; the maps are still averaged in member order, so the result does
   * not depend on the number of lanes.
   */
  public static void runMembersSideBySide(Block block, int lanes) {
    if (block instanceof MirrorMean mirror) {
      runMembersSideBySide(mirror.inner(), lanes);
    } else if (block instanceof MemberMean ensemble) {
      ensemble.lanes(lanes);
    }
  }

  /**
   * Writes the parameters of an ensemble of {@code architecture.members} networks, each read from
   * the parameter file of a single network of the same shape, in member order.
   */
  public static void assemble(
      ModelCard.Architecture architecture,
      int labels,
      boolean maxPooling,
      List<Path> memberFiles,
      Path out)
      throws IOException, MalformedModelException {
    if (memberFiles.size() != architecture.memberCount() || memberFiles.size() < 2) {
      throw new IllegalArgumentException(
          architecture.memberCount() + " members, " + memberFiles.size() + " parameter files");
    }
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      // The mirror adds no parameters of its own, so the file is the bare ensemble's.
      Block ensemble = build(architecture.withMirror(false), labels, maxPooling);
      ensemble.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 64, 64));
      List<Block> members = ensemble.getChildren().values();
      for (int k = 0; k < members.size(); k++) {
        loadParameters(members.get(k), manager, memberFiles.get(k));
      }
      saveParameters(ensemble, out);
    }
  }

  private static Block member(ModelCard.Architecture architecture, int labels, boolean maxPooling) {
    List<Integer> stageFilters = architecture.stageFilters();
    SequentialBlock net = new SequentialBlock();
    for (int i = 0; i < stageFilters.size(); i++) {
      if (i > 0) {
        net.add(new PairwiseMaxPool());
      }
      int convs = perStage(architecture.convsPerStage(), i);
      int dilation = perStage(architecture.dilationPerStage(), i);
      for (int c = 0; c < convs; c++) {
        net.add(
            Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(dilation, dilation))
                .optDilation(new Shape(dilation, dilation))
                .setFilters(stageFilters.get(i))
                .optBias(false)
                .build());
        net.add(BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build());
        net.add(Activation.reluBlock());
      }
    }
    net.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(labels).build());
    net.add(new LambdaBlock(in -> heads(in.singletonOrThrow(), maxPooling), "cam-heads"));
    return net;
  }

  static NDList heads(NDArray cams, boolean maxPooling) {
    return new NDList(Activation.sigmoid(pool(cams, maxPooling)), cams);
  }

  static int perStage(List<Integer> values, int stage) {
    return values == null ? 1 : values.get(stage);
  }

  /** The pooled map of each label, {@code [N, L]}: what the sigmoid turns into the probability. */
  public static NDArray logits(NDList outputs, boolean maxPooling) {
    return pool(outputs.get(CAMS_OUTPUT), maxPooling);
  }

  // DJL's PyTorch binding reduces one axis at a time, so flatten each map first.
  private static NDArray pool(NDArray cams, boolean maxPooling) {
    Shape s = cams.getShape();
    NDArray flat = cams.reshape(s.get(0), s.get(1), -1);
    return maxPooling ? flat.max(new int[] {2}) : flat.mean(new int[] {2});
  }

  public static void saveParameters(Block block, Path file) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      block.saveParameters(out);
    }
  }

  public static void loadParameters(Block block, NDManager manager, Path file)
      throws IOException, MalformedModelException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      block.loadParameters(manager, in);
    }
  }
}
