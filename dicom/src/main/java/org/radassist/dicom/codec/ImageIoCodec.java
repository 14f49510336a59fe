package org.radassist.dicom.codec;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.radassist.dicom.pixel.Photometric;

/**
 * JPEG 2000 through JAI's ImageIO plugin, chosen by class name so that another registered reader is
 * never picked by accident. Frames are read as rasters: the samples the codestream holds, with its
 * own component transform undone, as OpenJPEG (GDCM) returns them.
 */
public final class ImageIoCodec implements FrameCodec {
  private final String readerClassPrefix;
  private final String format;

  private ImageIoCodec(String format, String readerClassPrefix) {
    this.format = format;
    this.readerClassPrefix = readerClassPrefix;
  }

  public static ImageIoCodec jaiJpeg2000() {
    return new ImageIoCodec("jpeg2000", "com.github.jaiimageio.");
  }

  private ImageReader reader() throws CodecException {
    Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format);
    while (it.hasNext()) {
      ImageReader r = it.next();
      if (r.getClass().getName().startsWith(readerClassPrefix)) {
        return r;
      }
      r.dispose();
    }
    throw new CodecException(
        "no " + readerClassPrefix + " " + format + " reader on the class path");
  }

  /**
   * JAI's JPEG 2000 decoder can loop forever on corrupt packet headers (found by fuzzing). It runs
   * on a watchdog thread; past a budget far above any real decode time it is stopped and the frame
   * reported as corrupt, because a spinning thread would hold a core for the rest of the session.
   */
  private static final ExecutorService WATCHED =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "dicom-jpeg2000");
            t.setDaemon(true);
            return t;
          });

  @Override
  public DecodedFrame decode(byte[] data, PixelFormat f) throws CodecException {
    if (!format.equals("jpeg2000")) {
      return decodeDirect(data, f);
    }
    AtomicReference<Thread> worker = new AtomicReference<>();
    Future<DecodedFrame> result =
        WATCHED.submit(
            () -> {
              worker.set(Thread.currentThread());
              try {
                return decodeDirect(data, f);
              } finally {
                worker.set(null);
              }
            });
    long budgetMs = 10_000 + 2L * f.samplesPerFrame() / 1000;
    try {
      return result.get(budgetMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      stopRunaway(worker.get());
      throw new CodecException(
          "JPEG 2000 decoder did not finish within " + budgetMs / 1000 + " s (corrupt codestream)");
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw new CodecException("interrupted while decoding JPEG 2000", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CodecException c) {
        throw c;
      }
      throw new CodecException(
          "jpeg2000 codestream cannot be decoded: " + e.getCause(), e.getCause());
    }
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void stopRunaway(Thread t) {
    if (t != null && t.isAlive()) {
      // JJ2000 never checks for interruption; stop() is the only way to end its loop on JDK 17.
      t.stop();
    }
  }

  private DecodedFrame decodeDirect(byte[] data, PixelFormat f) throws CodecException {
    byte[] codestream = data;
    if (format.equals("jpeg2000")) {
      Jpeg2000Fixups.check(data);
      codestream = Jpeg2000Fixups.apply(data);
    }
    ImageReader reader = reader();
    try (ImageInputStream in =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(codestream))) {
      reader.setInput(in, true, true);
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      if (w != f.columns() || h != f.rows()) {
        throw new CodecException(
            "codestream is "
                + w
                + "x"
                + h
                + " but the header says "
                + f.columns()
                + "x"
                + f.rows());
      }
      Raster raster =
          reader.canReadRaster() ? reader.readRaster(0, null) : reader.read(0).getRaster();
      // The codestream's component transform is undone by the decoder: YBR_RCT/ICT come out RGB.
      Photometric photometric =
          f.photometric() == Photometric.YBR_RCT || f.photometric() == Photometric.YBR_ICT
              ? Photometric.RGB
              : f.photometric();
      int bands = raster.getNumBands();
      if (bands != f.samplesPerPixel()) {
        throw new CodecException(
            "codestream has " + bands + " components, header says " + f.samplesPerPixel());
      }
      int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null);
      return new DecodedFrame(samples, photometric);
    } catch (IOException | RuntimeException e) {
      throw new CodecException(
          format
              + " codestream cannot be decoded: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    } finally {
      reader.dispose();
    }
  }
}
