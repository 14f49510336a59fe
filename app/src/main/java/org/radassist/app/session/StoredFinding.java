package org.radassist.app.session;

/** An AI finding as the record keeps it; {@code index} is its place in the analysis' list. */
public record StoredFinding(
    long id,
    int index,
    String label,
    String kind,
    double score,
    Region box,
    int peakX,
    int peakY) {}
