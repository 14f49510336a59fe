package org.radassist.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.ReadingSession;
import org.radassist.app.session.ReadingStoreException;
import org.radassist.app.session.Region;
import org.radassist.app.session.SessionMode;
import org.radassist.app.session.SessionSummary;
import org.radassist.app.session.StudyRead;
import org.radassist.app.session.export.ReviewJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code radassist review session ...}: a second read without the window. Start a session, open a
 * study (blinded in second-reader mode), mark what you see, reveal the AI with your impression,
 * record decisions with {@code review record --session}, complete the study, and summarise.
 */
@Command(
    name = "session",
    description = "Reading sessions: blinded second reads, both impressions kept, summaries.",
    subcommands = {
      ReviewSessionCommand.Start.class,
      ReviewSessionCommand.Open.class,
      ReviewSessionCommand.Mark.class,
      ReviewSessionCommand.Reveal.class,
      ReviewSessionCommand.Complete.class,
      ReviewSessionCommand.Summary.class
    })
final class ReviewSessionCommand implements Callable<Integer> {
  @ParentCommand ReviewCommand review;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "say what to do: start, open, mark, reveal, complete or summary");
  }

  /** Options naming one study of one session. */
  abstract static class OnStudy implements Callable<Integer> {
    @ParentCommand ReviewSessionCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--session", required = true, paramLabel = "ID", description = "Session id")
    long session;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "Study UID")
    String study;

    @Override
    public Integer call() {
      return ReviewCommand.withService(
          spec,
          parent.review,
          (service, out) -> {
            StudyRead read = run(service, service.session(session));
            out.printf(
                Locale.ROOT,
                "session %d, study %s: %s%n",
                session,
                study,
                read.phase().name().toLowerCase(Locale.ROOT));
            return RootCommand.OK;
          });
    }

    abstract StudyRead run(ReadingService service, ReadingSession session)
        throws ReadingStoreException;
  }

  @Command(name = "start", description = "Start a reading session and print its id.")
  static final class Start implements Callable<Integer> {
    @ParentCommand ReviewSessionCommand parent;
    @Spec CommandSpec spec;

    @Option(
        names = "--mode",
        defaultValue = "second-reader",
        paramLabel = "second-reader|concurrent",
        converter = ModeConverter.class,
        description = "second-reader: AI hidden until revealed (default); concurrent: AI shown")
    SessionMode mode;

    @Option(names = "--reader", paramLabel = "NAME", description = "Reader's name")
    String reader;

    @Override
    public Integer call() {
      return ReviewCommand.withService(
          spec,
          parent.review,
          (service, out) -> {
            ReadingSession s = service.startSession(reader, mode);
            out.println(s.id());
            return RootCommand.OK;
          });
    }
  }

  @Command(name = "open", description = "Open a study in the session (blinded in second-reader).")
  static final class Open extends OnStudy {
    @Override
    StudyRead run(ReadingService service, ReadingSession session) throws ReadingStoreException {
      return service.openStudy(session, study);
    }
  }

  @Command(
      name = "mark",
      description = "Record a region the reader sees, e.g. in the blinded read.")
  static final class Mark extends OnStudy {
    @Option(names = "--label", required = true, paramLabel = "LABEL", description = "What it is")
    String label;

    @Option(
        names = "--region",
        required = true,
        paramLabel = "X,Y,W,H",
        converter = ReviewCommand.RegionConverter.class,
        description = "Region in image pixels")
    Region region;

    @Option(names = "--note", paramLabel = "TEXT", description = "Free text")
    String note;

    @Option(
        names = "--image",
        paramLabel = "SOPUID",
        description =
            "SOP Instance UID of the image the region is on; needed when the record knows more"
                + " than one image of the study ('review list' shows them)")
    String image;

    @Option(
        names = "--frame",
        paramLabel = "N",
        description = "Frame of a multi-frame image the region is on, from 0 (default 0)")
    int frame;

    @Override
    StudyRead run(ReadingService service, ReadingSession session) throws ReadingStoreException {
      StudyRead read = service.read(session, study);
      Region kept = service.mark(read, image, frame, label, region, note).region();
      if (!kept.equals(region)) {
        spec.commandLine()
            .getOut()
            .println(
                "the mark "
                    + region.text()
                    + " reaches outside the image; recorded the part inside it: "
                    + kept.text());
      }
      return read;
    }
  }

  @Command(name = "reveal", description = "End the blinded read with an impression; show the AI.")
  static final class Reveal extends OnStudy {
    @Option(names = "--impression", paramLabel = "TEXT", description = "The blinded impression")
    String impression;

    @Override
    StudyRead run(ReadingService service, ReadingSession session) throws ReadingStoreException {
      return service.reveal(service.read(session, study), impression);
    }
  }

  @Command(name = "complete", description = "Finish the study's read with the final impression.")
  static final class Complete extends OnStudy {
    @Option(names = "--impression", paramLabel = "TEXT", description = "The final impression")
    String impression;

    @Override
    StudyRead run(ReadingService service, ReadingSession session) throws ReadingStoreException {
      return service.complete(service.read(session, study), impression);
    }
  }

  @Command(name = "summary", description = "Decisions, time per study and reader-AI agreement.")
  static final class Summary implements Callable<Integer> {
    @ParentCommand ReviewSessionCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "--session", required = true, paramLabel = "ID", description = "Session id")
    long session;

    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Override
    public Integer call() {
      return ReviewCommand.withService(
          spec,
          parent.review,
          true,
          (service, out) -> {
            SessionSummary summary = service.summary(session);
            if (json) {
              out.println(ReviewJson.JSON.writeValueAsString(toJson(summary)));
              return RootCommand.OK;
            }
            out.printf(
                Locale.ROOT,
                "session %d (%s, %s): %d accepted, %d rejected, agreement %s%n",
                summary.session().id(),
                summary.session().reader(),
                summary.session().mode().name().toLowerCase(Locale.ROOT),
                summary.accepted(),
                summary.rejected(),
                summary.agreement() == null
                    ? "n/a"
                    : String.format(Locale.ROOT, "%.2f", summary.agreement()));
            for (SessionSummary.StudySummary s : summary.studies()) {
              if (s.aiHidden()) {
                out.printf(
                    Locale.ROOT,
                    "  %s  blinded  AI hidden until the read is revealed; %d blinded mark(s)%n",
                    s.studyInstanceUid(),
                    s.blindedMarks());
                continue;
              }
              out.printf(
                  Locale.ROOT,
                  "  %s  %s  %d finding(s): %d accepted, %d rejected, %d edited, %d undecided;"
                      + " %d blinded mark(s), %d matched; %s%n",
                  s.studyInstanceUid(),
                  s.phase().name().toLowerCase(Locale.ROOT),
                  s.aiFindings(),
                  s.accepted(),
                  s.rejected(),
                  s.edited(),
                  s.undecided(),
                  s.blindedMarks(),
                  s.matched(),
                  s.readSeconds() == null ? "in progress" : s.readSeconds() + " s");
            }
            return RootCommand.OK;
          });
    }

    private static ObjectNode toJson(SessionSummary summary) {
      ObjectNode root = ReviewJson.JSON.createObjectNode();
      root.put("session", summary.session().id());
      root.put("reader", summary.session().reader());
      root.put("mode", summary.session().mode().name());
      root.put("startedAt", summary.session().startedAt().toString());
      root.put("accepted", summary.accepted());
      root.put("rejected", summary.rejected());
      root.put("agreement", summary.agreement());
      ArrayNode studies = root.putArray("studies");
      for (SessionSummary.StudySummary s : summary.studies()) {
        ObjectNode study = studies.addObject();
        study.put("studyInstanceUid", s.studyInstanceUid());
        study.put("phase", s.phase().name());
        study.put("aiHidden", s.aiHidden());
        study.put("aiFindings", s.aiHidden() ? null : s.aiFindings());
        study.put("accepted", s.accepted());
        study.put("rejected", s.rejected());
        study.put("edited", s.edited());
        study.put("undecided", s.aiHidden() ? null : s.undecided());
        study.put("blindedMarks", s.blindedMarks());
        study.put("matched", s.aiHidden() ? null : s.matched());
        study.put("agreement", s.agreement());
        study.put("readSeconds", s.readSeconds());
      }
      return root;
    }
  }

  static final class ModeConverter implements ITypeConverter<SessionMode> {
    @Override
    public SessionMode convert(String value) {
      try {
        return SessionMode.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("mode must be second-reader or concurrent, was " + value);
      }
    }
  }
}
