package org.radassist.dicom.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What a STOW-RS server says it did with each instance (PS3.18 10.5.3): stored, or failed with the
 * PS3.4 failure reason code (e.g. 0xA700 out of resources, 0xC000 cannot understand).
 */
public record StoreResult(List<Stored> stored, List<Failed> failed) {
  public record Stored(String sopClassUid, String sopInstanceUid) {}

  public record Failed(String sopClassUid, String sopInstanceUid, int reason) {
    public String describe() {
      return String.format("failure reason 0x%04X", reason);
    }
  }

  public StoreResult {
    stored = List.copyOf(stored);
    failed = List.copyOf(failed);
  }

  public boolean allStored() {
    return failed.isEmpty();
  }

  StoreResult plus(StoreResult other) {
    List<Stored> s = new ArrayList<>(stored);
    s.addAll(other.stored);
    List<Failed> f = new ArrayList<>(failed);
    f.addAll(other.failed);
    return new StoreResult(s, f);
  }

  static StoreResult of(DicomJson answer) {
    List<Stored> s = new ArrayList<>();
    for (DicomJson item : answer.sequence(WebTag.REFERENCED_SOP_SEQUENCE)) {
      s.add(
          new Stored(
              item.string(WebTag.REFERENCED_SOP_CLASS_UID),
              item.string(WebTag.REFERENCED_SOP_INSTANCE_UID)));
    }
    List<Failed> f = new ArrayList<>();
    for (DicomJson item : answer.sequence(WebTag.FAILED_SOP_SEQUENCE)) {
      f.add(
          new Failed(
              item.string(WebTag.REFERENCED_SOP_CLASS_UID),
              item.string(WebTag.REFERENCED_SOP_INSTANCE_UID),
              item.intValue(WebTag.FAILURE_REASON).orElse(0x0110)));
    }
    return new StoreResult(s, f);
  }
}
