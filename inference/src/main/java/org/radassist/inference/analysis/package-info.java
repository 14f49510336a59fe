/**
 * Running a model package on images: the {@link org.radassist.inference.analysis.Analyzer} opens a
 * package on the CPU or GPU, checks its outputs against the card with one warm-up run, keeps one
 * DJL predictor per worker thread, and turns the network's outputs into a {@link
 * org.radassist.inference.analysis.Prediction}: per-label probabilities, per-label {@link
 * org.radassist.inference.analysis.Heatmap}s at image size, and {@link
 * org.radassist.inference.analysis.Finding}s with boxes in image pixels. Nothing here downloads.
 *
 * <p>Which heatmap a model gets, per label, always on the probability scale of that label:
 *
 * <ul>
 *   <li>A model whose card names a map output gets CAM: its own class-activation maps through its
 *       own output activation. Exact and free (under 1 ms).
 *   <li>A model that outputs only probabilities gets occlusion sensitivity by default: 64 patches
 *       hidden in turn, the drop of each label's probability mapped. It works for any model, in any
 *       format, at the cost of 64 extra forward passes.
 *   <li>Grad-CAM is not offered. It needs the gradient at an intermediate feature map, and with DJL
 *       0.34 / libtorch 2.7.1 an arbitrary TorchScript module gives none: the gradient of a map the
 *       module returns as an output (a non-leaf tensor) comes back as zeros, {@code
 *       torch.jit.export}ed methods run with autograd off, and TorchScript has no hooks. It works
 *       only with a second, model-specific TorchScript head fed a copy of the map, which a card
 *       cannot describe for an arbitrary model.
 *   <li>What autograd does give for any TorchScript model is the gradient at the input. {@code
 *       AnalyzerOptions.withLogitsHeatmap(GRADIENT)} turns that into a map (SmoothGrad input x
 *       gradient, on a second copy of the network loaded for gradients, so inference never runs in
 *       training mode). It is not the default because it follows a model's own view less well: on
 *       five fractured radiographs, with the third-party classifier's own CAM as the reference,
 *       occlusion correlated 0.31 on average and the gradient map 0.25 (LogitsHeatmapTest).
 * </ul>
 *
 * <p>Heatmaps stay on the model's grid: findings are searched there and settled at image pixels
 * (FindingExtractor), and the image-sized map or its 8-bit PNG is made only when an output asks.
 */
package org.radassist.inference.analysis;
