package org.radassist.dicom.codec.j2k;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes the code-blocks of a tile, which are independent of each other (T.800 D.1), on a small
 * shared pool of daemon threads; EBCOT is almost all of a decode's time. The pool size comes from
 * {@code radassist.j2k.threads} (default: available processors, at most 4), the caller's thread
 * being one of them; 1 decodes on the caller's thread alone.
 */
final class BlockJobs {
  static final int THREADS =
      Math.max(
          1,
          Integer.getInteger(
              "radassist.j2k.threads", Math.min(4, Runtime.getRuntime().availableProcessors())));

  private static final ExecutorService POOL =
      THREADS == 1
          ? null
          : Executors.newFixedThreadPool(
              THREADS - 1,
              r -> {
                Thread t = new Thread(r, "dicom-j2k-blocks");
                t.setDaemon(true);
                return t;
              });

  private static final ThreadLocal<BlockDecoder> DECODERS =
      ThreadLocal.withInitial(BlockDecoder::new);
  private static final ThreadLocal<HtBlockDecoder> HT_DECODERS =
      ThreadLocal.withInitial(HtBlockDecoder::new);

  private record Job(TileComponent tc, Subband band, CodeBlock cb) {}

  void decodeAll(TileComponent[] comps) throws J2kException {
    List<Job> work = new ArrayList<>();
    for (TileComponent tc : comps) {
      for (Resolution res : tc.resolutions) {
        for (int b = 0; b < res.bands.length; b++) {
          for (Precinct prec : res.precincts) {
            for (CodeBlock cb : prec.blocks[b]) {
              if (cb.passes > 0) {
                work.add(new Job(tc, res.bands[b], cb));
              }
            }
          }
        }
      }
    }
    if (POOL == null || work.size() < 8) {
      run(work, new AtomicInteger());
      return;
    }
    // Biggest blocks first and taken one at a time from a shared counter: fixed slices left one
    // thread idle while the other finished the high-resolution blocks. The caller works too.
    work.sort(Comparator.comparingInt((Job j) -> -j.cb().length));
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 1; p < THREADS; p++) {
      futures.add(
          POOL.submit(
              () -> {
                run(work, next);
                return null;
              }));
    }
    J2kException failure = null;
    try {
      run(work, next);
    } catch (J2kException e) {
      failure = e;
      next.set(work.size());
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new J2kException("interrupted while decoding code-blocks");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof J2kException j) {
          failure = j;
        } else if (e.getCause() instanceof RuntimeException r) {
          throw r;
        } else {
          throw new IllegalStateException(e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void run(List<Job> work, AtomicInteger next) throws J2kException {
    for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
      Job j = work.get(i);
      int bits = j.band().magnitudeBits + j.tc().roiShift;
      int style = j.tc().coding.blockStyle();
      int[] coefficients;
      if ((style & ComponentCoding.HIGH_THROUGHPUT) != 0) {
        HtBlockDecoder d = HT_DECODERS.get();
        d.decode(j.cb(), bits, (style & ComponentCoding.VERTICALLY_CAUSAL) != 0);
        coefficients = d.coefficients;
      } else {
        BlockDecoder d = DECODERS.get();
        d.decode(j.cb(), j.band().orientation, bits - j.cb().zeroPlanes, style);
        coefficients = d.coefficients;
      }
      TileDecoder.store(j.tc(), j.band(), j.cb(), coefficients);
      j.cb().data = null;
    }
  }
}
