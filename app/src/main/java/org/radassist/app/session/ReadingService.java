package org.radassist.app.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.radassist.app.session.store.Actor;
import org.radassist.app.session.store.AnalysisRecords;
import org.radassist.app.session.store.AnalysisRecords.NewAnalysis;
import org.radassist.app.session.store.AnalysisRecords.StoredHeatmap;
import org.radassist.app.session.store.ReadingStore;
import org.radassist.dicom.image.DicomImage;
import org.radassist.inference.analysis.Finding;
import org.radassist.inference.analysis.Heatmap;
import org.radassist.inference.analysis.LabelResult;
import org.radassist.inference.analysis.Prediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading record as the workstation and the CLI use it. Every method that records something
 * returns only after the transaction has committed; the caller confirms to the reader afterwards,
 * never before. Methods block on disk I/O: call them from a background thread in the UI.
 */
public final class ReadingService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadingService.class);

  private final ReadingStore store;
  private final Clock clock;
  private final String host;

  public ReadingService(ReadingStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.host = hostName();
  }

  /** Opens the record kept in {@code dataDir} (the user's data folder). */
  public static ReadingService open(Path dataDir) throws ReadingStoreException {
    return new ReadingService(ReadingStore.open(dataDir), Clock.systemUTC());
  }

  /**
   * Opens the record to read it: as {@link #open} where the folder can be written, read-only where
   * it cannot, so an archived record can still be listed and summarised.
   */
  public static ReadingService openForReading(Path dataDir) throws ReadingStoreException {
    Path dir = dataDir.toAbsolutePath().normalize();
    return Files.isDirectory(dir) && !Files.isWritable(dir)
        ? new ReadingService(ReadingStore.openReadOnly(dir), Clock.systemUTC())
        : open(dataDir);
  }

  public ReadingStore store() {
    return store;
  }

  /** The reader recorded when none is named: the operating-system user. */
  public static String defaultReader() {
    return System.getProperty("user.name", "unknown");
  }

  private Actor actor(String reader) {
    return new Actor(reader == null || reader.isBlank() ? defaultReader() : reader, host);
  }

  private Instant now() {
    return clock.instant();
  }

  public void studyOpened(String studyUid, String reader) throws ReadingStoreException {
    store.analyses().recordStudyOpened(studyUid, UidHash.of(studyUid), actor(reader), now(), null);
    LOG.info("Study {} opened", UidHash.of(studyUid));
  }

  /** Records an analysis of {@code image} with its findings and heatmaps. */
  public StoredAnalysis recordAnalysis(
      DicomImage image, int frame, Prediction prediction, String reader)
      throws ReadingStoreException {
    StudyImage studyImage = StudyImage.of(image, prediction.rows(), prediction.columns());
    if (studyImage.studyInstanceUid() == null || studyImage.sopInstanceUid() == null) {
      throw new ReadingStoreException(
          "Not saved: the image has no Study or SOP Instance UID, so its analysis cannot be"
              + " filed in the reading record.");
    }
    List<StoredAnalysis.LabelScore> labels = new ArrayList<>();
    for (LabelResult l : prediction.labels()) {
      labels.add(
          new StoredAnalysis.LabelScore(
              l.name(), l.kind().cardName(), l.probability(), l.threshold(), l.positive()));
    }
    List<StoredFinding> findings = new ArrayList<>();
    for (Finding f : prediction.findings()) {
      Finding.Box b = f.box();
      findings.add(
          new StoredFinding(
              0,
              findings.size(),
              f.label(),
              f.kind().cardName(),
              f.score(),
              new Region(b.x(), b.y(), b.width(), b.height()),
              f.peak().x(),
              f.peak().y()));
    }
    List<StoredHeatmap> heatmaps = new ArrayList<>();
    for (Heatmap h : prediction.heatmaps()) {
      heatmaps.add(new StoredHeatmap(h.label(), h.width(), h.height(), h.toPng()));
    }
    AnalysisRecords.Recorded recorded =
        store
            .analyses()
            .recordAnalysis(
                new NewAnalysis(
                    studyImage,
                    frame,
                    prediction.model().id(),
                    prediction.model().version(),
                    prediction.model().sha256(),
                    prediction.device(),
                    labels,
                    findings,
                    heatmaps),
                UidHash.of(studyImage.studyInstanceUid()),
                actor(reader),
                now());
    StoredAnalysis stored = recorded.analysis();
    if (recorded.reused()) {
      LOG.info(
          "Analysis of study {} gave the same {} finding(s) as analysis {}: kept that one, so"
              + " its decisions stay attached",
          UidHash.of(studyImage.studyInstanceUid()),
          findings.size(),
          stored.id());
    } else {
      LOG.info(
          "Analysis {} of study {} recorded: {} finding(s)",
          stored.id(),
          UidHash.of(studyImage.studyInstanceUid()),
          findings.size());
    }
    return stored;
  }

  public Optional<StoredAnalysis> latestAnalysis(String studyUid) throws ReadingStoreException {
    return store.analyses().latestAnalysis(studyUid);
  }

  /**
   * The latest recorded analysis of frame {@code frame} of an image, with its heatmaps, as the
   * prediction to show again; empty when that frame's latest analysis is not on record.
   */
  public Optional<Recalled> recall(String studyUid, String sopInstanceUid, int frame)
      throws ReadingStoreException, IOException {
    for (StoredAnalysis a : store.analyses().latestPerImage(studyUid)) {
      if (a.image().sopInstanceUid().equals(sopInstanceUid) && a.frame() == frame) {
        return Optional.of(
            new Recalled(a, RecordedPrediction.of(a, store.analyses().heatmaps(a.id()))));
      }
    }
    return Optional.empty();
  }

  /** A recorded analysis and the prediction it holds. */
  public record Recalled(StoredAnalysis analysis, Prediction prediction) {}

  /**
   * Each analysed image of the study: its latest analysis with the decisions on it and those on its
   * earlier analyses, in the order the images were first filed. Fails when the study was never
   * analysed.
   */
  public List<StudyReview> reviews(String studyUid) throws ReadingStoreException {
    List<StudyReview> out = new ArrayList<>();
    for (StoredAnalysis a : store.analyses().latestPerImage(studyUid)) {
      out.add(
          new StudyReview(
              a,
              store.decisions().forAnalysis(a.id()),
              store.decisions().earlierOnImage(a.image().sopInstanceUid(), a.id())));
    }
    if (out.isEmpty()) {
      throw new ReadingStoreException(
          "No analysis of study "
              + studyUid
              + " is in the reading record; run 'radassist analyze' on it first.");
    }
    return out;
  }

  /** The study's only analysed image; fails when it has several (name one with the SOP UID). */
  public StudyReview review(String studyUid) throws ReadingStoreException {
    return review(studyUid, null);
  }

  /**
   * The analysed image {@code sopInstanceUid} of the study, or its only one when that is null.
   * Finding numbers are per image, so with several images a number alone names no finding.
   */
  public StudyReview review(String studyUid, String sopInstanceUid) throws ReadingStoreException {
    List<StudyReview> all = reviews(studyUid);
    List<String> images = all.stream().map(r -> r.analysis().image().sopInstanceUid()).toList();
    if (sopInstanceUid == null) {
      if (all.size() == 1) {
        return all.get(0);
      }
      throw new IllegalArgumentException(
          "study "
              + studyUid
              + " has "
              + all.size()
              + " analysed images; name one with --image: "
              + String.join(", ", images));
    }
    return all.stream()
        .filter(r -> r.analysis().image().sopInstanceUid().equals(sopInstanceUid))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "image "
                        + sopInstanceUid
                        + " of study "
                        + studyUid
                        + " was never analysed; its analysed images: "
                        + String.join(", ", images)));
  }

  /**
   * Records a decision on finding {@code findingIndex} of the study's only analysed image, outside
   * any session. Returns once it is committed.
   */
  public Decision decide(
      String studyUid,
      int findingIndex,
      DecisionKind kind,
      Region region,
      String comment,
      String reader)
      throws ReadingStoreException {
    return decide(studyUid, null, findingIndex, kind, region, comment, reader);
  }

  /**
   * Records a decision on finding {@code findingIndex} of the latest analysis of image {@code
   * sopInstanceUid} (null: the study's only analysed image), outside any session.
   */
  public Decision decide(
      String studyUid,
      String sopInstanceUid,
      int findingIndex,
      DecisionKind kind,
      Region region,
      String comment,
      String reader)
      throws ReadingStoreException {
    return decide(
        review(studyUid, sopInstanceUid).analysis(),
        null,
        findingIndex,
        kind,
        region,
        comment,
        reader);
  }

  /**
   * Records a decision on finding {@code findingIndex} of exactly this analysis (the one a window
   * shows), outside any session. Returns once it is committed.
   */
  public Decision decide(
      StoredAnalysis analysis,
      int findingIndex,
      DecisionKind kind,
      Region region,
      String comment,
      String reader)
      throws ReadingStoreException {
    return decide(analysis, null, findingIndex, kind, region, comment, reader);
  }

  /**
   * Records a decision within a study read, by the session's reader (the default when {@code
   * reader} is blank; another name is refused). Refused while the read is still blinded and once it
   * is finished.
   */
  public Decision decide(
      StudyRead read,
      int findingIndex,
      DecisionKind kind,
      Region region,
      String comment,
      String reader)
      throws ReadingStoreException {
    return decide(read, null, findingIndex, kind, region, comment, reader);
  }

  /** As above, on image {@code sopInstanceUid} of the study (null: its only analysed image). */
  public Decision decide(
      StudyRead read,
      String sopInstanceUid,
      int findingIndex,
      DecisionKind kind,
      Region region,
      String comment,
      String reader)
      throws ReadingStoreException {
    if (read.phase() == ReadPhase.BLINDED) {
      throw new IllegalStateException(
          "AI findings are hidden during the blinded read; reveal the AI before deciding on them");
    }
    if (read.phase() == ReadPhase.DONE) {
      throw new IllegalStateException(
          "the read of this study in session "
              + read.sessionId()
              + " is complete, and a completed read is final; record further decisions outside"
              + " the session");
    }
    String sessionReader = sessionReader(read, reader);
    StoredAnalysis analysis = review(read.studyInstanceUid(), sopInstanceUid).analysis();
    return decide(analysis, read.id(), findingIndex, kind, region, comment, sessionReader);
  }

  /** Decisions in a session are the session reader's: nobody records in another's session. */
  private String sessionReader(StudyRead read, String reader) throws ReadingStoreException {
    ReadingSession session = store.sessions().session(read.sessionId());
    if (reader == null || reader.isBlank() || reader.equals(session.reader())) {
      return session.reader();
    }
    throw new IllegalArgumentException(
        "session "
            + session.id()
            + " is "
            + session.reader()
            + "'s; decisions in it are recorded as "
            + session.reader()
            + ", not "
            + reader);
  }

  private Decision decide(
      StoredAnalysis analysis,
      Long studyReadId,
      int findingIndex,
      DecisionKind kind,
      Region region,
      String comment,
      String reader)
      throws ReadingStoreException {
    if (kind == DecisionKind.EDIT_REGION && region == null) {
      throw new IllegalArgumentException("edit-region needs the corrected region");
    }
    if (kind != DecisionKind.EDIT_REGION && region != null) {
      throw new IllegalArgumentException("only edit-region takes a region");
    }
    if (kind == DecisionKind.COMMENT && (comment == null || comment.isBlank())) {
      throw new IllegalArgumentException("a comment needs text");
    }
    StoredFinding finding = analysis.finding(findingIndex);
    if (region != null) {
      // An SR whose region lies off the image points at nothing; a region partly off it is kept
      // to the part the reader can see, and the caller tells the reader so.
      region = region.clippedTo(analysis.image().columns(), analysis.image().rows());
    }
    String studyUid = analysis.image().studyInstanceUid();
    Decision d =
        store
            .decisions()
            .record(finding, studyUid, studyReadId, kind, region, comment, actor(reader), now());
    LOG.info(
        "Decision {} on finding {} of study {}", kind.key(), findingIndex, UidHash.of(studyUid));
    return d;
  }

  /** Every decision on the analysis' findings, oldest first. */
  public List<Decision> decisionsOn(StoredAnalysis analysis) throws ReadingStoreException {
    return store.decisions().forAnalysis(analysis.id());
  }

  public ReadingSession startSession(String reader, SessionMode mode) throws ReadingStoreException {
    return store.sessions().start(actor(reader).userId(), mode, actor(reader), now());
  }

  public ReadingSession session(long sessionId) throws ReadingStoreException {
    return store.sessions().session(sessionId);
  }

  /** A read of a study in a session, with the reader's own marks: what a second read produced. */
  public record SecondRead(ReadingSession session, StudyRead read, List<ReaderMark> marks) {}

  /** Every read of the study in any session, oldest first, for the exports. */
  public List<SecondRead> secondReads(String studyUid) throws ReadingStoreException {
    List<SecondRead> out = new ArrayList<>();
    for (StudyRead r : store.sessions().readsOfStudy(studyUid)) {
      out.add(
          new SecondRead(
              store.sessions().session(r.sessionId()), r, store.sessions().marks(r.id())));
    }
    return out;
  }

  /**
   * Fails when {@code reader} (the operating-system user when null) has a blinded read of the study
   * open in a session that has not ended: listing or exporting its AI outside the window would show
   * the reader what the blinded read is there to keep from them.
   */
  public void refuseWhileBlinded(String studyUid, String reader) throws ReadingStoreException {
    String who = actor(reader).userId();
    for (StudyRead r : store.sessions().readsOfStudy(studyUid)) {
      ReadingSession s = store.sessions().session(r.sessionId());
      if (r.phase() == ReadPhase.BLINDED
          && s.endedAt() == null
          && s.reader().trim().equalsIgnoreCase(who.trim())) {
        throw new IllegalStateException(
            "the study is in "
                + who
                + "'s blinded read (session "
                + s.id()
                + "): its AI stays hidden until the read is revealed ('review session reveal"
                + " --session "
                + s.id()
                + " --study "
                + studyUid
                + "')");
      }
    }
  }

  /** The study's read in the session; fails when the study was not opened in it. */
  public StudyRead read(ReadingSession session, String studyUid) throws ReadingStoreException {
    return store
        .sessions()
        .studyRead(session.id(), studyUid)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "study " + studyUid + " was not opened in session " + session.id()));
  }

  public ReadingSession endSession(ReadingSession session) throws ReadingStoreException {
    return store.sessions().end(session.id(), now());
  }

  /**
   * Opens a study in the session: blinded in a second-reader session, revealed otherwise. Opening
   * it again returns the read as it stands.
   */
  public StudyRead openStudy(ReadingSession session, String studyUid) throws ReadingStoreException {
    ReadPhase first =
        session.mode() == SessionMode.SECOND_READER ? ReadPhase.BLINDED : ReadPhase.REVEALED;
    StudyRead read =
        store
            .sessions()
            .openStudyRead(
                session.id(),
                studyUid,
                UidHash.of(studyUid),
                first,
                actor(session.reader()),
                now());
    LOG.info(
        "Study {} opened in session {} ({})", UidHash.of(studyUid), session.id(), read.phase());
    return read;
  }

  /** Whether the AI may be shown for this read: never before the blinded read is recorded. */
  public static boolean aiVisible(StudyRead read) {
    return read.phase() != ReadPhase.BLINDED;
  }

  /**
   * A region the reader marks personally on frame {@code frame} of {@code image}, which the reader
   * has on screen; in a blinded read this is the reader's own finding. The part outside the image
   * is left out.
   */
  public ReaderMark markOn(
      StudyRead read, StudyImage image, int frame, String label, Region region, String note)
      throws ReadingStoreException {
    if (!read.studyInstanceUid().equals(image.studyInstanceUid())) {
      throw new IllegalArgumentException(
          "the image is of another study than the read ("
              + UidHash.of(image.studyInstanceUid())
              + ", read of "
              + UidHash.of(read.studyInstanceUid())
              + ")");
    }
    return addMark(
        read, image, frame, label, region.clippedTo(image.columns(), image.rows()), note);
  }

  /**
   * A region the reader marks on image {@code sopInstanceUid} of the study as the record knows it,
   * or on its only image when that is null. A study the record knows no image of takes a mark that
   * names none; with several images one must be named, since a region means nothing without its
   * view.
   */
  public ReaderMark mark(
      StudyRead read, String sopInstanceUid, String label, Region region, String note)
      throws ReadingStoreException {
    return mark(read, sopInstanceUid, 0, label, region, note);
  }

  /** As above, on frame {@code frame} (from 0) of a multi-frame image. */
  public ReaderMark mark(
      StudyRead read, String sopInstanceUid, int frame, String label, Region region, String note)
      throws ReadingStoreException {
    if (frame < 0) {
      throw new IllegalArgumentException("frame " + frame + " does not exist; frames count from 0");
    }
    List<StudyImage> images = store.analyses().images(read.studyInstanceUid());
    List<String> uids = images.stream().map(StudyImage::sopInstanceUid).toList();
    if (sopInstanceUid != null) {
      StudyImage image =
          images.stream()
              .filter(i -> i.sopInstanceUid().equals(sopInstanceUid))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the reading record knows no image "
                              + sopInstanceUid
                              + " in this study; its images: "
                              + (uids.isEmpty() ? "none yet" : String.join(", ", uids))));
      return markOn(read, image, frame, label, region, note);
    }
    if (images.size() == 1) {
      return markOn(read, images.get(0), frame, label, region, note);
    }
    if (images.size() > 1) {
      throw new IllegalArgumentException(
          "the study has "
              + images.size()
              + " images; name the one the mark is on with --image: "
              + String.join(", ", uids));
    }
    return addMark(read, null, 0, label, region, note);
  }

  private ReaderMark addMark(
      StudyRead read, StudyImage image, int frame, String label, Region region, String note)
      throws ReadingStoreException {
    if (read.phase() == ReadPhase.DONE) {
      throw new IllegalStateException("the read is finished; marks can no longer be added");
    }
    return store.sessions().addMark(read, image, frame, label, region, note, now());
  }

  /** Ends the blinded read with the reader's own impression and shows the AI. */
  public StudyRead reveal(StudyRead read, String blindedImpression) throws ReadingStoreException {
    if (read.phase() != ReadPhase.BLINDED) {
      throw new IllegalStateException("the AI of this read is already revealed");
    }
    return store.sessions().advance(read, ReadPhase.REVEALED, blindedImpression, now());
  }

  /**
   * Finishes the read with the final impression; the blinded one stays as it was recorded. A
   * finished read is final: completing it again would overwrite its impression and its time.
   */
  public StudyRead complete(StudyRead read, String finalImpression) throws ReadingStoreException {
    if (read.phase() == ReadPhase.BLINDED) {
      throw new IllegalStateException("reveal the AI before finishing a second read");
    }
    if (read.phase() == ReadPhase.DONE) {
      throw alreadyComplete(read);
    }
    return store.sessions().advance(read, ReadPhase.DONE, finalImpression, now());
  }

  static IllegalStateException alreadyComplete(StudyRead read) {
    return new IllegalStateException(
        "the read of study "
            + read.studyInstanceUid()
            + " in session "
            + read.sessionId()
            + " is already complete; a completed read is final and keeps its impression");
  }

  public SessionSummary summary(long sessionId) throws ReadingStoreException {
    ReadingSession session = store.sessions().session(sessionId);
    List<SessionSummary.StudySummary> studies = new ArrayList<>();
    for (StudyRead read : store.sessions().studyReads(sessionId)) {
      if (read.phase() == ReadPhase.BLINDED) {
        // The AI's findings, and whether the reader's marks met them, would unblind the read.
        int marks = store.sessions().marks(read.id()).size();
        studies.add(
            new SessionSummary.StudySummary(
                read.studyInstanceUid(), read.phase(), 0, 0, 0, 0, 0, marks, 0, null, null, true));
        continue;
      }
      List<StoredFinding> findings = new ArrayList<>();
      int accepted = 0;
      int rejected = 0;
      int edited = 0;
      List<StoredAnalysis> analyses = store.analyses().latestPerImage(read.studyInstanceUid());
      for (StoredAnalysis analysis : analyses) {
        findings.addAll(analysis.findings());
        StudyReview review =
            new StudyReview(
                analysis,
                store.decisions().forAnalysis(analysis.id()).stream()
                    .filter(d -> Long.valueOf(read.id()).equals(d.studyReadId()))
                    .toList());
        for (StoredFinding f : analysis.findings()) {
          Optional<Decision> v = review.verdict(f.index());
          if (v.isPresent()) {
            switch (v.get().kind()) {
              case ACCEPT -> accepted++;
              case REJECT -> rejected++;
              case EDIT_REGION -> edited++;
              default -> {}
            }
          }
        }
      }
      List<ReaderMark> blinded =
          store.sessions().marks(read.id()).stream()
              .filter(m -> m.phase() == ReadPhase.BLINDED)
              .toList();
      int matched = 0;
      for (StoredAnalysis analysis : analyses) {
        String image = analysis.image().sopInstanceUid();
        for (StoredFinding f : analysis.findings()) {
          if (blinded.stream()
              .anyMatch(m -> m.mayLieOn(image, analysis.frame()) && m.region().overlaps(f.box()))) {
            matched++;
          }
        }
      }
      int marked = findings.size() + blinded.size();
      Double agreement =
          session.mode() != SessionMode.SECOND_READER || marked == 0
              ? null
              : 2.0 * matched / marked;
      Long seconds =
          read.completedAt() == null
              ? null
              : Duration.between(read.openedAt(), read.completedAt()).toSeconds();
      studies.add(
          new SessionSummary.StudySummary(
              read.studyInstanceUid(),
              read.phase(),
              findings.size(),
              accepted,
              rejected,
              edited,
              findings.size() - accepted - rejected - edited,
              blinded.size(),
              matched,
              agreement,
              seconds,
              false));
    }
    return new SessionSummary(session, studies);
  }

  /** Appends the export of a study to the audit log, failed or not. */
  public void exported(String studyUid, String format, boolean succeeded, String reader)
      throws ReadingStoreException {
    store
        .audit()
        .append(
            AuditEvent.Action.EXPORTED,
            succeeded ? AuditEvent.SUCCESS : AuditEvent.MINOR_FAILURE,
            actor(reader),
            studyUid,
            format,
            now());
  }

  public List<AuditEvent> auditTrail(String studyUid) throws ReadingStoreException {
    return store.audit().events(studyUid);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
