package org.radassist.dicom.io;

import java.util.Map;

/**
 * A transfer syntax (PS3.5 10 and Annex A): how the data set is encoded and which codec its pixel
 * data needs. The codec is chosen from this, never by sniffing the codestream, because some
 * decoders claim streams they cannot decode.
 */
public record TransferSyntax(
    String uid,
    String name,
    boolean explicitVr,
    boolean bigEndian,
    boolean deflated,
    Compression compression,
    boolean lossy) {

  /** The family of pixel data encoding a transfer syntax uses. */
  public enum Compression {
    NONE,
    RLE,
    JPEG_BASELINE,
    JPEG_EXTENDED,
    JPEG_PROGRESSIVE,
    JPEG_LOSSLESS,
    JPEG_LS,
    JPEG_2000,
    HTJ2K,
    ENCAPSULATED_UNCOMPRESSED,
    DEFLATED_FRAMES,
    VIDEO,
    UNKNOWN
  }

  public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
      native_("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false);
  public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
      native_("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false);
  public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
      native_("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true);
  public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
      native_("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false);

  private static final Map<String, TransferSyntax> KNOWN =
      Map.ofEntries(
          entry(IMPLICIT_VR_LITTLE_ENDIAN),
          entry(EXPLICIT_VR_LITTLE_ENDIAN),
          entry(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN),
          entry(EXPLICIT_VR_BIG_ENDIAN),
          entry(encap("1.2.840.10008.1.2.4.50", "JPEG Baseline", Compression.JPEG_BASELINE, true)),
          entry(encap("1.2.840.10008.1.2.4.51", "JPEG Extended", Compression.JPEG_EXTENDED, true)),
          entry(
              encap(
                  "1.2.840.10008.1.2.4.53",
                  "JPEG Spectral Selection",
                  Compression.JPEG_PROGRESSIVE,
                  true)),
          entry(
              encap(
                  "1.2.840.10008.1.2.4.55",
                  "JPEG Full Progression",
                  Compression.JPEG_PROGRESSIVE,
                  true)),
          entry(encap("1.2.840.10008.1.2.4.57", "JPEG Lossless", Compression.JPEG_LOSSLESS, false)),
          entry(
              encap(
                  "1.2.840.10008.1.2.4.70", "JPEG Lossless SV1", Compression.JPEG_LOSSLESS, false)),
          entry(encap("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", Compression.JPEG_LS, false)),
          entry(
              encap("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", Compression.JPEG_LS, true)),
          entry(
              encap("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", Compression.JPEG_2000, false)),
          entry(encap("1.2.840.10008.1.2.4.91", "JPEG 2000", Compression.JPEG_2000, true)),
          entry(
              encap(
                  "1.2.840.10008.1.2.4.92",
                  "JPEG 2000 Part 2 Lossless",
                  Compression.JPEG_2000,
                  false)),
          entry(encap("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2", Compression.JPEG_2000, true)),
          entry(encap("1.2.840.10008.1.2.4.201", "HTJ2K Lossless", Compression.HTJ2K, false)),
          entry(encap("1.2.840.10008.1.2.4.202", "HTJ2K Lossless RPCL", Compression.HTJ2K, false)),
          entry(encap("1.2.840.10008.1.2.4.203", "HTJ2K", Compression.HTJ2K, true)),
          entry(encap("1.2.840.10008.1.2.5", "RLE Lossless", Compression.RLE, false)),
          entry(
              encap(
                  "1.2.840.10008.1.2.1.98",
                  "Encapsulated Uncompressed Explicit VR Little Endian",
                  Compression.ENCAPSULATED_UNCOMPRESSED,
                  false)),
          entry(
              encap(
                  "1.2.840.10008.1.2.8.1",
                  "Deflated Image Frame Compression",
                  Compression.DEFLATED_FRAMES,
                  false)),
          entry(encap("1.2.840.10008.1.2.4.100", "MPEG2", Compression.VIDEO, true)),
          entry(encap("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264", Compression.VIDEO, true)),
          entry(encap("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD", Compression.VIDEO, true)));

  private static TransferSyntax native_(
      String uid, String name, boolean explicit, boolean big, boolean deflated) {
    return new TransferSyntax(uid, name, explicit, big, deflated, Compression.NONE, false);
  }

  private static TransferSyntax encap(String uid, String name, Compression c, boolean lossy) {
    return new TransferSyntax(uid, name, true, false, false, c, lossy);
  }

  private static Map.Entry<String, TransferSyntax> entry(TransferSyntax ts) {
    return Map.entry(ts.uid, ts);
  }

  /**
   * The syntax for a UID; an unknown UID is read as explicit VR little endian (what every
   * encapsulated syntax uses) with pixel data that no codec here can decode.
   */
  public static TransferSyntax of(String uid) {
    TransferSyntax ts = KNOWN.get(uid);
    if (ts != null) {
      return ts;
    }
    return new TransferSyntax(uid, "Unknown", true, false, false, Compression.UNKNOWN, false);
  }

  public boolean isEncapsulated() {
    return compression != Compression.NONE;
  }
}
