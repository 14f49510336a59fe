package org.radassist.inference.preprocess;

/**
 * The model input for one image: a {@code [channels, height, width]} float tensor in row-major
 * order and the mapping back to the image it came from.
 */
public record PreprocessedImage(
    float[] tensor, int channels, int width, int height, ImageMapping mapping) {}
