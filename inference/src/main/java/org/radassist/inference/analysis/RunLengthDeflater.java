package org.radassist.inference.analysis;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Raw deflate (RFC 1951) for filtered heatmap rows, close to what zlib's {@code Z_RLE} strategy
 * writes, which {@link java.util.zip.Deflater} does not offer. A heatmap row after the Sub filter
 * is mostly zeros with a few small steps, and a repeated row is all zeros after the Up filter, so
 * the bytes that are not zero go out as literals and each run of zeros as a literal zero followed
 * by matches at distance 1. Finding the non-zero bytes takes a few word operations per eight bytes
 * instead of zlib's hash chains, which even at zlib's fastest level took as long as rendering the
 * map. Each band becomes one block with Huffman codes made from a sample of its symbols, so a band
 * of zeros costs a few bits per 258 bytes and even noise stays near 8 bits a byte.
 */
final class RunLengthDeflater {
  private static final int MIN_MATCH = 3;
  private static final int MAX_MATCH = 258;

  /** The longest run of zeros one literal and one match can take. */
  private static final int MAX_SHORT_ZEROS = MAX_MATCH + 1;

  private static final int END_OF_BLOCK = 256;
  private static final int LITERAL_LENGTH_CODES = 286;
  private static final int MAX_CODE_BITS = 15;

  /**
   * Literal/length codes are kept one bit shorter than deflate allows, so that a short run of zeros
   * (up to three literal zeros) and the literal after it, 56 bits at most, fit one 64-bit write
   * with the 7 bits that may be pending.
   */
  private static final int MAX_LITERAL_BITS = 14;

  private static final int MAX_CODE_LENGTH_BITS = 7;
  private static final int REPEAT_PREVIOUS = 16;
  private static final int REPEAT_ZERO = 17;
  private static final int REPEAT_ZERO_LONG = 18;

  /** How many slices of a band are counted for its codes. */
  private static final int SAMPLE_SLICES = 16;

  /** The slices together hold one byte in this many of the band. */
  private static final int SAMPLE_SHARE = 16;

  /** Where runs too short to match are counted, past the symbols that get codes. */
  private static final int NO_SYMBOL = LITERAL_LENGTH_CODES;

