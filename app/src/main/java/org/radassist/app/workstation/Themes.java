package org.radassist.app.workstation;

import java.net.URL;
import javafx.scene.Scene;

/** The CSS themes shipped in ui-assets. */
public final class Themes {
  public static final String DARK = "dark";
  public static final String LIGHT = "light";

  private Themes() {}

  public static void apply(Scene scene, String theme) {
    URL css = Themes.class.getResource("/org/radassist/ui/themes/" + theme + ".css");
    if (css == null) {
      throw new IllegalArgumentException("No theme '" + theme + "' in ui-assets");
    }
    scene.getStylesheets().setAll(css.toExternalForm());
  }
}
