package org.radassist.inference.analysis;

/**
 * An image of a batch, loaded only when a worker reaches it so a batch of thousands of files does
 * not hold them all in memory. {@code name} identifies it in progress reports and errors (a file
 * name or UID, never patient data).
 */
public interface ImageSource {
  String name();

  AnalysisInput load() throws Exception;
}
