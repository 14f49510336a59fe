package org.radassist.app.workstation;

import java.net.URL;
import javafx.scene.Scene;

/** The CSS themes shipped in ui-assets. */
public final class Themes {
  public static final String DARK = "dark";
  public static final String LIGHT = "light";

  private Themes() {}

  public static void apply(Scene scene, String theme) {
    URL base = Themes.class.getResource("/org/radassist/ui/themes/base.css");
    URL colours = Themes.class.getResource("/org/radassist/ui/themes/" + theme + ".css");
    if (base == null || colours == null) {
      throw new IllegalArgumentException("No theme '" + theme + "' in ui-assets");
    }
    scene.getStylesheets().setAll(base.toExternalForm(), colours.toExternalForm());
  }
}
