package org.radassist.dicom.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.radassist.testsupport.Externals;

/** dcmtk's view of a file: each element line of {@code dcmdump +L -Un +U8}, and its verdict. */
record Dcmdump(boolean ok, String errors, List<Line> lines) {
  record Line(int depth, int tag, String vr, String value, String length, int items) {}

  private static final Pattern LINE =
      Pattern.compile(
          "(?s)^( *)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?) *# *([^,\\s]+), *(\\d+) .*$");
  private static final Pattern START = Pattern.compile("^ *\\([0-9a-f]{4},[0-9a-f]{4}\\) \\S\\S ");
  private static final Pattern ITEMS = Pattern.compile("#=(\\d+)");

  static Dcmdump of(Path file) throws IOException, InterruptedException {
    Path tool = Externals.tool("dcmdump");
    Process p =
        new ProcessBuilder(tool.toString(), "+L", "-Un", "+U8", "-ll", "warn", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Dcmdump(false, "timeout", List.of());
    }
    StringBuilder errors = new StringBuilder();
    List<Line> lines = new ArrayList<>();
    List<String> joined = new ArrayList<>();
    for (String l : out.split("\n", -1)) {
      boolean continuation =
          !joined.isEmpty()
              && START.matcher(joined.get(joined.size() - 1)).find()
              && !LINE.matcher(joined.get(joined.size() - 1)).matches()
              && !START.matcher(l).find();
      if (continuation) {
        // Text values with line breaks continue on the next lines of dcmdump's output.
        joined.set(joined.size() - 1, joined.get(joined.size() - 1) + "\n" + l);
      } else {
        joined.add(l);
      }
    }
    for (String l : joined) {
      if (l.startsWith("E: ")) {
        errors.append(l).append('\n');
        continue;
      }
      Matcher m = LINE.matcher(l);
      if (!m.matches()) {
        continue;
      }
      int tag = (Integer.parseInt(m.group(2), 16) << 16) | Integer.parseInt(m.group(3), 16);
      if ((tag >>> 16) == 0xFFFE || tag == 0x00080005) {
        // Item lines have no element of their own; +U8 rewrites Specific Character Set.
        continue;
      }
      String value = m.group(5);
      int items = -1;
      Matcher im = ITEMS.matcher(value);
      if (im.find()) {
        items = Integer.parseInt(im.group(1));
      }
      lines.add(
          new Line(
              m.group(1).length() / 4,
              tag,
              m.group(4).replace("up", "UL"),
              value,
              m.group(6),
              items));
    }
    boolean ok = p.exitValue() == 0 && errors.length() == 0;
    return new Dcmdump(ok, errors.toString(), lines);
  }

  /** The value between the brackets of a text element, or null for other forms. */
  static String bracketed(String value) {
    if (value.endsWith("...")) {
      return null;
    }
    if (value.startsWith("[") && value.endsWith("]")) {
      return value.substring(1, value.length() - 1);
    }
    if (value.equals("(no value available)")) {
      return "";
    }
    return null;
  }
}
