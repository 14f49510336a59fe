package org.radassist.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.radassist.app.core.AnalysisWriter;
import org.radassist.app.core.AppPaths;
import org.radassist.app.core.InputFiles;
import org.radassist.app.pacs.PacsServer;
import org.radassist.app.pacs.PacsService;
import org.radassist.app.pacs.StorageReceiver;
import org.radassist.app.pacs.StudyCache;
import org.radassist.dicom.dimse.StorageScp;
import org.radassist.dicom.web.DicomWebClient;
import org.radassist.dicom.web.RetrieveProgress;
import org.radassist.dicom.web.StoreResult;
import org.radassist.dicom.web.StudyQuery;
import org.radassist.dicom.web.StudySearch;
import org.radassist.dicom.web.StudySummary;
import org.radassist.dicom.web.UidHash;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code radassist pacs query|pull|push|receive|cache|servers}: the workstation's PACS service
 * without a window. {@code --server} is the name of a configured server or a URL given explicitly;
 * nothing else is ever contacted. Secrets come from environment variables, never from the command
 * line, where other users of the machine could read them.
 */
@Command(
    name = "pacs",
    description = "Query, retrieve from and store to a DICOMweb PACS.",
    subcommands = {
      PacsCommand.Query.class,
      PacsCommand.Pull.class,
      PacsCommand.Push.class,
      PacsCommand.Receive.class,
      PacsCommand.Cache.class,
      PacsCommand.Servers.class
    })
