package org.radassist.dicom.codec.j2k;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes the code-blocks of a tile, which are independent of each other (T.800 D.1), on a small
 * shared pool of daemon threads; EBCOT is almost all of a decode's time. The pool size comes from
 * {@code radassist.j2k.threads} (default: available processors, at most 4); 1 decodes on the
 * caller's thread.
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
              THREADS,
              r -> {
                Thread t = new Thread(r, "dicom-j2k-blocks");
                t.setDaemon(true);
                return t;
              });

  private static final ThreadLocal<BlockDecoder> DECODERS =
      ThreadLocal.withInitial(BlockDecoder::new);

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
      run(work, 0, work.size());
      return;
    }
    int parts = THREADS;
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int from = work.size() * p / parts;
      int to = work.size() * (p + 1) / parts;
      futures.add(
          POOL.submit(
              () -> {
                run(work, from, to);
                return null;
              }));
    }
    J2kException failure = null;
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

  private static void run(List<Job> work, int from, int to) throws J2kException {
    BlockDecoder d = DECODERS.get();
    for (int i = from; i < to; i++) {
      Job j = work.get(i);
      int planes = j.band().magnitudeBits + j.tc().roiShift - j.cb().zeroPlanes;
      d.decode(j.cb(), j.band().orientation, planes, j.tc().coding.blockStyle());
      TileDecoder.store(j.tc(), j.band(), j.cb(), d.coefficients);
      j.cb().data = null;
    }
  }
}
