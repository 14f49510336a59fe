package org.radassist.app.session.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.radassist.app.session.Decision;
import org.radassist.app.session.ReaderMark;
import org.radassist.app.session.ReadingService.SecondRead;
import org.radassist.app.session.Region;
import org.radassist.app.session.StoredAnalysis;
import org.radassist.app.session.StoredFinding;
import org.radassist.app.session.StudyReview;

/**
 * A study's read as JSON, for {@code review list --json} and the JSON export: the analysis (model
 * id, version, sha256, device, time), each finding with index, box, the verdict in force, comments
 * and the full decision history, and the study's reads in sessions (impressions and the reader's
 * marks). Field names are a contract: extend, never rename. With a de-identifier, UIDs are
 * replaced, names become ANONYMOUS, and paths and comments are left out.
 */
public final class ReviewJson {
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReviewJson() {}

  /**
   * Every analysed image of a study: the fields of one image as {@link #of(StudyReview,
   * Deidentifier)} gives them, for the most recently analysed image (what this format held before a
   * study could have several), and {@code images} with each analysed image in that form.
   */
  public static ObjectNode of(
      List<StudyReview> reviews, List<SecondRead> reads, Deidentifier deid) {
    StudyReview latest =
        reviews.stream().max(Comparator.comparingLong(r -> r.analysis().id())).orElseThrow();
    ObjectNode root = of(latest, deid);
    ArrayNode images = JSON.createArrayNode();
    for (StudyReview r : reviews) {
      images.add(of(r, deid));
    }
    root.set("images", images);
    root.set("reads", reads(reads, deid));
    return root;
  }

  /**
   * The study's reads in sessions: who read it, how, the impressions before and after the AI was
   * shown, and the regions the reader marked. De-identified, the impressions and notes (free text
   * that may name the patient) are left out, as comments are, and the reader is ANONYMOUS.
   */
  private static ArrayNode reads(List<SecondRead> reads, Deidentifier deid) {
    ArrayNode out = JSON.createArrayNode();
    for (SecondRead r : reads) {
      ObjectNode node = out.addObject();
      node.put("session", r.session().id());
      node.put("reader", deid == null ? r.session().reader() : Deidentifier.ANONYMOUS);
      node.put("mode", r.session().mode().name().toLowerCase(Locale.ROOT));
      node.put("phase", r.read().phase().name().toLowerCase(Locale.ROOT));
      if (deid == null) {
        node.put("openedAt", time(r.read().openedAt()));
        node.put("revealedAt", time(r.read().revealedAt()));
        node.put("completedAt", time(r.read().completedAt()));
        node.put("blindedImpression", r.read().blindedImpression());
        node.put("finalImpression", r.read().finalImpression());
      }
      ArrayNode marks = node.putArray("marks");
      for (ReaderMark m : r.marks()) {
        ObjectNode mark = marks.addObject();
        mark.put("label", m.label());
        mark.put("phase", m.phase().name().toLowerCase(Locale.ROOT));
        if (m.image() != null) {
          ObjectNode on = mark.putObject("image");
          on.put("sopInstanceUid", uid(deid, m.image().sopInstanceUid()));
          on.put("frame", m.frame());
        }
        region(mark.putObject("region"), m.region());
        if (deid == null && m.note() != null) {
          mark.put("note", m.note());
        }
      }
    }
    return out;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  public static ObjectNode of(StudyReview review, Deidentifier deid) {
    StoredAnalysis a = review.analysis();
    ObjectNode root = JSON.createObjectNode();
    root.put("studyInstanceUid", uid(deid, a.image().studyInstanceUid()));
    ObjectNode image = root.putObject("image");
    image.put("seriesInstanceUid", uid(deid, a.image().seriesInstanceUid()));
    image.put("sopClassUid", a.image().sopClassUid());
    image.put("sopInstanceUid", uid(deid, a.image().sopInstanceUid()));
    image.put("frame", a.frame());
    image.put("rows", a.image().rows());
    image.put("columns", a.image().columns());
    if (deid == null) {
      image.put("file", a.image().path().toString());
    }
    ObjectNode analysis = root.putObject("analysis");
    analysis.put("id", a.id());
    ObjectNode model = analysis.putObject("model");
    model.put("id", a.modelId());
    model.put("version", a.modelVersion());
    model.put("sha256", a.modelSha256());
    analysis.put("device", a.device());
    analysis.put("analysedAt", a.analysedAt().toString());
    ArrayNode labels = analysis.putArray("labels");
    for (StoredAnalysis.LabelScore l : a.labels()) {
      ObjectNode label = labels.addObject();
      label.put("name", l.name());
      label.put("kind", l.kind());
      label.put("probability", l.probability());
      label.put("threshold", l.threshold());
      label.put("positive", l.positive());
    }
    root.put("reviewComplete", review.complete());
    ArrayNode findings = root.putArray("findings");
    for (StoredFinding f : a.findings()) {
      ObjectNode finding = findings.addObject();
      finding.put("index", f.index());
      finding.put("label", f.label());
      finding.put("kind", f.kind());
      finding.put("score", f.score());
      region(finding.putObject("box"), f.box());
      ObjectNode peak = finding.putObject("peak");
      peak.put("x", f.peakX());
      peak.put("y", f.peakY());
      var verdict = review.verdict(f.index());
      finding.put("decision", verdict.map(d -> d.kind().key()).orElse(null));
      region(finding.putObject("region"), review.region(f.index()));
      ArrayNode history = finding.putArray("history");
      for (Decision d : review.decisions()) {
        if (d.findingIndex() != f.index()) {
          continue;
        }
        ObjectNode entry = history.addObject();
        entry.put("decision", d.kind().key());
        entry.put("reader", deid == null ? d.reader() : Deidentifier.ANONYMOUS);
        entry.put("decidedAt", deid == null ? d.decidedAt().toString() : null);
        if (d.region() != null) {
          region(entry.putObject("region"), d.region());
        }
        if (deid == null && d.comment() != null) {
          entry.put("comment", d.comment());
        }
      }
    }
    ArrayNode earlier = root.putArray("earlierDecisions");
    for (StudyReview.EarlierDecision e : review.earlier()) {
      ObjectNode entry = earlier.addObject();
      entry.put("analysisId", e.analysisId());
      ObjectNode earlierModel = entry.putObject("model");
      earlierModel.put("id", e.modelId());
      earlierModel.put("version", e.modelVersion());
      entry.put("findingIndex", e.decision().findingIndex());
      entry.put("decision", e.decision().kind().key());
      entry.put("reader", deid == null ? e.decision().reader() : Deidentifier.ANONYMOUS);
      entry.put("decidedAt", deid == null ? e.decision().decidedAt().toString() : null);
      if (e.decision().region() != null) {
        region(entry.putObject("region"), e.decision().region());
      }
      if (deid == null && e.decision().comment() != null) {
        entry.put("comment", e.decision().comment());
      }
    }
    if (deid != null) {
      root.put("deidentified", "PS3.15 E.1 Basic Profile, Clean Structured Content");
    }
    return root;
  }

  private static void region(ObjectNode node, Region r) {
    node.put("x", r.x());
    node.put("y", r.y());
    node.put("width", r.width());
    node.put("height", r.height());
  }

  private static String uid(Deidentifier deid, String uid) {
    return deid == null ? uid : deid.uid(uid);
  }
}
