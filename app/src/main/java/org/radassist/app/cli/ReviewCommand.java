package org.radassist.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.radassist.app.session.Decision;
import org.radassist.app.session.DecisionKind;
import org.radassist.app.session.ReadingService;
import org.radassist.app.session.ReadingStoreException;
import org.radassist.app.session.Region;
import org.radassist.app.session.StoredFinding;
import org.radassist.app.session.StudyReview;
import org.radassist.app.session.export.ExportFormat;
import org.radassist.app.session.export.ReviewJson;
import org.radassist.app.session.export.StudyExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code radassist review record|list|export}: the reading record without the window, over the same
 * {@link ReadingService} the workstation uses. Findings are numbered from 0 per image, in the order
 * of the image's latest analysis, as in the {@code findings} array of {@code analyze}'s JSON.
 */
@Command(
    name = "review",
    description = "Record, list and export reader decisions on AI findings.",
    subcommands = {
      ReviewCommand.Record.class,
      ReviewCommand.ListDecisions.class,
      ReviewCommand.Export.class,
      ReviewSessionCommand.class
    })
final class ReviewCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "say what to do: record, list or export");
  }

  ReadingService open() throws ReadingStoreException {
    return ReadingService.open(root.paths().configureLogging().root());
  }

  ReadingService openForReading() throws ReadingStoreException {
    return ReadingService.openForReading(root.paths().configureLogging().root());
  }

  /** Runs {@code work} on the record; store failures are one line on stderr and exit 1. */
  static int withService(CommandSpec spec, ReviewCommand review, Work work) {
    return withService(spec, review, false, work);
  }

  /** As above; {@code onlyReads} also works on a record in a folder that cannot be written. */
  static int withService(CommandSpec spec, ReviewCommand review, boolean onlyReads, Work work) {
    PrintWriter err = spec.commandLine().getErr();
    try (ReadingService service = onlyReads ? review.openForReading() : review.open()) {
      return work.run(service, spec.commandLine().getOut());
    } catch (ReadingStoreException | java.io.IOException e) {
      err.println("radassist: " + CliErrors.describe(e));
      return RootCommand.FAILURE;
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("radassist: " + CliErrors.describe(e));
      return RootCommand.USAGE;
    } finally {
      spec.commandLine().getOut().flush();
      err.flush();
    }
  }

  @FunctionalInterface
  interface Work {
    int run(ReadingService service, PrintWriter out)
        throws ReadingStoreException, java.io.IOException;
  }

  @Command(name = "record", description = "Record a decision on one AI finding of a study.")
  static final class Record implements Callable<Integer> {
    @ParentCommand ReviewCommand review;
    @Spec CommandSpec spec;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "Study UID")
    String study;

    @Option(
        names = "--finding",
        required = true,
        paramLabel = "N",
        description = "Finding index in the study's latest analysis, from 0")
    int finding;

    @Option(
        names = "--decision",
        required = true,
        paramLabel = "accept|reject|edit-region|comment",
        converter = DecisionConverter.class,
        description = "What the reader decided")
    DecisionKind decision;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Free-text comment")
    String comment;

    @Option(
        names = "--region",
        paramLabel = "X,Y,W,H",
        converter = RegionConverter.class,
        description = "Corrected region in image pixels (with edit-region)")
    Region region;

    @Option(
        names = "--reader",
        paramLabel = "NAME",
        description = "Reader's name (default: the operating-system user)")
    String reader;

    @Option(
        names = "--session",
        paramLabel = "ID",
        description = "Record within this reading session (refused while the read is blinded)")
    Long session;

    @Option(
        names = "--image",
        paramLabel = "SOPUID",
        description =
            "SOP Instance UID of the image whose finding it is; needed when the study has more"
                + " than one analysed image ('review list' shows them)")
    String image;

    @Override
    public Integer call() {
      return withService(
          spec,
          review,
          (service, out) -> {
            Decision d =
                session == null
                    ? service.decide(study, image, finding, decision, region, comment, reader)
                    : service.decide(
                        service.read(service.session(session), study),
                        image,
                        finding,
                        decision,
                        region,
                        comment,
                        reader);
            out.printf(
                Locale.ROOT,
                "recorded %s on finding %d by %s (decision %d)%n",
                d.kind().key(),
                d.findingIndex(),
                d.reader(),
                d.id());
            if (region != null && !region.equals(d.region())) {
              out.println(
                  "the region "
                      + region.text()
                      + " reaches outside the image; recorded the part inside it: "
                      + d.region().text());
            }
            return RootCommand.OK;
          });
    }
  }

  @Command(name = "list", description = "List a study's AI findings with the decisions on them.")
  static final class ListDecisions implements Callable<Integer> {
    @ParentCommand ReviewCommand review;
    @Spec CommandSpec spec;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "Study UID")
    String study;

    @Option(
        names = "--json",
        description = "Print JSON (the format of 'review export --format json')")
    boolean json;

    @Option(
        names = "--reader",
        paramLabel = "NAME",
        description =
            "Who lists (default: the operating-system user); refused while their blinded read of"
                + " the study is open")
    String reader;

    @Override
    public Integer call() {
      return withService(
          spec,
          review,
          true,
          (service, out) -> {
            service.refuseWhileBlinded(study, reader);
            List<StudyReview> reviews = service.reviews(study);
            if (json) {
              out.println(
                  ReviewJson.JSON.writeValueAsString(
                      ReviewJson.of(reviews, service.secondReads(study), null)));
              return RootCommand.OK;
            }
            for (StudyReview r : reviews) {
              out.printf(
                  Locale.ROOT,
                  "image %s: model %s %s, %d finding(s)%n",
                  r.analysis().image().sopInstanceUid(),
                  r.analysis().modelId(),
                  r.analysis().modelVersion(),
                  r.analysis().findings().size());
              for (StoredFinding f : r.analysis().findings()) {
                var v = r.verdict(f.index());
                out.printf(
                    Locale.ROOT,
                    "%d  %s  %.3f  %s%n",
                    f.index(),
                    f.label(),
                    f.score(),
                    v.map(d -> d.kind().key() + " by " + d.reader()).orElse("undecided"));
              }
              if (!r.earlier().isEmpty()) {
                out.printf(
                    Locale.ROOT,
                    "  %d decision(s) on earlier analyses of this image, not shown above (--json"
                        + " lists them)%n",
                    r.earlier().size());
              }
            }
            return RootCommand.OK;
          });
    }
  }

  @Command(name = "export", description = "Export a study's read as DICOM SR, SC, PDF or JSON.")
  static final class Export implements Callable<Integer> {
    @ParentCommand ReviewCommand review;
    @Spec CommandSpec spec;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "Study UID")
    String study;

    @Option(
        names = "--format",
        required = true,
        paramLabel = "sr|sc|pdf|json",
        description = "Structured Report, Secondary Capture with overlay, PDF report, or JSON")
    ExportFormat format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write")
    Path out;

    @Option(
        names = "--deidentify",
        description = "Apply the DICOM PS3.15 Basic De-identification Profile")
    boolean deidentify;

    @Option(names = "--reader", paramLabel = "NAME", description = "Who exports (for the audit)")
    String reader;

    @Override
    public Integer call() {
      return withService(
          spec,
          review,
          (service, stdout) -> {
            service.refuseWhileBlinded(study, reader);
            for (Path file :
                new StudyExporter(service).export(study, format, out, deidentify, reader)) {
              stdout.println("wrote " + file);
            }
            return RootCommand.OK;
          });
    }
  }

  static final class DecisionConverter implements ITypeConverter<DecisionKind> {
    @Override
    public DecisionKind convert(String value) {
      try {
        return DecisionKind.ofKey(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class RegionConverter implements ITypeConverter<Region> {
    @Override
    public Region convert(String value) {
      String[] p = value.split(",");
      try {
        if (p.length != 4) {
          throw new IllegalArgumentException("four numbers expected");
        }
        return new Region(
            Integer.parseInt(p[0].trim()),
            Integer.parseInt(p[1].trim()),
            Integer.parseInt(p[2].trim()),
            Integer.parseInt(p[3].trim()));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "region must be X,Y,W,H in pixels with W,H > 0, was " + value);
      }
    }
  }
}
