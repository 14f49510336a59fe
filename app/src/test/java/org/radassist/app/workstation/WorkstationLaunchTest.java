package org.radassist.app.workstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the window cannot open, the reader is told what to install, not which library failed. */
class WorkstationLaunchTest {

  @Test
  void aMissingGtkNamesThePackageToInstall() {
    String told =
        WorkstationApp.launchFailure(
            new UnsupportedOperationException("Unable to load glass GTK library."));
    assertTrue(told.contains("apt install libgtk-3-0"), told);
    assertTrue(told.contains("the CLI works without it"), told);
  }

  @Test
  void anotherLaunchFailureKeepsItsOwnWords() {
    assertEquals(
        "Internal graphics not initialized yet",
        WorkstationApp.launchFailure(
            new UnsupportedOperationException("Internal graphics not initialized yet")));
  }
}
