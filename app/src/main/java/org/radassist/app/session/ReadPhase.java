package org.radassist.app.session;

/** Where one study's read stands: blinded (AI hidden), AI revealed, or finished. */
public enum ReadPhase {
  BLINDED,
  REVEALED,
  DONE
}
