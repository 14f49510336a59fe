package org.radassist.app.pacs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.dimse.ReceivedInstance;
import org.radassist.dicom.dimse.StoreSession;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomReader;

/**
 * Puts what modalities send by C-STORE into the study cache, where it opens like a retrieved study.
 * Each instance joins its study in the cache before the SCP answers success, so an acknowledged
 * instance is never lost to an aborted association.
 */
public final class StorageReceiver implements StoreSession.Factory {
  private final StudyCache cache;
  private final Consumer<StudyCache.CachedStudy> onStored;

  /**
   * @param onStored told of each instance's study after it is in the cache
   */
  public StorageReceiver(StudyCache cache, Consumer<StudyCache.CachedStudy> onStored) {
    this.cache = cache;
    this.onStored = onStored;
  }

  @Override
  public StoreSession open(String callingAeTitle) {
    return new StoreSession() {
      @Override
      public void store(ReceivedInstance instance) throws IOException {
        String study;
        try {
          study =
              DicomReader.read(instance.part10(), Path.of("received instance"))
                  .dataset()
                  .string(Tag.STUDY_INSTANCE_UID);
        } catch (DicomException e) {
          throw new IOException("not a readable data set: " + e.problem(), e);
        }
        if (study == null) {
          throw new IOException("the instance has no Study Instance UID");
        }
        StudyCache.CachedStudy cached;
        try (StudyCache.Download download = cache.begin(study)) {
          download.add(instance.part10());
          cached = download.commitAdding("dicom:" + callingAeTitle);
        }
        onStored.accept(cached);
      }

      @Override
      public void close(boolean released) {
        // Every instance was committed as it arrived; nothing is left to finish.
      }
    };
  }
}
