package org.radassist.inference.analysis;

/** {@code n} input tensors of shape {@code [channels, height, width]}, concatenated. */
record TensorBatch(float[] data, int n, int channels, int height, int width) {}
