package org.radassist.inference.dataset;

import java.nio.file.Path;

/**
 * One radiograph of the shared corpus: its file, category ({@code chest} or {@code bone}), the
 * image-level label its source gives (may be empty) and the sha256 of the file.
 */
public record CorpusImage(Path file, String category, String label, String sha256) {}
