/**
 * Running a model package on images: the {@link org.radassist.inference.analysis.Analyzer} opens a
 * package on the CPU or GPU, checks its outputs against the card with one warm-up run, keeps one
 * DJL predictor per worker thread, and turns the network's outputs into a {@link
 * org.radassist.inference.analysis.Prediction}: per-label probabilities, per-label {@link
 * org.radassist.inference.analysis.Heatmap}s at image size, and {@link
 * org.radassist.inference.analysis.Finding}s with boxes in image pixels. Nothing here downloads.
 */
package org.radassist.inference.analysis;
