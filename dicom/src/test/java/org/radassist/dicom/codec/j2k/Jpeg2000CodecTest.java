package org.radassist.dicom.codec.j2k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.codec.CodecException;
import org.radassist.dicom.codec.EncapsulatedFrames;
import org.radassist.dicom.codec.PixelFormat;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;
import org.radassist.testsupport.Externals;

/**
 * Our JPEG 2000 decoder on damaged codestreams: truncation is reported, never filled with zeros,
 * and seeded corruption either decodes or fails with a {@link CodecException}, quickly. Agreement
 * with GDCM on intact files is {@code ConformanceTest}'s job.
 */
class Jpeg2000CodecTest {
  private static final Jpeg2000Codec CODEC = new Jpeg2000Codec();

  private record Sample(byte[] codestream, PixelFormat format) {}

  private static Sample sample(String name) throws Exception {
    Path p = Externals.shared("data/dicom").resolve(name);
    DicomFile f = DicomReader.read(p);
    PixelFormat format = PixelFormat.of(f.dataset(), p);
    byte[] cs =
        EncapsulatedFrames.frame(
            f.dataset().get(Tag.PIXEL_DATA).fragments(), format.frames(), false, 0);
    return new Sample(cs, format);
  }

  @Test
  void truncatedCodestreamIsReportedAsTruncated() throws Exception {
    for (String name :
        new String[] {
          "pydicom_test_files/MR_small_jp2klossless.dcm", "pydicom_data/US1_J2KI.dcm"
        }) {
      Sample s = sample(name);
      for (int pct = 20; pct <= 95; pct += 15) {
        byte[] cut = Arrays.copyOf(s.codestream(), s.codestream().length * pct / 100);
        CodecException e =
            assertThrows(CodecException.class, () -> CODEC.decode(cut, s.format()), name);
        assertTrue(
            e.getMessage().contains("truncated") || e.getMessage().contains("ends"),
            name + " at " + pct + "%: " + e.getMessage());
      }
    }
  }

  @Test
  void intactCodestreamDecodesTheSameEveryTime() throws Exception {
    Sample s = sample("pydicom_data/US1_J2KR.dcm");
    int[] a = CODEC.decode(s.codestream(), s.format()).samples();
    int[] b = CODEC.decode(s.codestream().clone(), s.format()).samples();
    assertArrayEquals(a, b);
  }

  @Test
  void corruptedCodestreamsFailOnlyWithCodecException() throws Exception {
    String[] names = {
      "pydicom_test_files/MR_small_jp2klossless.dcm",
      "pydicom_test_files/693_J2KI.dcm",
      "pydicom_test_files/GDCMJ2K_TextGBR.dcm",
      "pydicom_test_files/JPEG2000.dcm"
    };
    Random r = new Random(20261122L);
    for (String name : names) {
      Sample s = sample(name);
      for (int i = 0; i < 150; i++) {
        byte[] bad = s.codestream().clone();
        int flips = 1 + r.nextInt(4);
        for (int k = 0; k < flips; k++) {
          int p = r.nextInt(bad.length);
          bad[p] = r.nextBoolean() ? (byte) r.nextInt(256) : (byte) (bad[p] ^ (1 << r.nextInt(8)));
        }
        String what = name + " mutation " + i;
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> {
              try {
                CODEC.decode(bad, s.format());
              } catch (CodecException e) {
                assertTrue(e.getMessage().length() > 15, what + ": " + e.getMessage());
              }
            },
            what);
      }
    }
  }
}
