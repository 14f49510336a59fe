package org.radassist.dicom.codec;

import java.util.stream.IntStream;
import org.radassist.dicom.pixel.SampleBands;

/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, one PackBits
 * segment per byte plane, most significant plane of each sample first.
 */
public final class RleCodec implements FrameCodec {
  private static final int PARALLEL_PIXELS = 1 << 20;

  @Override
  public DecodedFrame decode(byte[] data, PixelFormat f) throws CodecException {
    if (data.length < 64) {
      throw new CodecException(
          "RLE frame has " + data.length + " bytes, less than its 64-byte header");
    }
    int segments = le32(data, 0);
    int bytesPerSample = f.bitsAllocated() / 8;
    int expected = bytesPerSample * f.samplesPerPixel();
    if (f.bitsAllocated() == 1) {
      return bitPlanes(data, f, segments);
    }
    if (segments != expected) {
      throw new CodecException(
          "RLE header declares " + segments + " segments, " + expected + " expected");
    }
    int pixels = f.rows() * f.columns();
    int spp = f.samplesPerPixel();
    byte[][] planes = new byte[segments][];
    int[] starts = new int[segments];
    int[] stops = new int[segments];
    for (int seg = 0; seg < segments; seg++) {
      starts[seg] = le32(data, 4 + 4 * seg);
      stops[seg] = seg + 1 < segments ? le32(data, 8 + 4 * seg) : data.length;
      if (starts[seg] < 64
          || starts[seg] > data.length
          || stops[seg] < starts[seg]
          || stops[seg] > data.length) {
        throw new CodecException(
            "RLE segment " + seg + " offset " + starts[seg] + " is out of range");
      }
      planes[seg] = new byte[pixels];
    }
    // The segments are independent byte planes: a large frame unpacks them side by side, which
    // shows a 2k radiograph sooner on any machine with a core to spare.
    IntStream segs = IntStream.range(0, segments);
    if (pixels >= PARALLEL_PIXELS) {
      segs = segs.parallel();
    }
    CodecException[] errors = new CodecException[segments];
    segs.forEach(
        seg -> {
          try {
            unpack(data, starts[seg], stops[seg], planes[seg], seg);
          } catch (CodecException e) {
            errors[seg] = e;
          }
        });
    // The first bad segment is reported, whichever thread met its error first.
    for (CodecException e : errors) {
      if (e != null) {
        throw e;
      }
    }
    int[] out = new int[pixels * spp];
    for (int s = 0; s < spp; s++) {
      int first = s * bytesPerSample;
      if (bytesPerSample == 1) {
        byte[] a = planes[first];
        for (int i = 0, o = s; i < pixels; i++, o += spp) {
          out[o] = a[i] & 0xFF;
        }
      } else if (bytesPerSample == 2) {
        byte[] hi = planes[first];
        byte[] lo = planes[first + 1];
        int sample = s;
        SampleBands.run(
            pixels,
            (from, to) -> {
              if (spp == 1) {
                // Same index on both sides: the JIT vectorises this, not the strided loop.
                for (int i = from; i < to; i++) {
                  out[i] = (hi[i] & 0xFF) << 8 | (lo[i] & 0xFF);
                }
              } else {
                for (int i = from, o = sample + from * spp; i < to; i++, o += spp) {
                  out[o] = (hi[i] & 0xFF) << 8 | (lo[i] & 0xFF);
                }
              }
            });
      } else {
        for (int b = 0; b < bytesPerSample; b++) {
          byte[] plane = planes[first + b];
          int shift = 8 * (bytesPerSample - 1 - b);
          for (int i = 0, o = s; i < pixels; i++, o += spp) {
            out[o] |= (plane[i] & 0xFF) << shift;
          }
        }
      }
    }
    return new DecodedFrame(out, f.photometric());
  }

  /** 1-bit data: one segment per sample holding the packed bits, least significant bit first. */
  private static DecodedFrame bitPlanes(byte[] data, PixelFormat f, int segments)
      throws CodecException {
    int spp = f.samplesPerPixel();
    if (segments != spp) {
      throw new CodecException(
          "RLE header declares " + segments + " segments, " + spp + " expected");
    }
    int pixels = f.rows() * f.columns();
    byte[] packed = new byte[(pixels + 7) / 8];
    int[] out = new int[pixels * spp];
    for (int s = 0; s < spp; s++) {
      int start = le32(data, 4 + 4 * s);
      int stop = s + 1 < segments ? le32(data, 8 + 4 * s) : data.length;
      if (start < 64 || start > data.length || stop < start || stop > data.length) {
        throw new CodecException("RLE segment " + s + " offset " + start + " is out of range");
      }
      unpack(data, start, stop, packed, s);
      for (int i = 0; i < pixels; i++) {
        out[i * spp + s] = (packed[i >> 3] >> (i & 7)) & 1;
      }
    }
    return new DecodedFrame(out, f.photometric());
  }

  private static void unpack(byte[] in, int p, int stop, byte[] out, int seg)
      throws CodecException {
    int o = 0;
    while (o < out.length) {
      if (p >= stop) {
        throw new CodecException(
            "RLE segment " + seg + " ends after " + o + " of " + out.length + " bytes");
      }
      int n = in[p++];
      if (n >= 0) {
        int count = n + 1;
        if (p + count > stop) {
          throw new CodecException("RLE segment " + seg + " literal run overruns the segment");
        }
        int take = Math.min(count, out.length - o);
        System.arraycopy(in, p, out, o, take);
        o += take;
        p += count;
      } else if (n != -128) {
        if (p >= stop) {
          throw new CodecException("RLE segment " + seg + " replicate run has no byte");
        }
        int count = 1 - n;
        byte v = in[p++];
        int take = Math.min(count, out.length - o);
        java.util.Arrays.fill(out, o, o + take, v);
        o += take;
      }
    }
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xFF)
        | (b[p + 1] & 0xFF) << 8
        | (b[p + 2] & 0xFF) << 16
        | (b[p + 3] & 0xFF) << 24;
  }
}
