/**
 * DICOM pixels to the model's input tensor as the model card prescribes: modality LUT, windowing,
 * MONOCHROME1 inversion, resize and normalisation. The geometry of the resize is kept as an {@link
 * org.radassist.inference.preprocess.ImageMapping} so that anything the model says about tensor
 * positions (maps, boxes) can be drawn back on exactly the image pixels it came from.
 */
package org.radassist.inference.preprocess;
