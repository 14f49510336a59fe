package org.radassist.app.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.app.session.store.ReadingDatabase;
import org.radassist.app.session.store.ReadingStore;
import org.radassist.dicom.image.DicomImage;

class ReadingServiceTest {
  @TempDir Path dir;

  private final Fixtures.ManualClock clock = new Fixtures.ManualClock();

  private ReadingService open() throws ReadingStoreException {
    return new ReadingService(ReadingStore.open(dir.resolve("data")), clock);
  }

  @Test
  void decisionsOnTheLatestAnalysisSurviveReopeningTheRecord() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    String study = image.studyInstanceUid();
    try (ReadingService service = open()) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), "Dr^A");
      clock.advance(Duration.ofMinutes(1));
      StoredAnalysis latest = service.recordAnalysis(image, 0, Fixtures.prediction(), "Dr^A");
      service.decide(study, 0, DecisionKind.ACCEPT, null, null, "Dr^A");
      service.decide(study, 1, DecisionKind.REJECT, null, "vessel end-on", "Dr^A");
      service.decide(study, 1, DecisionKind.ACCEPT, null, null, "Dr^B");
      service.decide(study, 2, DecisionKind.EDIT_REGION, new Region(40, 30, 20, 12), null, "Dr^A");
      service.decide(study, 2, DecisionKind.COMMENT, null, "displaced", "Dr^A");
      assertEquals(latest.id(), service.review(study).analysis().id());
    }
    try (ReadingService service = open()) {
      StudyReview review = service.review(study);
      assertEquals(3, review.analysis().findings().size());
      assertEquals("demo-chest", review.analysis().modelId());
      assertEquals("ab".repeat(32), review.analysis().modelSha256());
      assertEquals(5, review.decisions().size());
      assertEquals(DecisionKind.ACCEPT, review.verdict(0).orElseThrow().kind());
      assertEquals("Dr^B", review.verdict(1).orElseThrow().reader(), "the later decision wins");
      assertEquals(new Region(40, 30, 20, 12), review.region(2));
      assertEquals("displaced", review.comments(2).get(0).comment());
      assertTrue(review.complete());
      assertEquals(2, service.store().analyses().heatmaps(review.analysis().id()).size());
      assertEquals("ok", service.store().database().integrityCheck());
      assertEquals(2, service.store().database().schemaVersion());
    }
  }

  /** A second run of the same model used to hide every decision on the first. */
  @Test
  void reAnalysingWithTheSameModelAndResultKeepsTheAnalysisAndItsDecisions() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    String study = image.studyInstanceUid();
    try (ReadingService service = open()) {
      StoredAnalysis first = service.recordAnalysis(image, 0, Fixtures.prediction(), null);
      service.decide(study, 0, DecisionKind.ACCEPT, null, null, "Dr^A");
      service.decide(study, 1, DecisionKind.REJECT, null, null, "Dr^A");
      clock.advance(Duration.ofMinutes(1));
      StoredAnalysis again = service.recordAnalysis(image, 0, Fixtures.prediction(), null);
      assertEquals(first.id(), again.id(), "the same result is the same analysis");
      StudyReview review = service.review(study);
      assertEquals(first.id(), review.analysis().id());
      assertEquals(DecisionKind.ACCEPT, review.verdict(0).orElseThrow().kind());
      assertEquals(DecisionKind.REJECT, review.verdict(1).orElseThrow().kind());
      assertTrue(review.earlier().isEmpty());
      long analysed =
          service.auditTrail(study).stream()
              .filter(e -> e.action() == AuditEvent.Action.ANALYSED)
              .count();
      assertEquals(2, analysed, "the re-run is audited all the same");

      StoredAnalysis other =
          service.recordAnalysis(image, 0, Fixtures.predictionByAnotherVersion(), null);
      assertTrue(other.id() != first.id(), "another model version is another analysis");
      StudyReview latest = service.review(study);
      assertEquals(other.id(), latest.analysis().id());
      assertTrue(latest.decisions().isEmpty());
      assertEquals(2, latest.earlier().size(), "the decisions on the first run are still named");
      assertEquals(first.id(), latest.earlier().get(0).analysisId());
      assertEquals("1.2.0", latest.earlier().get(0).modelVersion());
      assertEquals("demo-chest", latest.earlier().get(0).modelId());
    }
  }

  /** Every analysed image of a study can be reviewed, not only the last one analysed. */
  @Test
  void eachAnalysedImageOfAStudyIsReviewedOnItsOwn() throws Exception {
    DicomImage first = Fixtures.image(dir, "a.dcm");
    String study = first.studyInstanceUid();
    DicomImage second = Fixtures.image(dir, "b.dcm", study);
    try (ReadingService service = open()) {
      service.recordAnalysis(first, 0, Fixtures.prediction(), null);
      service.decide(study, 0, DecisionKind.ACCEPT, null, null, "Dr^A");
      service.recordAnalysis(second, 0, Fixtures.predictionByAnotherVersion(), null);
      var ambiguous =
          assertThrows(
              IllegalArgumentException.class,
              () -> service.decide(study, 0, DecisionKind.REJECT, null, null, "Dr^A"));
      assertTrue(ambiguous.getMessage().contains(first.sopInstanceUid()), ambiguous.getMessage());
      assertTrue(ambiguous.getMessage().contains(second.sopInstanceUid()), ambiguous.getMessage());
      service.decide(study, second.sopInstanceUid(), 0, DecisionKind.REJECT, null, null, "Dr^A");

      List<StudyReview> reviews = service.reviews(study);
      assertEquals(2, reviews.size());
      assertEquals(first.sopInstanceUid(), reviews.get(0).analysis().image().sopInstanceUid());
      assertEquals(DecisionKind.ACCEPT, reviews.get(0).verdict(0).orElseThrow().kind());
      assertEquals(DecisionKind.REJECT, reviews.get(1).verdict(0).orElseThrow().kind());
      assertTrue(reviews.get(0).earlier().isEmpty(), "another image's analysis supersedes nothing");
    }
  }

  @Test
  void aFindingIndexOutsideTheAnalysisIsRefusedAndNothingIsWritten() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    try (ReadingService service = open()) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), null);
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  service.decide(
                      image.studyInstanceUid(), 3, DecisionKind.ACCEPT, null, null, null));
      assertTrue(e.getMessage().contains("3 finding(s)"), e.getMessage());
      assertEquals(0, service.store().decisions().count());
      var missing =
          assertThrows(
              ReadingStoreException.class,
              () -> service.decide("1.2.3", 0, DecisionKind.ACCEPT, null, null, null));
      assertTrue(missing.getMessage().contains("No analysis of study 1.2.3"));
    }
  }

  @Test
  void secondReadKeepsTheBlindedReadAndTheFinalOne() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    String study = image.studyInstanceUid();
    try (ReadingService service = open()) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), null);
      ReadingSession session = service.startSession("Dr^Second", SessionMode.SECOND_READER);
      StudyRead read = service.openStudy(session, study);
      assertEquals(ReadPhase.BLINDED, read.phase());
      assertTrue(!ReadingService.aiVisible(read));
      StudyRead blinded = read;
      assertThrows(
          IllegalStateException.class,
          () -> service.decide(blinded, 0, DecisionKind.ACCEPT, null, null, "Dr^Second"));
      service.mark(read, null, "nodule", new Region(8, 6, 6, 6), "small nodule left upper");
      service.mark(read, null, "nodule", new Region(30, 50, 5, 5), "possible second nodule");
      clock.advance(Duration.ofSeconds(95));
      read = service.reveal(read, "One nodule, possibly two.");
      assertTrue(ReadingService.aiVisible(read));
      service.decide(read, 0, DecisionKind.ACCEPT, null, null, "Dr^Second");
      service.decide(read, 1, DecisionKind.REJECT, null, "overlap of ribs", "Dr^Second");
      clock.advance(Duration.ofSeconds(30));
      read = service.complete(read, "One nodule; AI fracture not confirmed yet.");
      assertEquals("One nodule, possibly two.", read.blindedImpression());
      assertEquals("One nodule; AI fracture not confirmed yet.", read.finalImpression());

      SessionSummary summary = service.summary(session.id());
      SessionSummary.StudySummary s = summary.studies().get(0);
      assertEquals(3, s.aiFindings());
      assertEquals(1, s.accepted());
      assertEquals(1, s.rejected());
      assertEquals(1, s.undecided());
      assertEquals(2, s.blindedMarks());
      assertEquals(1, s.matched(), "the first mark overlaps AI finding 0 only");
      assertEquals(2.0 * 1 / 5, s.agreement(), 1e-12);
      assertEquals(125L, s.readSeconds());
      assertEquals(ReadPhase.DONE, s.phase());
    }
  }

  /**
   * In a study of two views, a reader's mark is compared only with the AI's findings on the view it
   * was drawn on: the same coordinates on the other view are another place in the patient.
   */
  @Test
  void aMarkCountsAsAgreementOnlyOnTheImageItWasDrawnOn() throws Exception {
    DicomImage frontal = Fixtures.image(dir, "frontal.dcm");
    String study = frontal.studyInstanceUid();
    DicomImage lateral = Fixtures.image(dir, "lateral.dcm", study);
    try (ReadingService service = open()) {
      service.recordAnalysis(frontal, 0, Fixtures.prediction(), null);
      ReadingSession session = service.startSession("Dr^Second", SessionMode.SECOND_READER);
      StudyRead read = service.openStudy(session, study);
      StudyImage onLateral = StudyImage.of(lateral, lateral.rows(), lateral.columns());
      service.markOn(read, onLateral, 0, "nodule", new Region(8, 6, 6, 6), null);

      ReaderMark kept = service.secondReads(study).get(0).marks().get(0);
      assertEquals(lateral.sopInstanceUid(), kept.image().sopInstanceUid());
      assertEquals(0, kept.frame());

      IllegalArgumentException which =
          assertThrows(
              IllegalArgumentException.class,
              () -> service.mark(read, null, "nodule", new Region(8, 6, 6, 6), null));
      assertTrue(which.getMessage().contains("--image"), which.getMessage());
      assertTrue(which.getMessage().contains(lateral.sopInstanceUid()), which.getMessage());
      service.mark(read, frontal.sopInstanceUid(), "nodule", new Region(8, 6, 6, 6), null);
      SessionSummary.StudySummary s = service.summary(session.id()).studies().get(0);
      assertTrue(s.aiHidden(), "while blinded, the summary keeps the AI to itself");
      StudyRead revealed = service.reveal(read, "one nodule");
      s = service.summary(session.id()).studies().get(0);
      assertEquals(2, s.blindedMarks());
      assertEquals(
          1, s.matched(), "only the mark on the frontal is over finding 0; the lateral's is not");
      ReaderMark onFrame =
          service.mark(
              revealed, frontal.sopInstanceUid(), 2, "nodule", new Region(1, 1, 2, 2), null);
      assertEquals(2, onFrame.frame(), "a mark on a multi-frame image keeps its frame");
    }
  }

  /** A session's figures are its own reader's decisions, not those made outside it. */
  @Test
  void aSessionSummaryCountsOnlyTheDecisionsMadeInItsReads() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    String study = image.studyInstanceUid();
    try (ReadingService service = open()) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), null);
      service.decide(study, 0, DecisionKind.ACCEPT, null, null, "Dr^Other");
      service.decide(study, 1, DecisionKind.REJECT, null, null, "Dr^Other");
      ReadingSession session = service.startSession("Dr^Two", SessionMode.SECOND_READER);
      StudyRead read = service.reveal(service.openStudy(session, study), "nothing");
      SessionSummary.StudySummary s = service.summary(session.id()).studies().get(0);
      assertEquals(0, s.accepted());
      assertEquals(0, s.rejected());
      assertEquals(3, s.undecided());
      service.decide(read, 2, DecisionKind.ACCEPT, null, null, null);
      s = service.summary(session.id()).studies().get(0);
      assertEquals(1, s.accepted());
      assertEquals(0, s.rejected());
    }
  }

  @Test
  void aCompletedReadIsFinalAndItsAuditSaysSoWhenReopened() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    String study = image.studyInstanceUid();
    try (ReadingService service = open()) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), null);
      ReadingSession session = service.startSession("Dr^Blind", SessionMode.SECOND_READER);
      StudyRead read = service.reveal(service.openStudy(session, study), "one nodule");
      clock.advance(Duration.ofSeconds(60));
      StudyRead done = service.complete(read, "final: nodule confirmed");
      clock.advance(Duration.ofSeconds(60));
      var again =
          assertThrows(IllegalStateException.class, () -> service.complete(done, "CHANGED"));
      assertTrue(again.getMessage().contains("already complete"), again.getMessage());
      var stale =
          assertThrows(IllegalStateException.class, () -> service.complete(read, "CHANGED"));
      assertTrue(stale.getMessage().contains("already complete"), stale.getMessage());
      var late =
          assertThrows(
              IllegalStateException.class,
              () -> service.decide(done, 0, DecisionKind.ACCEPT, null, null, null));
      assertTrue(late.getMessage().contains("complete"), late.getMessage());
      StudyRead kept = service.read(session, study);
      assertEquals("final: nodule confirmed", kept.finalImpression());
      assertEquals(done.completedAt(), kept.completedAt());
      assertEquals(0, service.store().decisions().count());

      StudyRead reopened = service.openStudy(session, study);
      assertEquals(ReadPhase.DONE, reopened.phase());
      List<AuditEvent> trail = service.auditTrail(study);
      AuditEvent last = trail.get(trail.size() - 1);
      assertEquals(AuditEvent.Action.STUDY_OPENED, last.action());
      assertEquals("session " + session.id() + ", done", last.detail());
    }
  }

  @Test
  void decisionsInASessionAreTheSessionReadersAndNoOneElses() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    String study = image.studyInstanceUid();
    try (ReadingService service = open()) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), null);
      ReadingSession session = service.startSession("Dr Blind", SessionMode.CONCURRENT);
      StudyRead read = service.openStudy(session, study);
      assertEquals(
          "Dr Blind", service.decide(read, 0, DecisionKind.ACCEPT, null, null, null).reader());
      assertEquals(
          "Dr Blind",
          service.decide(read, 1, DecisionKind.REJECT, null, null, "Dr Blind").reader());
      var other =
          assertThrows(
              IllegalArgumentException.class,
              () -> service.decide(read, 2, DecisionKind.ACCEPT, null, null, "Dr Other"));
      assertTrue(other.getMessage().contains("Dr Blind"), other.getMessage());
      assertEquals(2, service.store().decisions().count());
      assertTrue(
          service.auditTrail(study).stream()
              .filter(e -> e.action() == AuditEvent.Action.DECISION_RECORDED)
              .allMatch(e -> e.userId().equals("Dr Blind")));
    }
  }

  @Test
  void theAuditTrailIsAppendOnlyAndNamesWhoDidWhatToWhichStudy() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    String study = image.studyInstanceUid();
    try (ReadingService service = open()) {
      service.studyOpened(study, "Dr^A");
      service.recordAnalysis(image, 0, Fixtures.prediction(), "Dr^A");
      service.decide(study, 0, DecisionKind.ACCEPT, null, null, "Dr^A");
      service.exported(study, "sr", true, "Dr^A");
      List<AuditEvent> trail = service.auditTrail(study);
      assertEquals(
          List.of(
              AuditEvent.Action.STUDY_OPENED,
              AuditEvent.Action.ANALYSED,
              AuditEvent.Action.DECISION_RECORDED,
              AuditEvent.Action.EXPORTED),
          trail.stream().map(AuditEvent::action).toList());
      assertTrue(trail.stream().allMatch(e -> e.userId().equals("Dr^A")));
      assertTrue(trail.stream().allMatch(e -> e.outcome() == AuditEvent.SUCCESS));
      for (String sql :
          List.of(
              "UPDATE audit_event SET user_id = 'someone else'",
              "DELETE FROM audit_event",
              "UPDATE decision SET kind = 'reject'",
              "DELETE FROM decision")) {
        var e =
            assertThrows(
                ReadingStoreException.class,
                () ->
                    service
                        .store()
                        .database()
                        .write(
                            "tamper",
                            c -> {
                              c.createStatement().execute(sql);
                              return null;
                            }));
        assertTrue(e.getMessage().contains("append-only"), e.getMessage());
      }
      assertEquals(4, service.auditTrail(study).size());
      assertEquals(1, service.store().decisions().count());
    }
  }

  @Test
  void aFullDiskRefusesTheDecisionWithAClearMessageAndKeepsTheOthers() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    String study = image.studyInstanceUid();
    try (ReadingService service = open()) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), null);
      // SQLite's page cap fails writes exactly as a full disk does (SQLITE_FULL).
      service
          .store()
          .database()
          .write(
              "cap the database",
              c -> {
                try (var s = c.createStatement()) {
                  var rs = s.executeQuery("PRAGMA page_count");
                  rs.next();
                  s.execute("PRAGMA max_page_count = " + rs.getLong(1));
                }
                return null;
              });
      int confirmed = 0;
      ReadingStoreException failure = null;
      String longComment = "x".repeat(2000);
      for (int i = 0; i < 500 && failure == null; i++) {
        try {
          service.decide(study, i % 3, DecisionKind.COMMENT, null, longComment + i, null);
          confirmed++;
        } catch (ReadingStoreException e) {
          failure = e;
        }
      }
      assertTrue(failure != null, "the capped database never filled up");
      assertTrue(failure.getMessage().startsWith("Not saved:"), failure.getMessage());
      assertTrue(failure.getMessage().contains("is full"), failure.getMessage());
      assertEquals(confirmed, service.store().decisions().count());
      assertEquals("ok", service.store().database().integrityCheck());
    }
  }

  @Test
  void aReadOnlyDatabaseRefusesTheDecisionWithAClearMessage() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    try (ReadingService service = open()) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), null);
      // query_only makes SQLite answer SQLITE_READONLY, the code a read-only file or mount gives.
      service.store().database().read("make read-only", c -> set(c, "PRAGMA query_only = 1"));
      var e =
          assertThrows(
              ReadingStoreException.class,
              () ->
                  service.decide(
                      image.studyInstanceUid(), 0, DecisionKind.ACCEPT, null, null, null));
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
      service.store().database().read("make writable", c -> set(c, "PRAGMA query_only = 0"));
      assertEquals(0, service.store().decisions().count());
    }
  }

  /** An archived record in a folder that cannot be written can still be listed and summarised. */
  @Test
  void aRecordOpenedOnlyToReadIsListedAndLeftAsItWas() throws Exception {
    DicomImage image = Fixtures.image(dir, "a.dcm");
    String study = image.studyInstanceUid();
    long session;
    try (ReadingService service = open()) {
      service.recordAnalysis(image, 0, Fixtures.prediction(), null);
      service.decide(study, 0, DecisionKind.ACCEPT, null, null, "Dr^A");
      session = service.startSession("Dr^A", SessionMode.CONCURRENT).id();
    }
    Path file = dir.resolve("data").resolve(ReadingDatabase.FILE_NAME);
    byte[] before = java.nio.file.Files.readAllBytes(file);
    try (ReadingService service =
        new ReadingService(ReadingStore.openReadOnly(dir.resolve("data")), clock)) {
      assertEquals(
          DecisionKind.ACCEPT, service.reviews(study).get(0).verdict(0).orElseThrow().kind());
      assertEquals("Dr^A", service.summary(session).session().reader());
      var e =
          assertThrows(
              ReadingStoreException.class,
              () -> service.decide(study, 1, DecisionKind.REJECT, null, null, null));
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    }
    assertArrayEquals(before, java.nio.file.Files.readAllBytes(file));
  }

  @Test
  void aDataFolderThatCannotBeCreatedIsNamedInTheMessage() throws Exception {
    Path blocker = java.nio.file.Files.writeString(dir.resolve("not-a-folder"), "x");
    var e =
        assertThrows(ReadingStoreException.class, () -> ReadingStore.open(blocker.resolve("data")));
    assertTrue(e.getMessage().contains(blocker.resolve("data").toString()), e.getMessage());
  }

  @Test
  void aDatabaseFromANewerVersionIsLeftUntouched() throws Exception {
    try (ReadingService service = open()) {
      service.store().database().read("bump", c -> set(c, "PRAGMA user_version = 99"));
    }
    var e = assertThrows(ReadingStoreException.class, this::open);
    assertTrue(e.getMessage().contains("newer RadAssist"), e.getMessage());
  }

  private static Void set(java.sql.Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute(sql);
    }
    return null;
  }
}
