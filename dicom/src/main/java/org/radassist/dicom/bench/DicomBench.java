package org.radassist.dicom.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.model.LoadResult;
import org.radassist.dicom.model.StudyLoader;
import org.radassist.dicom.write.DicomWriter;
import org.radassist.dicom.write.Uids;

/**
 * {@code radassist bench dicom}: decode throughput per transfer syntax (MB/s of decoded stored
 * values) and time to first image of a 200-slice CT-like series, beside GDCM (python3-gdcm),
 * pydicom and dcmtk on the same files in the same run. Usage: {@code DicomBench [CORPUS_DIR]
 * [SECONDS_PER_MEASUREMENT]}; CORPUS_DIR defaults to {@code ../shared/data/dicom}, the budget to
 * 0.5 s, which keeps a whole run under two minutes. Any other folder of DICOM files works too (see
 * {@link #corpusFiles}). The app calls {@link #run}.
 */
public final class DicomBench {
  private static final String CT = "cornerstone_test_images/CTImage.dcm";
  private static final List<String> FILES =
      List.of(
          CT + "_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm",
          CT + "_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm",
          CT + "_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm",
          CT + "_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm",
          CT + "_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm",
          CT + "_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm",
          CT + "_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm",
          CT + "_JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57.dcm",
          CT + "_JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70.dcm",
          CT + "_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm",
          CT + "_JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81.dcm",
          CT + "_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm",
          CT + "_JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91.dcm",
          "nema_wg04/RG2_RLE.dcm",
          "nema_wg04/RG2_JPLL.dcm",
          "nema_wg04/RG2_JPLY.dcm",
          "nema_wg04/RG2_JLSL.dcm",
          "nema_wg04/RG2_JLSN.dcm",
          "nema_wg04/RG2_J2KR.dcm",
          "nema_wg04/RG2_J2KI.dcm");

  private static final int MAX_FILES = 40;
  private static final long MAX_SLICE_BYTES = 2_000_000;

  private DicomBench() {}

  private record Rate(double mbPerSecond, String note) {
    static Rate failed(String why) {
      return new Rate(Double.NaN, why);
    }

