package org.radassist.dicom.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Specific Character Set (0008,0005) as PS3.3 C.12.1.1.2 defines it: single-byte and multi-byte
 * repertoires, and ISO 2022 code extensions where escape sequences switch repertoires inside one
 * value (Japanese, Korean, Chinese names). Decoding falls back to Latin-1 so that unknown bytes are
 * shown rather than lost.
 */
public final class SpecificCharacterSet {
  public static final SpecificCharacterSet DEFAULT =
      new SpecificCharacterSet(StandardCharsets.ISO_8859_1, false);

  private final Charset base;
  private final boolean codeExtensions;

  private SpecificCharacterSet(Charset base, boolean codeExtensions) {
    this.base = base;
    this.codeExtensions = codeExtensions;
  }

  /** From the values of (0008,0005); an empty or unknown first value means the default. */
  public static SpecificCharacterSet of(List<String> values) {
    if (values.isEmpty()) {
      return DEFAULT;
    }
    boolean extensions = values.size() > 1 || values.get(0).startsWith("ISO 2022");
    for (String v : values) {
      if (v.startsWith("ISO 2022")) {
        extensions = true;
      }
    }
    Charset base = charsetOf(values.get(0));
    if (base == null) {
      base = StandardCharsets.ISO_8859_1;
    }
    return new SpecificCharacterSet(base, extensions);
  }

  private static Charset charsetOf(String term) {
    String t = term.trim().toUpperCase(Locale.ROOT).replace("ISO 2022 ", "ISO_");
    String name =
        switch (t) {
          case "", "ISO_IR 6", "ISO_IR 100" -> "ISO-8859-1";
          case "ISO_IR 101" -> "ISO-8859-2";
          case "ISO_IR 109" -> "ISO-8859-3";
          case "ISO_IR 110" -> "ISO-8859-4";
          case "ISO_IR 144" -> "ISO-8859-5";
          case "ISO_IR 127" -> "ISO-8859-6";
          case "ISO_IR 126" -> "ISO-8859-7";
          case "ISO_IR 138" -> "ISO-8859-8";
          case "ISO_IR 148" -> "ISO-8859-9";
          case "ISO_IR 203" -> "ISO-8859-15";
          case "ISO_IR 13" -> "JIS_X0201";
          case "ISO_IR 166" -> "TIS-620";
          case "ISO_IR 192" -> "UTF-8";
          case "GB18030" -> "GB18030";
          case "GBK" -> "GBK";
          case "ISO_IR 87", "ISO_IR 159" -> "ISO-2022-JP";
          case "ISO_IR 149" -> "EUC-KR";
          case "ISO_IR 58" -> "GB2312";
          default -> null;
        };
    if (name == null || !Charset.isSupported(name)) {
      return null;
    }
    return Charset.forName(name);
  }

  /** The charset for values that contain no escape sequence. */
  public Charset charset() {
    return base;
  }

  public String decode(byte[] b, int off, int len) {
    if (!codeExtensions || indexOfEsc(b, off, off + len) < 0) {
      return new String(b, off, len, base == null ? StandardCharsets.ISO_8859_1 : base);
    }
    StringBuilder out = new StringBuilder();
    int end = off + len;
    int p = off;
    Charset current = base;
    String jisSwitch = null;
    while (p < end) {
      int esc = indexOfEsc(b, p, end);
      int segEnd = esc < 0 ? end : esc;
      if (segEnd > p) {
        out.append(decodeSegment(b, p, segEnd, current, jisSwitch));
      }
      if (esc < 0) {
        break;
      }
      int seqLen = escapeLength(b, esc, end);
      String seq = new String(b, esc + 1, seqLen - 1, StandardCharsets.ISO_8859_1);
      jisSwitch = null;
      switch (seq) {
        case "(B" -> current = StandardCharsets.US_ASCII;
        case "(J", ")I" -> current = Charset.forName("JIS_X0201");
        case "$B", "$@" -> {
          current = Charset.forName("ISO-2022-JP");
          jisSwitch = "\u001b" + seq;
        }
        case "$(D" -> {
          current = Charset.forName("ISO-2022-JP-2");
          jisSwitch = "\u001b" + seq;
        }
        case "$)C" -> current = Charset.forName("EUC-KR");
        case "$)A" -> current = Charset.forName("GB2312");
        case "-A" -> current = StandardCharsets.ISO_8859_1;
        case "-B" -> current = Charset.forName("ISO-8859-2");
        case "-C" -> current = Charset.forName("ISO-8859-3");
        case "-D" -> current = Charset.forName("ISO-8859-4");
        case "-L" -> current = Charset.forName("ISO-8859-5");
        case "-G" -> current = Charset.forName("ISO-8859-6");
        case "-F" -> current = Charset.forName("ISO-8859-7");
        case "-H" -> current = Charset.forName("ISO-8859-8");
        case "-M" -> current = Charset.forName("ISO-8859-9");
        case "-T" -> current = Charset.forName("TIS-620");
        default -> {}
      }
      p = esc + seqLen;
    }
    return out.toString();
  }

  private static String decodeSegment(byte[] b, int from, int to, Charset cs, String jisSwitch) {
    if (jisSwitch == null) {
      return new String(b, from, to - from, cs);
    }
    ByteArrayOutputStream framed = new ByteArrayOutputStream(to - from + 8);
    byte[] sw = jisSwitch.getBytes(StandardCharsets.ISO_8859_1);
    framed.write(sw, 0, sw.length);
    framed.write(b, from, to - from);
    framed.write(0x1b);
    framed.write('(');
    framed.write('B');
    return framed.toString(cs);
  }

  private static int indexOfEsc(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == 0x1b) {
        return i;
      }
    }
    return -1;
  }

  private static int escapeLength(byte[] b, int esc, int end) {
    int i = esc + 1;
    while (i < end && i < esc + 4 && (b[i] == '$' || b[i] == '(' || b[i] == ')' || b[i] == '-')) {
      i++;
    }
    return Math.min(end, i + 1) - esc;
  }
}