final class PacsCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    return usage(spec, "Missing subcommand: query, pull, push, receive, cache or servers");
  }

  /** A mistake in the command line found after parsing; exits 2 like picocli's own. */
  static final class BadUsage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadUsage(String message) {
      super(message);
    }
  }

  static int usage(CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("radassist: " + message);
    err.flush();
    return RootCommand.USAGE;
  }

  /**
   * Runs a subcommand, turning {@link BadUsage} into its one stderr line and exit code 2, and
   * running out of heap into one line and exit code 1 instead of a stack trace.
   */
  static int guarded(CommandSpec spec, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (BadUsage e) {
      return usage(spec, e.getMessage());
    } catch (OutOfMemoryError e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "radassist: not enough memory ("
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MB heap); give Java more, e.g. RADASSIST_JAVA_OPTS=-Xmx4g");
      err.flush();
      return RootCommand.FAILURE;
    }
  }

  /** Which server and how to authenticate, shared by the commands that connect. */
  static final class ServerOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
        names = "--server",
        required = true,
        paramLabel = "NAME|URL",
        description = "A configured server's name, or a DICOMweb base URL")
    String server;

    @Option(names = "--user", description = "User for HTTP Basic authentication")
    String user;

    @ArgGroup(exclusive = true)
    Secret secret;

    static final class Secret {
      @Option(
          names = "--password-env",
          paramLabel = "VAR",
          description = "Environment variable holding the Basic password")
      String passwordEnv;

      @Option(
          names = "--token-env",
          paramLabel = "VAR",
          description = "Environment variable holding a Bearer token")
      String tokenEnv;
    }

    @Option(
        names = "--ca-cert",
        paramLabel = "PEM",
        description = "Trust only this CA certificate for https")
    Path caCertificate;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        description =
            "Give up when no data moved, or no answer came, for this long (default 60); a slow"
                + " transfer that keeps moving never times out")
    Integer timeoutSeconds;

    PacsServer resolve(PacsService service) {
      PacsServer configured = service.settings().server(server).orElse(null);
      boolean url = server.startsWith("http://") || server.startsWith("https://");
      if (configured == null && !url) {
        throw new BadUsage(
            "No PACS named '" + server + "' is configured, and it is not an http(s) URL");
      }
      String auth;
      String envVar;
      if (secret != null && secret.tokenEnv != null) {
        auth = "bearer";
        envVar = secret.tokenEnv;
      } else if (secret != null && secret.passwordEnv != null) {
        auth = "basic";
        envVar = secret.passwordEnv;
      } else if (configured != null) {
        auth = configured.auth();
        envVar = configured.secretEnv();
      } else {
        auth = "none";
        envVar = null;
      }
      if (auth.equals("basic")
          && user == null
          && (configured == null || configured.user() == null)) {
        throw new BadUsage("--password-env needs --user");
      }
      try {
        return server(configured, auth, envVar);
      } catch (IllegalArgumentException e) {
        throw new BadUsage(e.getMessage());
      }
    }

    private PacsServer server(PacsServer configured, String auth, String envVar) {
      return new PacsServer(
          configured != null ? configured.name() : server,
          configured != null ? configured.url() : server,
          auth,
          user != null ? user : configured != null ? configured.user() : null,
          envVar,
          caCertificate != null
              ? caCertificate.toString()
              : configured != null ? configured.caCertificate() : null,
          timeoutSeconds != null
              ? timeoutSeconds
              : configured != null ? configured.timeoutSeconds() : null);
    }
  }

  private static PacsService service(RootCommand root) throws java.io.IOException {
    AppPaths paths = root.paths().configureLogging();
    return PacsService.open(paths);
  }

  private static DicomWebClient connect(PacsService service, ServerOptions options)
      throws java.io.IOException {
    PacsServer server = options.resolve(service);
    if (server.needsSecret() && server.secretFromEnvironment(System.getenv()) == null) {
      throw new IllegalArgumentException(
          "environment variable "
              + server.secretEnv()
              + " is not set; it must hold the "
              + (server.auth().equals("basic") ? "password" : "token"));
    }
    return service.connect(server, null);
  }

  @Command(name = "query", description = "Search studies (QIDO-RS).")
  static final class Query implements Callable<Integer> {
    @ParentCommand PacsCommand pacs;
    @Spec CommandSpec spec;
    @Mixin ServerOptions server;

    @Option(names = "--patient-id", paramLabel = "ID", description = "Patient ID (* wildcard)")
    String patientId;

    @Option(
        names = "--patient-name",
        paramLabel = "NAME",
        description = "Patient name (* wildcard)")
    String patientName;

    @Option(names = "--study", paramLabel = "UID", description = "Study Instance UID")
    String studyUid;

    @Option(names = "--accession", paramLabel = "NUMBER", description = "Accession number")
    String accession;

    @Option(
        names = "--date",
        paramLabel = "FROM[-TO]",
        description = "Study date or range, YYYYMMDD, e.g. 20240101-20240131 or 20240101-")
    String date;

    @Option(names = "--modality", paramLabel = "MOD", description = "Modality in study, e.g. DX")
    String modality;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "At most this many studies (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "Print a JSON array instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
      return guarded(spec, this::run);
    }

    private Integer run() throws Exception {
      if (limit < 1) {
        throw new BadUsage("--limit must be at least 1, was " + limit);
      }
      // One more than shown tells whether the list is complete (PS3.18 8.3.4.4 leaves it to us).
      int asked = Math.max(limit, limit + 1);
      StudyQuery query =
          StudyQuery.all()
              .withPatientId(patientId)
              .withPatientName(patientName)
              .withStudyInstanceUid(studyUid)
              .withAccessionNumber(accession)
              .withModality(modality)
              .withPage(asked, 0);
      if (date != null) {
        query = withDates(query);
      }
      PacsService service = service(pacs.root);
      StudySearch search = service.query(connect(service, server), query);
      List<StudySummary> found = search.studies();
      boolean more = found.size() > limit;
      List<StudySummary> studies = more ? found.subList(0, limit) : found;
      PrintWriter err = spec.commandLine().getErr();
      if (more) {
        err.println(
            "radassist: showing the first " + limit + " studies; narrow the search or use --limit");
      } else if (search.incomplete()) {
        err.println(
            "radassist: the server sent "
                + found.size()
                + " studies and says there are more (\""
                + search.serverWarning()
                + "\"); narrow the search");
      }
      err.flush();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ArrayNode array = AnalysisWriter.JSON.createArrayNode();
        for (StudySummary s : studies) {
          ObjectNode o = array.addObject();
          o.put("studyInstanceUid", s.studyInstanceUid());
          o.put("patientId", s.patientId());
          o.put("patientName", s.patientName());
          o.put("patientBirthDate", s.patientBirthDate());
          o.put("studyDate", s.studyDate());
          o.put("studyTime", s.studyTime());
          o.put("accessionNumber", s.accessionNumber());
          o.put("description", s.description());
          ArrayNode mods = o.putArray("modalities");
          s.modalities().forEach(mods::add);
          o.put("seriesCount", s.seriesCount());
          o.put("instanceCount", s.instanceCount());
          o.put("moreMatches", more || search.incomplete());
        }
        out.println(AnalysisWriter.JSON.writeValueAsString(array));
      } else {
        for (StudySummary s : studies) {
          out.printf(
              "%s\t%s\t%s\t%s\t%s\t%d instance(s)\t%s%n",
              nz(s.studyDate()),
              nz(s.patientId()),
              nz(s.patientName()),
              String.join("/", s.modalities()),
              nz(s.description()),
              s.instanceCount(),
              s.studyInstanceUid());
        }
      }
      out.flush();
      return RootCommand.OK;
    }

    private StudyQuery withDates(StudyQuery query) {
      String[] range = date.split("-", -1);
      if (range.length > 2) {
        throw new BadUsage("--date must be FROM[-TO], was " + date);
      }
      try {
        LocalDate from = range[0].isEmpty() ? null : LocalDate.parse(range[0], DA);
        LocalDate to =
            range.length == 1 ? from : range[1].isEmpty() ? null : LocalDate.parse(range[1], DA);
        return query.withStudyDates(from, to);
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw new BadUsage("--date must be YYYYMMDD[-YYYYMMDD], was " + date);
      }
    }
  }

  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  @Command(name = "pull", description = "Retrieve a study (WADO-RS) into the cache or a folder.")
  static final class Pull implements Callable<Integer> {
    @ParentCommand PacsCommand pacs;
    @Spec CommandSpec spec;
    @Mixin ServerOptions server;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "Study UID")
    String studyUid;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Folder for the instances (default: the local study cache)")
    Path out;

    @Override
    public Integer call() throws Exception {
      return guarded(spec, this::run);
    }

    private Integer run() throws Exception {
      if (!studyUid.matches("[0-9]+(\\.[0-9]+)*") || studyUid.length() > 64) {
        throw new BadUsage("--study is not a UID: " + studyUid);
      }
      PacsService service = service(pacs.root);
      DicomWebClient client = connect(service, server);
      PrintWriter stdout = spec.commandLine().getOut();
      if (out != null) {
        List<Path> files = service.pullInto(client, studyUid, out, RetrieveProgress.NONE);
        stdout.println(files.size() + " instance(s) retrieved into " + out);
      } else {
        StudyCache.CachedStudy cached = service.pull(client, studyUid, RetrieveProgress.NONE);
        stdout.println(cached.files().size() + " instance(s) retrieved into " + cached.folder());
      }
      stdout.flush();
      return RootCommand.OK;
    }
  }

  @Command(name = "push", description = "Store DICOM files (STOW-RS).")
  static final class Push implements Callable<Integer> {
    @ParentCommand PacsCommand pacs;
    @Spec CommandSpec spec;
    @Mixin ServerOptions server;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DICOM files or folders")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
      return guarded(spec, this::run);
    }

    private Integer run() throws Exception {
      List<Path> expanded = InputFiles.expand(files);
      if (expanded.isEmpty()) {
        throw new BadUsage("No file to push in " + files);
      }
      PacsService service = service(pacs.root);
      StoreResult result = service.push(connect(service, server), expanded);
      PrintWriter err = spec.commandLine().getErr();
      for (StoreResult.Skipped s : result.skipped()) {
        err.println("radassist: skipped " + s.file() + ": " + s.reason());
      }
      for (StoreResult.Failed f : result.failed()) {
        String what =
            f.file() != null
                ? f.file().toString()
                : "instance " + UidHash.of(f.sopInstanceUid()) + " (not in this push)";
        err.println("radassist: not stored " + what + ": " + f.describe());
      }
      err.flush();
      PrintWriter stdout = spec.commandLine().getOut();
      for (StoreResult.Stored s : result.stored()) {
        if (s.file() != null) {
          stdout.println("stored\t" + s.file());
        }
      }
      stdout.println(
          result.stored().size()
              + " instance(s) stored, "
              + result.failed().size()
              + " failed, "
              + result.skipped().size()
              + " skipped");
      stdout.flush();
      return result.allStored() ? RootCommand.OK : RootCommand.FAILURE;
    }
  }

  @Command(
      name = "receive",
      description = "Accept C-STORE from modalities into the local study cache until interrupted.")
  static final class Receive implements Callable<Integer> {
    @ParentCommand PacsCommand pacs;
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "11112", description = "TCP port (default 11112)")
    int port;

    @Option(names = "--aet", defaultValue = "RADASSIST", description = "Our AE title")
    String aeTitle;

    @Option(
        names = "--artim",
        defaultValue = "20",
        paramLabel = "SECONDS",
        description =
            "Close a connection that has not requested an association within this time"
                + " (PS3.8 ARTIM; default ${DEFAULT-VALUE})")
    int artimSeconds;

    @Option(
        names = "--bind",
        defaultValue = "127.0.0.1",
        paramLabel = "ADDRESS",
        description = "Local address to listen on (default loopback; the clinic LAN's to serve it)")
    String bind;

    @Override
    public Integer call() throws Exception {
      return guarded(spec, this::run);
    }

    private Integer run() throws Exception {
      if (port < 0 || port > 65535) {
        throw new BadUsage("--port must be 0..65535, was " + port);
      }
      if (artimSeconds < 1) {
        throw new BadUsage("--artim must be at least 1 second, was " + artimSeconds);
      }
      InetAddress address;
      try {
        address = InetAddress.getByName(bind);
      } catch (java.net.UnknownHostException e) {
        throw new BadUsage("--bind is not an address of this machine: " + bind);
      }
      PacsService service = service(pacs.root);
      service.cache().removeAbandonedStaging();
      PrintWriter out = spec.commandLine().getOut();
      StorageReceiver receiver =
          new StorageReceiver(
              service.cache(),
              study -> {
                synchronized (out) {
                  out.println(
                      "received: study "
                          + UidHash.of(study.studyInstanceUid())
                          + " now has "
                          + study.files().size()
                          + " instance(s) in "
                          + study.folder());
                  out.flush();
                }
              });
      StorageScp scp;
      try {
        scp = StorageScp.start(address, port, aeTitle, receiver, Duration.ofSeconds(artimSeconds));
      } catch (IllegalArgumentException e) {
        throw new BadUsage(e.getMessage());
      }
      Thread hook = new Thread(scp::close, "storage-scp-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      synchronized (out) {
        out.println(
            "Listening as "
                + scp.aeTitle()
                + " on "
                + address.getHostAddress()
                + ":"
                + scp.port()
                + "; received studies go to "
                + service.cache().root());
        out.flush();
      }
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running or has run: it closes the SCP itself.
        }
        scp.close();
      }
      return RootCommand.OK;
    }
  }

  @Command(
      name = "cache",
      description = "List the studies kept locally; --limit-mb sets the size limit and trims now.")
  static final class Cache implements Callable<Integer> {
    @ParentCommand PacsCommand pacs;
    @Spec CommandSpec spec;

    @Option(names = "--limit-mb", paramLabel = "MB", description = "New cache size limit")
    Long limitMb;

    @Override
    public Integer call() throws Exception {
      return guarded(spec, this::run);
    }

    private Integer run() throws Exception {
      PacsService service = service(pacs.root);
      if (limitMb != null) {
        if (limitMb < 0) {
          throw new BadUsage("--limit-mb cannot be negative");
        }
        service.settings().setCacheLimitBytes(limitMb << 20);
        service.settings().save();
        service = service(pacs.root);
        service.cache().trim();
      }
      PrintWriter out = spec.commandLine().getOut();
      StudyCache.Abandoned abandoned = service.cache().removeAbandonedStaging();
      if (abandoned.folders() > 0) {
        out.printf(
            "Removed %d unfinished retrieval(s) left by an interrupted pull or receiver (%d KB)%n",
            abandoned.folders(), abandoned.bytes() / 1024);
      }
      long total = service.cache().stagingBytes();
      if (total > 0) {
        out.printf("%d KB still arriving%n", total / 1024);
      }
      for (StudyCache.CachedStudy c : service.cache().list()) {
        StudySummary s = c.study();
        total += c.bytes();
        out.printf(
            "%s\t%s\t%s\t%d instance(s)\t%d KB\t%s%n",
            s == null ? "" : nz(s.studyDate()),
            s == null ? "" : nz(s.patientId()),
            s == null ? "" : String.join("/", s.modalities()),
            c.files().size(),
            c.bytes() / 1024,
            c.studyInstanceUid());
      }
      out.printf(
          "%d MB of %d MB used in %s%n",
          total >> 20, service.cache().limitBytes() >> 20, service.cache().root());
      out.flush();
      return RootCommand.OK;
    }
  }

  @Command(
      name = "servers",
      description = "List configured servers, or add/remove one (kept in pacs.json).")
  static final class Servers implements Callable<Integer> {
    @ParentCommand PacsCommand pacs;
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "list|add|remove", defaultValue = "list")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2", arity = "0..1", paramLabel = "URL")
    String url;

    @Option(names = "--auth", defaultValue = "none", paramLabel = "none|basic|bearer")
    String auth;

    @Option(names = "--user")
    String user;

    @Option(
        names = "--secret-env",
        paramLabel = "VAR",
        description = "Environment variable that will hold the password or token")
    String secretEnv;

    @Option(names = "--ca-cert", paramLabel = "PEM")
    Path caCertificate;

    @Override
    public Integer call() throws Exception {
      return guarded(spec, this::run);
    }

    private Integer run() throws Exception {
      PacsService service = service(pacs.root);
      PrintWriter out = spec.commandLine().getOut();
      switch (action) {
        case "list" -> {
          for (PacsServer s : service.settings().servers()) {
            out.printf(
                "%s\t%s\t%s%s%n",
                s.name(), s.url(), s.auth(), s.user() == null ? "" : " as " + s.user());
          }
        }
        case "add" -> {
          if (name == null || url == null) {
            throw new BadUsage("add needs NAME and URL");
          }
          PacsServer server;
          try {
            server =
                new PacsServer(
                    name,
                    url,
                    auth,
                    user,
                    secretEnv,
                    caCertificate == null ? null : caCertificate.toAbsolutePath().toString(),
                    null);
          } catch (IllegalArgumentException e) {
            throw new BadUsage(e.getMessage());
          }
          service.settings().put(server);
          service.settings().save();
          out.println("PACS '" + name + "' saved");
        }
        case "remove" -> {
          if (name == null) {
            throw new BadUsage("remove needs NAME");
          }
          if (!service.settings().remove(name)) {
            spec.commandLine().getErr().println("radassist: no PACS named '" + name + "'");
            spec.commandLine().getErr().flush();
            return RootCommand.FAILURE;
          }
          service.settings().save();
          out.println("PACS '" + name + "' removed");
        }
        default -> throw new BadUsage("servers takes list, add or remove, not " + action);
      }
      out.flush();
      return RootCommand.OK;
    }
  }
}
