package org.radassist.inference.analysis;

/** Wall-clock milliseconds of the stages of one analysis. */
public record Timings(double preprocessMs, double inferenceMs, double heatmapMs, double totalMs) {}
