package org.radassist.inference.analysis;

import java.util.Locale;

/** Where to run: {@code auto} takes the GPU when DJL sees one, else the CPU. */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  /** Parses {@code auto}, {@code cpu} or {@code gpu} as given on the command line. */
  public static DeviceChoice parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu, was " + value, e);
    }
  }
}
