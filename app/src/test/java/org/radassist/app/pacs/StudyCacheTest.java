package org.radassist.app.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.testsupport.SyntheticStudy;

class StudyCacheTest {
  @TempDir Path tmp;

  private static StudyCache.CachedStudy put(StudyCache cache, SyntheticStudy s) throws Exception {
    try (StudyCache.Download d = cache.begin(s.studyInstanceUid())) {
      for (Path f : s.files()) {
        d.add(Files.copy(f, d.folder().resolve("in.dcm")));
      }
      return d.commit("test");
    }
  }

  @Test
  void leastRecentlyUsedStudyIsEvictedFirst() throws Exception {
    SyntheticStudy a = SyntheticStudy.write(tmp.resolve("a"), "A", "20240101", 2);
    SyntheticStudy b = SyntheticStudy.write(tmp.resolve("b"), "B", "20240101", 2);
    SyntheticStudy c = SyntheticStudy.write(tmp.resolve("c"), "C", "20240101", 2);
    long one = Files.size(a.files().get(0)) * 2;
    StudyCache cache = new StudyCache(tmp.resolve("cache"), one * 2 + one / 2);
    put(cache, a);
    Thread.sleep(5);
    put(cache, b);
    Thread.sleep(5);
    assertTrue(cache.find(a.studyInstanceUid()).isPresent());
    Thread.sleep(5);
    put(cache, c);

    assertTrue(cache.find(a.studyInstanceUid()).isPresent(), "A was used after B");
    assertFalse(cache.find(b.studyInstanceUid()).isPresent(), "B was least recently used");
    assertTrue(cache.find(c.studyInstanceUid()).isPresent());
    assertTrue(cache.sizeBytes() <= cache.limitBytes());
    assertEquals(2, cache.list().size());
  }

  @Test
  void anAbandonedDownloadLeavesNothingBehind() throws Exception {
    SyntheticStudy a = SyntheticStudy.write(tmp.resolve("a"), "A", "20240101", 1);
    StudyCache cache = new StudyCache(tmp.resolve("cache"), Long.MAX_VALUE);
    try (StudyCache.Download d = cache.begin(a.studyInstanceUid())) {
      d.add(Files.copy(a.files().get(0), d.folder().resolve("in.dcm")));
    }
    assertFalse(cache.find(a.studyInstanceUid()).isPresent());
    try (var s = Files.list(cache.root())) {
      assertEquals(List.of(), s.toList());
    }
  }

  @Test
  void fileNamesCarryNoUid() throws Exception {
    SyntheticStudy a = SyntheticStudy.write(tmp.resolve("a"), "A", "20240101", 1);
    StudyCache cache = new StudyCache(tmp.resolve("cache"), Long.MAX_VALUE);
    StudyCache.CachedStudy cached = put(cache, a);
    assertFalse(cached.folder().toString().contains(a.studyInstanceUid()));
    assertFalse(cached.files().get(0).getFileName().toString().startsWith("2.25"));
  }
}
