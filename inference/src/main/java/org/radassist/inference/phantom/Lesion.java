package org.radassist.inference.phantom;

/**
 * A planted round lesion in image pixels (x = column, y = row, origin top-left); {@code contrast}
 * is its peak added attenuation in stored-value units.
 */
public record Lesion(double centerX, double centerY, double radius, double contrast) {}
