package org.radassist.dicom.codec.j2k;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The CxtVLC code of the HT cleanup pass (T.814): for a quad's context and the next seven bits of
 * the VLC stream, its significance pattern, EMB bits, u-offset and codeword length. The codewords
 * are the standard's normative tables, kept as data in {@code ht-vlc-tables.txt}; they are expanded
 * here into direct look-ups because a prefix code of at most seven bits indexes cheaply.
 */
final class HtVlcTable {
  /** Look-ups for the initial quad row and for the others, indexed by context << 7 | bits. */
  static final int[][] LOOKUP = load();

  private HtVlcTable() {}

  static int rho(int entry) {
    return entry & 0xF;
  }

  static int uOffset(int entry) {
    return (entry >> 4) & 1;
  }

  static int ek(int entry) {
    return (entry >> 8) & 0xF;
  }

  static int e1(int entry) {
    return (entry >> 12) & 0xF;
  }

  static int length(int entry) {
    return entry >>> 16;
  }

  private static int[][] load() {
    int[][] tables = new int[2][1024];
    try (InputStream in = HtVlcTable.class.getResourceAsStream("ht-vlc-tables.txt")) {
      if (in == null) {
        throw new IllegalStateException("ht-vlc-tables.txt is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        int table = Integer.parseInt(f[0]);
        int context = Integer.parseInt(f[1]);
        int entry =
            Integer.parseInt(f[2])
                | Integer.parseInt(f[3]) << 4
                | Integer.parseInt(f[4]) << 8
                | Integer.parseInt(f[5]) << 12
                | Integer.parseInt(f[7]) << 16;
        int codeword = Integer.parseInt(f[6]);
        int length = Integer.parseInt(f[7]);
        for (int tail = 0; tail < 1 << (7 - length); tail++) {
          tables[table][context << 7 | tail << length | codeword] = entry;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }
}
