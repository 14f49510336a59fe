/**
 * The JavaFX reading workstation: a viewport that gives the image most of the screen with window/
 * level, zoom and pan, the AI overlay (heatmap with opacity and colormap, finding boxes) drawn in
 * image coordinates over it, the findings panel, and a status bar with background-task progress.
 * Decoding and inference run in background tasks; only their results touch the scene graph.
 */
package org.radassist.app.workstation;
