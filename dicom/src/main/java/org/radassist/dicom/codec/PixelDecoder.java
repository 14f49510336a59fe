package org.radassist.dicom.codec;

import org.radassist.dicom.codec.j2k.Jpeg2000Codec;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.data.VR;
import org.radassist.dicom.io.DicomException;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.TransferSyntax;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.SampleBands;

/**
 * Decodes frame {@code n} of a file: picks the codec from the transfer syntax, then turns what the
 * codec returns into stored values (shifted to the high bit, masked to Bits Stored, sign-extended
 * when Pixel Representation is 1), the form {@link Frame} promises.
 */
public final class PixelDecoder {
  private static final FrameCodec RLE = new RleCodec();
  private static final FrameCodec JPEG_2000 = new Jpeg2000Codec();
  private static final FrameCodec JPEG_LS = new JpegLsCodec();
  private static final FrameCodec JPEG_T81 = new JpegCodec();
  private static final FrameCodec ENCAPSULATED_NATIVE = new NativeFrameCodec(false);
  private static final FrameCodec DEFLATED_FRAMES = new NativeFrameCodec(true);

  private PixelDecoder() {}

  public static Frame decode(DicomFile file, PixelFormat f, int index) throws DicomException {
    if (index < 0 || index >= f.frames()) {
      throw new IndexOutOfBoundsException("frame " + index + " of " + f.frames());
    }
    DicomElement pixels = file.dataset().get(Tag.PIXEL_DATA);
    if (pixels == null) {
      if (file.dataset().contains(Tag.FLOAT_PIXEL_DATA)
          || file.dataset().contains(Tag.DOUBLE_FLOAT_PIXEL_DATA)) {
        throw new DicomException(
            file.path(),
            "Float Pixel Data is not stored values; this reader decodes integer pixels only");
      }
      throw new DicomException(file.path(), "no Pixel Data element");
    }
    long bytes = 4L * f.samplesPerFrame();
    if (bytes > Runtime.getRuntime().maxMemory() / 4) {
      // A header claiming a frame larger than a quarter of the heap is hostile or broken either
      // way.
      throw new DicomException(
          file.path(),
          "a frame of "
              + f.rows()
              + "x"
              + f.columns()
              + "x"
              + f.samplesPerPixel()
              + " samples does not fit the memory available to the reader");
    }
    TransferSyntax ts = file.transferSyntax();
    DecodedFrame decoded;
    try {
      if (!pixels.isEncapsulated()) {
        if (ts.isEncapsulated() && ts.compression() != TransferSyntax.Compression.UNKNOWN) {
          throw new CodecException(
              "transfer syntax "
                  + ts.name()
                  + " needs encapsulated Pixel Data, found a native value");
        }
        decoded =
            NativePixels.decode(
                pixels.buffer(),
                pixels.offset(),
                pixels.length(),
                pixels.bigEndian(),
                pixels.vr() == VR.OW,
                f,
                index);
      } else {
        FrameCodec codec = codecFor(ts, f);
        byte[] codestream =
            EncapsulatedFrames.frame(
                pixels.fragments(),
                f.frames(),
                ts.compression() == TransferSyntax.Compression.RLE,
                index);
        decoded = codec.decode(codestream, f);
      }
    } catch (RuntimeException e) {
      // A corrupt codestream that slips past a decoder's checks and trips an index or arithmetic
      // error is, to the caller, one more broken file, never a crash of the viewer.
      String where = f.frames() > 1 ? "frame " + (index + 1) + " of " + f.frames() + ": " : "";
      throw new DicomException(
          file.path(),
          where + "corrupt pixel data (" + ts.name() + " decoder failed: " + e + ")",
          e);
    } catch (CodecException e) {
      String where = f.frames() > 1 ? "frame " + (index + 1) + " of " + f.frames() + ": " : "";
      throw new DicomException(file.path(), where + e.getMessage(), e);
    }
    if (decoded.samples().length != f.samplesPerFrame()) {
      throw new DicomException(
          file.path(),
          "decoder returned "
              + decoded.samples().length
              + " samples, header needs "
              + f.samplesPerFrame());
    }
    int[] range = toStoredValues(decoded.samples(), f);
    return new Frame(
        f.rows(),
        f.columns(),
        f.samplesPerPixel(),
        decoded.photometric(),
        f.bitsStored(),
        f.signed(),
        decoded.samples(),
        range);
  }

  static FrameCodec codecFor(TransferSyntax ts, PixelFormat f) throws CodecException {
    return switch (ts.compression()) {
      case RLE -> RLE;
        // Our T.81 decoder, not TwelveMonkeys: TwelveMonkeys fails on 12-bit DCT (FACTS.md),
        // converts colour where GDCM keeps YCbCr, and differs from GDCM on some lossless pixels;
        // ours is bit-exact with GDCM on every JPEG file of the corpus, and faster than GDCM.
      case JPEG_BASELINE, JPEG_EXTENDED, JPEG_PROGRESSIVE, JPEG_LOSSLESS -> JPEG_T81;
        // HTJ2K shares all of JPEG 2000 but the code-block coder, which COD selects per component.
      case JPEG_2000, HTJ2K -> JPEG_2000;
      case JPEG_LS -> JPEG_LS;
      case ENCAPSULATED_UNCOMPRESSED -> ENCAPSULATED_NATIVE;
      case DEFLATED_FRAMES -> DEFLATED_FRAMES;
      default ->
          throw new CodecException(
              "no decoder for transfer syntax " + ts.name() + " (" + ts.uid() + ")");
    };
  }

  /**
   * In place: raw codec or native words to stored values; returns their {@code {min, max}}, which
   * every viewer and model needs next, counted while each band is in cache.
   */
  static int[] toStoredValues(int[] s, PixelFormat f) {
    int bits = f.bitsStored();
    if (bits >= 32) {
      return SampleBands.range(s);
    }
    // Shifting the high bit to bit 31 and back keeps the stored bits and extends the sign in one
    // loop without a per-sample test, which the JIT vectorises (PixelFormat keeps highBit in
    // range).
    int left = 31 - f.highBit();
    int right = 32 - bits;
    boolean signed = f.signed();
    return SampleBands.runThenRange(
        s,
        (from, to) -> {
          if (signed) {
            for (int i = from; i < to; i++) {
              s[i] = (s[i] << left) >> right;
            }
          } else {
            for (int i = from; i < to; i++) {
              s[i] = (s[i] << left) >>> right;
            }
          }
        });
  }
}
