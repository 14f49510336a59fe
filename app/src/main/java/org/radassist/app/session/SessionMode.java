package org.radassist.app.session;

/**
 * How a session reads. {@link #SECOND_READER}: each study starts blinded (AI hidden) and the reader
 * records an own read before revealing the AI; {@link #CONCURRENT}: AI is shown from the start.
 */
public enum SessionMode {
  CONCURRENT,
  SECOND_READER
}
