package org.radassist.dicom.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of each file of a STOW-RS push: stored, failed (refused by the server per PS3.18
 * 10.5.3, or not sendable because it is damaged), or skipped because it is no instance to store
 * (not DICOM, or a DICOMDIR). Skipped files are not failures: a patient CD always carries a
 * DICOMDIR and often a README, and pushing its folder should still succeed.
 */
public record StoreResult(List<Stored> stored, List<Failed> failed, List<Skipped> skipped) {
  /**
   * @param file the file sent, or null when the server named an instance that was not in the push
   */
  public record Stored(Path file, String sopClassUid, String sopInstanceUid) {}

  /**
   * @param file null when the server named an instance that was not in the push
   * @param sopInstanceUid null when the file could not be read far enough to know it
   * @param reason PS3.4 failure reason code, or 0 when the failure was found here or was not
   *     reported per instance
   * @param why what went wrong, in words
   */
  public record Failed(
      Path file, String sopClassUid, String sopInstanceUid, int reason, String why) {
    public String describe() {
      return why;
    }
  }

  public record Skipped(Path file, String reason) {}

  public StoreResult {
    stored = List.copyOf(stored);
    failed = List.copyOf(failed);
    skipped = List.copyOf(skipped);
  }

  static StoreResult empty() {
    return new StoreResult(List.of(), List.of(), List.of());
  }

  /** True when nothing failed; skipped files do not count. */
  public boolean allStored() {
    return failed.isEmpty();
  }

  StoreResult plus(StoreResult other) {
    List<Stored> s = new ArrayList<>(stored);
    s.addAll(other.stored);
    List<Failed> f = new ArrayList<>(failed);
    f.addAll(other.failed);
    List<Skipped> k = new ArrayList<>(skipped);
    k.addAll(other.skipped);
    return new StoreResult(s, f, k);
  }

  /** The meaning of a Failure Reason (0008,1197) as PS3.18 Table 10.5.3-2 and PS3.4 B.2.3 list. */
  static String explain(int reason) {
    String text;
    if (reason == 0xC122) {
      text = "transfer syntax not supported";
    } else if ((reason & 0xF000) == 0xC000) {
      text = "cannot understand";
    } else if ((reason & 0xFF00) == 0xA700) {
      text = "out of resources";
    } else if ((reason & 0xFF00) == 0xA900) {
      text = "data set does not match SOP class";
    } else {
      text =
          switch (reason) {
            case 0x0110 -> "processing failure";
            case 0x0122 -> "SOP class not supported";
            case 0x0124 -> "not authorized";
            default -> "no reason given";
          };
    }
    return String.format("the PACS refused it: %s (failure reason 0x%04X)", text, reason);
  }
}
