/**
 * Turning pixels and model output into display colours without JavaFX: a {@link
 * org.radassist.app.render.FrameRenderer} applies modality and VOI LUTs through one lookup table
 * per window so window/level drags stay fast, a {@link org.radassist.app.render.HeatmapRenderer}
 * maps a heatmap through a perceptual colormap whose low end is transparent, and {@link
 * org.radassist.app.render.OverlayComposer} draws image, heatmap and finding boxes into one PNG for
 * exports. The workstation and the CLI share these so the screen and the files agree.
 */
package org.radassist.app.render;
