package org.radassist.inference.analysis;

/** Which model produced a result: what the reading record stores next to every decision. */
public record ModelInfo(String id, String version, String sha256) {}
