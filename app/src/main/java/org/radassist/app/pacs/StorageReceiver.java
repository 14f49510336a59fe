package org.radassist.app.pacs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.dimse.InstanceRefused;
import org.radassist.dicom.dimse.ReceivedInstance;
import org.radassist.dicom.dimse.StoreSession;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomReader;

/**
 * Puts what modalities send by C-STORE into the study cache, where it opens like a retrieved study.
 * Each instance joins its study in the cache before the SCP answers success, so an acknowledged
 * instance is never lost to an aborted association, nor to the cache limit: a study stays exempt
 * from eviction while an association is still sending it.
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
  public StoreSession open(String callingAeTitle) throws IOException {
    StudyCache.Spool spool = cache.spool();
    Set<String> studies = new HashSet<>();
    return new StoreSession() {
      @Override
      public Path spoolDirectory() {
        return spool.folder();
      }

      @Override
      public void store(ReceivedInstance instance) throws IOException {
        String study;
        try {
          study =
              DicomReader.readMetadata(instance.file()).dataset().string(Tag.STUDY_INSTANCE_UID);
        } catch (DicomException e) {
          throw InstanceRefused.cannotUnderstand("not a readable data set: " + e.problem());
        }
        if (study == null) {
          throw InstanceRefused.doesNotMatchSopClass("the instance has no Study Instance UID");
        }
        if (studies.add(study)) {
          cache.receiving(study);
        }
        StudyCache.CachedStudy cached;
        try (StudyCache.Download download = cache.begin(study)) {
          download.add(instance.file());
          cached = download.commitAdding("dicom:" + callingAeTitle);
        }
        onStored.accept(cached);
      }

      @Override
      public void close(boolean released) {
        studies.forEach(cache::doneReceiving);
        spool.close();
      }
    };
  }
}