    String show() {
      return Double.isNaN(mbPerSecond) ? note : String.format(Locale.ROOT, "%.1f", mbPerSecond);
    }
  }

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/data/dicom");
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
    run(corpus, seconds, System.out);
  }

  /**
   * Runs the whole bench on {@code corpus}, each measurement lasting about {@code seconds}, and
   * prints its tables to {@code out}.
   */
  public static void run(Path corpus, double seconds, PrintStream out) throws Exception {
    List<Path> files = corpusFiles(corpus);
    warmUp(files, 3 * seconds);
    Map<Path, Rate> ours = new HashMap<>();
    for (Path f : files) {
      ours.put(f, ours(f, seconds));
    }
    Map<Path, Rate> gdcm = python("gdcm", seconds, files);
    Map<Path, Rate> pydicom = python("pydicom", seconds, files);
    out.println(
        "Decode throughput, MB/s of decoded stored values (warm cache; JPEG 2000 code-blocks on "
            + System.getProperty("radassist.j2k.threads", "default")
            + " threads, -Dradassist.j2k.threads=1 for one)");
    out.printf(
        Locale.ROOT,
        "%-28s %-22s %9s %9s %7s %9s %12s%n",
        "transfer syntax",
        "file",
        "ours",
        "GDCM",
        "ours/GDCM",
        "pydicom",
        "dcmtk(proc)");
    for (Path f : files) {
      String ts;
      try {
        ts = DicomImage.read(f).transferSyntax().name();
      } catch (DicomException e) {
        ts = "?";
      }
      Rate o = ours.get(f);
      Rate g = gdcm.getOrDefault(f, Rate.failed("n/a"));
      Rate p = pydicom.getOrDefault(f, Rate.failed("n/a"));
      String ratio =
          Double.isNaN(o.mbPerSecond) || Double.isNaN(g.mbPerSecond)
              ? "-"
              : String.format(Locale.ROOT, "%.2f", o.mbPerSecond / g.mbPerSecond);
      out.printf(
          Locale.ROOT,
          "%-28s %-22s %9s %9s %7s %9s %12s%n",
          truncate(ts, 28),
          truncate(shortName(f), 22),
          o.show(),
          g.show(),
          ratio,
          p.show(),
          dcmtk(f, ts).show());
    }
    Optional<Path> slice = seriesSlice(files);
    if (slice.isPresent()) {
      firstImage(slice.get(), out);
    } else {
      out.println(
          "Time to first image: skipped, no single-frame image of at most "
              + MAX_SLICE_BYTES / 1_000_000
              + " MB among the files to make a 200-slice series of");
    }
  }

  /**
   * The files to time: the reference corpus's where {@code corpus} holds them (the same files on
   * every machine, so runs compare), else every DICOM image file under {@code corpus}, in name
   * order, up to {@value #MAX_FILES}, so that a site can time its own files the same way.
   */
  static List<Path> corpusFiles(Path corpus) throws IOException {
    if (!Files.isDirectory(corpus)) {
      throw new IOException(
          corpus + " is not a folder: give a folder of DICOM files (default ../shared/data/dicom)");
    }
    List<Path> known = FILES.stream().map(corpus::resolve).filter(Files::isRegularFile).toList();
    if (!known.isEmpty()) {
      return known;
    }
    List<Path> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(corpus)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        if (found.size() == MAX_FILES) {
          break;
        }
        if (isImage(f)) {
          found.add(f);
        }
      }
    }
    if (found.isEmpty()) {
      throw new IOException(corpus + " holds no DICOM image file to decode");
    }
    return found;
  }

  private static boolean isImage(Path f) {
    try {
      return DicomImage.read(f).frameCount() > 0;
    } catch (DicomException e) {
      return false;
    }
  }

  /**
   * The first single-frame image small enough to copy 200 times into a series (a CT or MR slice,
   * not a 2k radiograph, whose copies would take gigabytes).
   */
  static Optional<Path> seriesSlice(List<Path> files) {
    for (Path f : files) {
      try {
        PixelFormat p = DicomImage.read(f).pixelFormat();
        if (p.frames() == 1 && decodedBytes(p) <= MAX_SLICE_BYTES) {
          return Optional.of(f);
        }
      } catch (DicomException e) {
        // Not a candidate; its decoding error is in the table.
      }
    }
    return Optional.empty();
  }

  private static String shortName(Path f) {
    String n = f.getFileName().toString();
    return n.startsWith("CTImage.dcm_")
        ? "CTImage " + n.substring(12, Math.min(n.length(), 24))
        : n;
  }

  private static String truncate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }

  private static long decodedBytes(PixelFormat f) {
    return (long) f.rows()
        * f.columns()
        * f.samplesPerPixel()
        * ((f.bitsAllocated() + 7) / 8)
        * f.frames();
  }

  private static Rate ours(Path f, double seconds) {
    try {
      DicomImage first = DicomImage.read(f);
      long bytes = decodedBytes(first.pixelFormat());
      int count = 0;
      long start = System.nanoTime();
      long elapsed;
      do {
        decodeAll(f);
        count++;
        elapsed = System.nanoTime() - start;
      } while (elapsed < seconds * 1e9 || count < 3);
      return new Rate(bytes * count / (elapsed / 1e9) / 1e6, "");
    } catch (DicomException e) {
      return Rate.failed("error");
    }
  }

  /** Lets the JIT compile every decoder before any is timed, so file order does not matter. */
  private static void warmUp(List<Path> files, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      for (Path f : files) {
        try {
          decodeAll(f);
        } catch (DicomException e) {
          // Reported when the file is timed.
        }
      }
    }
  }

  private static void decodeAll(Path f) throws DicomException {
    DicomImage img = DicomImage.read(f);
    for (int i = 0; i < img.frameCount(); i++) {
      img.frame(i);
    }
  }

  private static Path script(String name) throws IOException {
    Path p = Files.createTempFile("radassist-bench-", ".py");
    try (InputStream in = DicomBench.class.getResourceAsStream(name)) {
      Files.write(p, in.readAllBytes());
    }
    p.toFile().deleteOnExit();
    return p;
  }

  private static Map<Path, Rate> python(String tool, double seconds, List<Path> files)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/usr/bin/python3",
                script("reference_decode.py").toString(),
                tool,
                Double.toString(seconds)));
    for (Path f : files) {
      cmd.add(f.toString());
    }
    Map<Path, Rate> out = new HashMap<>();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    for (String line : text.split("\n")) {
      String[] c = line.split("\t");
      if (c.length < 3) {
        continue;
      }
      Path f = Path.of(c[0]);
      if (c[1].equals("ERROR")) {
        out.put(f, Rate.failed("cannot"));
      } else {
        double bytes = Double.parseDouble(c[1]);
        out.put(f, new Rate(bytes * Double.parseDouble(c[2]) / Double.parseDouble(c[3]) / 1e6, ""));
      }
    }
    return out;
  }

  /** dcmtk's decompressor for the syntax, timed as whole processes (start-up included). */
  private static Rate dcmtk(Path f, String ts) {
    String tool =
        ts.startsWith("JPEG-LS")
            ? "dcmdjpls"
            : ts.startsWith("JPEG ") && !ts.startsWith("JPEG 2000")
                ? "dcmdjpeg"
                : ts.startsWith("RLE") ? "dcmdrle" : null;
    if (tool == null) {
      return Rate.failed("-");
    }
    try {
      long bytes = decodedBytes(DicomImage.read(f).pixelFormat());
      Path out = Files.createTempFile("radassist-bench-", ".dcm");
      try {
        int runs = 5;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
          Process p =
              new ProcessBuilder(tool, f.toString(), out.toString())
                  .redirectErrorStream(true)
                  .start();
          p.getInputStream().readAllBytes();
          if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return Rate.failed("cannot");
          }
        }
        double s = (System.nanoTime() - start) / 1e9;
        return new Rate(bytes * runs / s / 1e6, "");
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException | DicomException e) {
      return Rate.failed("n/a");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Rate.failed("n/a");
    }
  }

  /**
   * Writes a 200-slice series from one CT slice, then times first image: ours, pydicom, and GDCM's
   * and dcmtk's command-line decoders on the first slice.
   */
  private static void firstImage(Path ctSlice, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("radassist-bench-series");
    try {
      Attributes src = DicomImage.read(ctSlice).attributes();
      String study = Uids.generate();
      String series = Uids.generate();
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        order.add(i);
      }
      java.util.Collections.shuffle(order, new java.util.Random(7));
      for (int k = 0; k < 200; k++) {
        int slice = order.get(k);
        Attributes ds = new Attributes();
        for (var e : src.elements()) {
          ds.put(e);
        }
        ds.putString(Tag.STUDY_INSTANCE_UID, VR.UI, study);
        ds.putString(Tag.SERIES_INSTANCE_UID, VR.UI, series);
        ds.putString(Tag.SOP_INSTANCE_UID, VR.UI, Uids.generate());
        ds.putString(Tag.INSTANCE_NUMBER, VR.IS, Integer.toString(slice + 1));
        ds.putString(
            Tag.IMAGE_POSITION_PATIENT, VR.DS, "-125", "-125", Double.toString(slice * 1.25));
        ds.putString(Tag.IMAGE_ORIENTATION_PATIENT, VR.DS, "1", "0", "0", "0", "1", "0");
        DicomWriter.write(dir.resolve(String.format("IM%04d.dcm", k)), ds);
      }
      double[] ours = new double[5];
      for (int run = 0; run < ours.length; run++) {
        long start = System.nanoTime();
        try (StudyLoader loader = StudyLoader.withDefaultThreads()) {
          LoadResult r = loader.load(List.of(dir));
          loader.firstFrame(r.studies().get(0).series().get(0)).get();
        }
        ours[run] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(ours);
      double[] py = new double[3];
      for (int run = 0; run < py.length; run++) {
        Process p =
            new ProcessBuilder(
                    "/usr/bin/python3",
                    script("reference_first_image.py").toString(),
                    dir.toString())
                .redirectErrorStream(true)
                .start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        py[run] = Double.parseDouble(s.substring(s.lastIndexOf('\n') + 1)) * 1000;
      }
      Arrays.sort(py);
      Path first = dir.resolve(String.format("IM%04d.dcm", order.indexOf(0)));
      Path scratch = Files.createTempFile("radassist-bench-", ".out");
      double gdcm =
          processMedian(List.of("gdcmconv", "--raw", first.toString(), scratch.toString()));
      double dcmtk = processMedian(List.of("dcmj2pnm", first.toString(), scratch.toString()));
      Files.deleteIfExists(scratch);
      out.println();
      out.println(
          "Time to first image, 200 x 512x512 16-bit CT slices (headers of all, sort, decode first):");
      out.printf(
          Locale.ROOT, "  ours (StudyLoader, warm JVM)  median %.0f ms%n", ours[ours.length / 2]);
      out.printf(
          Locale.ROOT, "  pydicom (in-process timing)   median %.0f ms%n", py[py.length / 2]);
      // The command-line tools cannot scan and sort a series: they are handed the first slice, so
      // their figure is a lower bound (process start-up, one header, one decode, one write).
      out.printf(Locale.ROOT, "  gdcmconv --raw, first slice   median %s%n", showMs(gdcm));
      out.printf(Locale.ROOT, "  dcmj2pnm, first slice         median %s%n", showMs(dcmtk));
    } finally {
      try (var s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String showMs(double ms) {
    return Double.isNaN(ms) ? "cannot" : String.format(Locale.ROOT, "%.0f ms (process)", ms);
  }

  /** Median wall time of three runs of a command, or NaN when it is missing or fails. */
  private static double processMedian(List<String> cmd) {
    double[] t = new double[3];
    try {
      for (int i = 0; i < t.length; i++) {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          return Double.NaN;
        }
        t[i] = (System.nanoTime() - start) / 1e6;
      }
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
    Arrays.sort(t);
    return t[1];
  }
}