  /** The order in which the code-length code's own lengths are sent (RFC 1951 3.2.7). */
  private static final int[] CODE_LENGTH_ORDER = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
  };

  private static final int[] LENGTH_BASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258
  };
  private static final int[] LENGTH_EXTRA = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
  };

  /** Per match length, its length symbol (257 to 285); {@link #NO_SYMBOL} below three. */
  private static final int[] LENGTH_SYMBOL = new int[MAX_MATCH + 1];

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    Arrays.fill(LENGTH_SYMBOL, 0, MIN_MATCH, NO_SYMBOL);
    for (int c = 0; c < LENGTH_BASE.length; c++) {
      int end = c + 1 < LENGTH_BASE.length ? LENGTH_BASE[c + 1] : MAX_MATCH + 1;
      for (int len = LENGTH_BASE[c]; len < end; len++) {
        LENGTH_SYMBOL[len] = 257 + c;
      }
    }
  }

  private RunLengthDeflater() {}

  /**
   * {@code data[0..length)} as raw deflate; unless {@code last}, the stream is left open on a
   * byte-aligned sync flush (an empty stored block) so that another band's output can follow it.
   */
  static byte[] compress(byte[] data, int length, boolean last) {
    int[] sampled = new int[NO_SYMBOL + 1];
    int sampledBytes = sample(data, length, sampled);
    int[] freq = Arrays.copyOf(sampled, LITERAL_LENGTH_CODES);
    // The sample may miss symbols the rest of the band holds, so every symbol gets a code.
    for (int sym = 0; sym < freq.length; sym++) {
      freq[sym]++;
    }
    int[] litLengths = codeLengths(freq, MAX_LITERAL_BITS);
    int[] litCodes = canonicalCodes(litLengths);
    // Two distance codes of one bit each, a complete code every decoder accepts; only the first,
    // distance 1, is ever used.
    int[] distLengths = {1, 1};
    int[] all = Arrays.copyOf(litLengths, LITERAL_LENGTH_CODES + distLengths.length);
    System.arraycopy(distLengths, 0, all, LITERAL_LENGTH_CODES, distLengths.length);
    int[] lengthItems = new int[all.length];
    int items = runLengthCodeLengths(all, lengthItems);
    int[] clFreq = new int[19];
    for (int i = 0; i < items; i++) {
      clFreq[lengthItems[i] & 0xff]++;
    }
    int[] clLengths = codeLengths(clFreq, MAX_CODE_LENGTH_BITS);
    int[] clCodes = canonicalCodes(clLengths);
    int clCount = CODE_LENGTH_ORDER.length;
    while (clLengths[CODE_LENGTH_ORDER[clCount - 1]] == 0) {
      clCount--;
    }

    long sampleBits = 0;
    for (int sym = 0; sym < LITERAL_LENGTH_CODES; sym++) {
      int extra = sym > END_OF_BLOCK ? LENGTH_EXTRA[sym - 257] + 1 : 0;
      sampleBits += (long) sampled[sym] * (litLengths[sym] + extra);
    }
    long expectedBits = sampleBits * length / Math.max(1, sampledBytes);
    BlockWriter out =
        new BlockWriter(
            litCodes, litLengths, (int) Math.min(Integer.MAX_VALUE - 64, expectedBits / 6 + 1024));
    out.put(last ? 1 : 0, 1);
    out.put(2, 2);
    out.put(LITERAL_LENGTH_CODES - 257, 5);
    out.put(distLengths.length - 1, 5);
    out.put(clCount - 4, 4);
    for (int i = 0; i < clCount; i++) {
      out.put(clLengths[CODE_LENGTH_ORDER[i]], 3);
    }
    for (int i = 0; i < items; i++) {
      int sym = lengthItems[i] & 0xff;
      out.put(clCodes[sym], clLengths[sym]);
      if (sym == REPEAT_PREVIOUS) {
        out.put(lengthItems[i] >>> 8, 2);
      } else if (sym == REPEAT_ZERO) {
        out.put(lengthItems[i] >>> 8, 3);
      } else if (sym == REPEAT_ZERO_LONG) {
        out.put(lengthItems[i] >>> 8, 7);
      }
    }
    out.bytes(data, length);
    out.put(litCodes[END_OF_BLOCK], litLengths[END_OF_BLOCK]);
    if (!last) {
      out.put(0, 3);
      out.alignToByte();
      out.put(0x0000, 16);
      out.put(0xffff, 16);
    }
    out.alignToByte();
    return out.toByteArray();
  }

  /**
   * Symbol counts of a share of {@code data[0..n)}, in slices spread over it, for the Huffman
   * codes; counting all of it would mean finding every run twice. Returns how many bytes were
   * counted.
   */
  private static int sample(byte[] data, int n, int[] freq) {
    int slice = n / (SAMPLE_SLICES * SAMPLE_SHARE);
    if (slice < 64) {
      count(data, 0, n, freq);
      return n;
    }
    for (int k = 0; k < SAMPLE_SLICES; k++) {
      int from = (int) ((long) (n - slice) * k / (SAMPLE_SLICES - 1));
      count(data, from, from + slice, freq);
    }
    return slice * SAMPLE_SLICES;
  }

  /** Counts the symbols of {@code data[from..to)} as {@link BlockWriter#bytes} writes them. */
  private static void count(byte[] data, int from, int to, int[] freq) {
    int previous = from - 1;
    for (int base = from; base < to; base += 64) {
      for (long mask = nonZero(data, base, to); mask != 0; mask &= mask - 1) {
        int i = base + Long.numberOfTrailingZeros(mask);
        countZeros(freq, i - previous - 1);
        freq[data[i] & 0xff]++;
        previous = i;
      }
    }
    countZeros(freq, to - previous - 1);
  }

  /** A run of zeros: a literal zero, then matches, or literals where fewer than three are left. */
  private static void countZeros(int[] freq, int zeros) {
    if (zeros > 0) {
      int run = zeros - 1;
      int full = (run - 1) / MAX_MATCH;
      int rest = run - full * MAX_MATCH;
      freq[LENGTH_SYMBOL[MAX_MATCH]] += full;
      freq[0] += rest >= MIN_MATCH ? 1 : 1 + rest;
      freq[LENGTH_SYMBOL[rest]]++;
    }
  }

  /**
   * Bit {@code i} set where {@code data[base + i]} is not zero, for the up to 64 bytes from {@code
   * base} below {@code to}, eight bytes per step.
   */
  private static long nonZero(byte[] data, int base, int to) {
    long mask = 0;
    if (base + 64 <= to) {
      for (int i = 0; i < 64; i += 8) {
        mask |= nonZeroBytes((long) LONGS.get(data, base + i)) << i;
      }
    } else {
      for (int i = base; i < to; i++) {
        mask |= data[i] != 0 ? 1L << (i - base) : 0;
      }
    }
    return mask;
  }

  /** One bit per byte of {@code x}, set where the byte is not zero. */
  private static long nonZeroBytes(long x) {
    long high = ((x & 0x7f7f7f7f7f7f7f7fL) + 0x7f7f7f7f7f7f7f7fL | x) & 0x8080808080808080L;
    return (high >>> 7) * 0x0102040810204080L >>> 56;
  }

  /**
   * The code lengths as code-length symbols, each item {@code symbol | extra << 8}: runs of zeros
   * as 17 or 18, repeats of a non-zero length as 16 after it (RFC 1951 3.2.7).
   */
  private static int runLengthCodeLengths(int[] lengths, int[] items) {
    int k = 0;
    int i = 0;
    while (i < lengths.length) {
      int len = lengths[i];
      int run = 1;
      while (i + run < lengths.length && lengths[i + run] == len) {
        run++;
      }
      i += run;
      if (len == 0) {
        while (run >= 11) {
          int r = Math.min(run, 138);
          items[k++] = REPEAT_ZERO_LONG | (r - 11) << 8;
          run -= r;
        }
        if (run >= 3) {
          items[k++] = REPEAT_ZERO | (run - 3) << 8;
          run = 0;
        }
      } else {
        items[k++] = len;
        run--;
        while (run >= 3) {
          int r = Math.min(run, 6);
          items[k++] = REPEAT_PREVIOUS | (r - 3) << 8;
          run -= r;
        }
      }
      for (; run > 0; run--) {
        items[k++] = len;
      }
    }
    return k;
  }

  /**
   * Huffman code lengths for {@code freq}, none longer than {@code limit}: when the optimal code is
   * too deep the counts are halved (keeping every used symbol) until it fits. Fewer than two used
   * symbols get a partner so that the code is complete, which strict decoders require.
   */
  static int[] codeLengths(int[] freq, int limit) {
    int[] f = freq.clone();
    int used = 0;
    for (int v : f) {
      used += v > 0 ? 1 : 0;
    }
    for (int s = 0; used < 2; s++) {
      if (f[s] == 0) {
        f[s] = 1;
        used++;
      }
    }
    while (true) {
      int[] lengths = huffman(f, used);
      int max = 0;
      for (int v : lengths) {
        max = Math.max(max, v);
      }
      if (max <= limit) {
        return lengths;
      }
      for (int s = 0; s < f.length; s++) {
        if (f[s] > 0) {
          f[s] = (f[s] >> 1) | 1;
        }
      }
    }
  }

  /** Optimal code lengths by the two-queue method over leaves sorted by count. */
  private static int[] huffman(int[] freq, int used) {
    long[] sorted = new long[used];
    int m = 0;
    for (int s = 0; s < freq.length; s++) {
      if (freq[s] > 0) {
        sorted[m++] = (long) freq[s] << 32 | s;
      }
    }
    Arrays.sort(sorted);
    int nodes = 2 * used - 1;
    long[] weight = new long[nodes];
    int[] parent = new int[nodes];
    for (int i = 0; i < used; i++) {
      weight[i] = sorted[i] >>> 32;
    }
    int leaf = 0;
    int inner = used;
    for (int next = used; next < nodes; next++) {
      int a;
      if (inner < next && (leaf >= used || weight[inner] < weight[leaf])) {
        a = inner++;
      } else {
        a = leaf++;
      }
      int b;
      if (inner < next && (leaf >= used || weight[inner] < weight[leaf])) {
        b = inner++;
      } else {
        b = leaf++;
      }
      weight[next] = weight[a] + weight[b];
      parent[a] = next;
      parent[b] = next;
    }
    int[] depth = new int[nodes];
    for (int i = nodes - 2; i >= 0; i--) {
      depth[i] = depth[parent[i]] + 1;
    }
    int[] lengths = new int[freq.length];
    for (int i = 0; i < used; i++) {
      lengths[(int) sorted[i]] = depth[i];
    }
    return lengths;
  }

  /** Canonical codes for {@code lengths} (RFC 1951 3.2.2), bit-reversed for LSB-first output. */
  private static int[] canonicalCodes(int[] lengths) {
    int[] count = new int[MAX_CODE_BITS + 1];
    for (int len : lengths) {
      count[len]++;
    }
    count[0] = 0;
    int[] next = new int[MAX_CODE_BITS + 1];
    int code = 0;
    for (int bits = 1; bits <= MAX_CODE_BITS; bits++) {
      code = (code + count[bits - 1]) << 1;
      next[bits] = code;
    }
    int[] codes = new int[lengths.length];
    for (int s = 0; s < lengths.length; s++) {
      int len = lengths[s];
      if (len > 0) {
        codes[s] = Integer.reverse(next[len]++) >>> (32 - len);
      }
    }
    return codes;
  }

  /**
   * The block's bits, packed least significant first as deflate orders them. Each write stores
   * eight bytes and moves on by the whole bytes filled, which needs no branch.
   */
  private static final class BlockWriter {
    /** A table entry's low bits are codes, its top byte says how many bits they are. */
    private static final long CODE = (1L << 56) - 1;

    private final long[] literals = new long[256];

    /** Per match length, its length code, extra bits and the one-bit distance code together. */
    private final long[] matches = new long[MAX_MATCH + 1];

    /**
     * Per length of a run of zeros up to {@link #MAX_SHORT_ZEROS}: a literal zero and a match for
     * the rest, or only literal zeros when the rest is shorter than a match; nothing for none.
     */
    private final long[] zeroRuns = new long[MAX_SHORT_ZEROS + 1];

    private byte[] buf;
    private int pos;
    private long bits;
    private int count;

    BlockWriter(int[] codes, int[] lengths, int capacity) {
      for (int lit = 0; lit < 256; lit++) {
        literals[lit] = codes[lit] | (long) lengths[lit] << 56;
      }
      for (int len = MIN_MATCH; len <= MAX_MATCH; len++) {
        int sym = LENGTH_SYMBOL[len];
        int c = sym - 257;
        long code = codes[sym] | (long) (len - LENGTH_BASE[c]) << lengths[sym];
        matches[len] = code | (long) (lengths[sym] + LENGTH_EXTRA[c] + 1) << 56;
      }
      for (int zeros = 1; zeros <= MAX_SHORT_ZEROS; zeros++) {
        long tail = zeros - 1 >= MIN_MATCH ? matches[zeros - 1] : zeroRuns[zeros - 1];
        zeroRuns[zeros] = join(literals[0], tail);
      }
      buf = new byte[capacity + 8];
    }

    /** Two table entries one after the other, as one entry. */
    private static long join(long first, long second) {
      int size = (int) (first >>> 56);
      return (first | (second & CODE) << size) + (second & ~CODE);
    }

    /** Appends the low {@code n} (at most 56) bits of {@code value}. */
    void put(long value, int n) {
      ensure(8);
      bits |= value << count;
      count += n;
      LONGS.set(buf, pos, bits);
      int bytes = count >>> 3;
      pos += bytes;
      bits >>>= bytes << 3;
      count &= 7;
    }

    private void put(long entry) {
      put(entry & CODE, (int) (entry >>> 56));
    }

    /**
     * All of {@code data[0..n)}: per byte that is not zero, the run of zeros before it and then
     * itself. A run shorter than {@link #MAX_SHORT_ZEROS} is one table entry whatever its length,
     * as literals or as a match, so nothing branches on it: the lengths vary at random and such a
     * branch would be mispredicted about every other time.
     */
    void bytes(byte[] data, int n) {
      long[] lits = literals;
      long[] runs = zeroRuns;
      long acc = bits;
      int used = count;
      int p = pos;
      int previous = -1;
      for (int base = 0; base < n; base += 64) {
        // 64 bytes that are not zero, each after a short run, take at most 64 x 56 bits.
        if (p + 512 > buf.length) {
          pos = p;
          ensure(512);
        }
        byte[] b = buf;
        for (long mask = nonZero(data, base, n); mask != 0; mask &= mask - 1) {
          int i = base + Long.numberOfTrailingZeros(mask);
          int zeros = i - previous - 1;
          previous = i;
          if (zeros > MAX_SHORT_ZEROS) {
            bits = acc;
            count = used;
            pos = p;
            longZeros(zeros);
            // The rest of this block's budget was checked before the long run was written.
            ensure(512);
            acc = bits;
            used = count;
            p = pos;
            b = buf;
            zeros = 0;
          }
          long run = runs[zeros];
          long lit = lits[data[i] & 0xff];
          int runSize = (int) (run >>> 56);
          acc |= (run & CODE | (lit & CODE) << runSize) << used;
          used += runSize + (int) (lit >>> 56);
          LONGS.set(b, p, acc);
          int filled = used >>> 3;
          p += filled;
          acc >>>= filled << 3;
          used &= 7;
        }
      }
      bits = acc;
      count = used;
      pos = p;
      longZeros(n - previous - 1);
    }

    /** A run of zeros of any length, as {@link #countZeros} counts it. */
    private void longZeros(int zeros) {
      if (zeros <= MAX_SHORT_ZEROS) {
        put(zeroRuns[zeros]);
        return;
      }
      put(literals[0]);
      int run = zeros - 1;
      for (; run > MAX_MATCH; run -= MAX_MATCH) {
        put(matches[MAX_MATCH]);
      }
      put(run >= MIN_MATCH ? matches[run] : zeroRuns[run]);
    }

    private void ensure(int bytes) {
      if (pos + bytes + 8 > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + bytes + 8));
      }
    }

    void alignToByte() {
      put(0, (8 - count) & 7);
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, pos);
    }
  }
}
