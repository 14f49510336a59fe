package org.radassist.inference.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * 2x2 max pooling with stride 2 that, when analysing, takes the larger of each pair of rows and
 * then of each pair of columns, over strided views of the map: the same maxima to the bit, but
 * PyTorch's CPU max_pool2d kernel took 4 to 15 times as long on one thread (1.7 against 0.4 ms on 8
 * maps of 224 x 224, 83 against 23 ms on 16 maps of 1024 x 1024), longer than the convolution
 * before it. Training keeps PyTorch's kernel, so a retrain's gradients, which that kernel routes to
 * one cell of a tie, stay as they were. A LambdaBlock underneath, so parameter files are those of
 * the pooling block it replaced.
 */
final class PairwiseMaxPool extends LambdaBlock {
  private static final Shape WINDOW = new Shape(2, 2);
  private static final Shape NO_PADDING = new Shape(0, 0);

  PairwiseMaxPool() {
    super(
        in -> new NDList(Pool.maxPool2d(in.singletonOrThrow(), WINDOW, WINDOW, NO_PADDING, false)));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    if (training) {
      return super.forwardInternal(parameterStore, inputs, true, params);
    }
    return new NDList(pool(inputs.singletonOrThrow()));
  }

  /** The 2x2 maxima of {@code x}, {@code [N, C, H, W]}. */
  static NDArray pool(NDArray x) {
    // An odd last row or column has no partner and is dropped, as max_pool2d drops it.
    long h = x.getShape().get(2) / 2 * 2;
    long w = x.getShape().get(3) / 2 * 2;
    NDArray rows = x.get(every(2, 0, h)).maximum(x.get(every(2, 1, h)));
    return rows.get(every(3, 0, w)).maximum(rows.get(every(3, 1, w)));
  }

  // Built, not parsed from text: DJL parses an index string with regular expressions each time.
  private static NDIndex every(int axis, long first, long end) {
    return new NDIndex().addAllDim(axis).addSliceDim(first, end, 2);
  }
}
