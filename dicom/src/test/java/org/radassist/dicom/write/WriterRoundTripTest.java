package org.radassist.dicom.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radassist.dicom.data.Attributes;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.image.DicomImage;
import org.radassist.dicom.io.DicomReader;
import org.radassist.dicom.pixel.Frame;
import org.radassist.dicom.pixel.Photometric;
import org.radassist.dicom.pixel.VoiLut;
import org.radassist.testsupport.Externals;

class WriterRoundTripTest {
  @TempDir Path dir;

  private static int[] gradient(int rows, int columns, int samples, int max) {
    int[] v = new int[rows * columns * samples];
    for (int i = 0; i < v.length; i++) {
      v[i] = (int) ((long) i * 7919 % (max + 1));
    }
    return v;
  }

  @Test
  void dxForPresentationReadsBackIdentical() throws Exception {
    int[] pixels = gradient(64, 48, 1, 4095);
    Attributes ds =
        DxImageBuilder.create()
            .patient("Doe^Jane", "P123", "19700101", "F")
            .study(null, "S1", "A1", "Chest")
            .series(null, 3, "PA")
            .equipment("RadAssist", "Workstation", "0.1")
            .bodyPart("CHEST")
            .viewPosition("PA")
            .window(2048, 4096, "FULL")
            .window(1000.5, 400, "LUNG")
            .pixelSpacing(0.139, 0.14)
            .pixels(64, 48, 12, pixels)
            .build();
    Path file = dir.resolve("dx.dcm");
    DicomWriter.write(file, ds);

    DicomImage img = DicomImage.read(file);
    assertEquals(DxImageBuilder.SOP_CLASS_UID, img.sopClassUid());
    assertEquals(ds.string(Tag.SOP_INSTANCE_UID), img.sopInstanceUid());
    assertTrue(img.studyInstanceUid().startsWith("2.25."));
    assertEquals("DX", img.modality());
    assertEquals("CHEST", img.bodyPartExamined());
    assertEquals(64, img.rows());
    assertEquals(48, img.columns());
    assertEquals(1, img.frameCount());
    Frame f = img.frame(0);
    assertEquals(Photometric.MONOCHROME2, f.photometric());
    assertArrayEquals(pixels, f.samples());
    assertEquals(
        List.of(
            new VoiLut(2048, 4096, VoiLut.Function.LINEAR, "FULL"),
            new VoiLut(1000.5, 400, VoiLut.Function.LINEAR, "LUNG")),
        img.windows());
    assertArrayEquals(new double[] {0.139, 0.14}, img.pixelSpacing().orElseThrow());
    assertEquals("Doe^Jane", img.attributes().string(Tag.PATIENT_NAME));
    var meta = DicomReader.read(file).meta();
    assertEquals(img.sopInstanceUid(), meta.string(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID));
    assertEquals("1.2.840.10008.1.2.1", meta.string(Tag.TRANSFER_SYNTAX_UID));
    assertDcmdumpClean(file);
  }

  @Test
  void secondaryCaptureRgbAndMonochromeReadBackIdentical() throws Exception {
    int[] rgb = gradient(33, 17, 3, 255);
    Path rgbFile = dir.resolve("sc-rgb.dcm");
    DicomWriter.write(rgbFile, SecondaryCaptureBuilder.create().rgb(33, 17, rgb).build());
    DicomImage rgbImage = DicomImage.read(rgbFile);
    assertEquals(SecondaryCaptureBuilder.SOP_CLASS_UID, rgbImage.sopClassUid());
    assertEquals(Photometric.RGB, rgbImage.frame(0).photometric());
    assertArrayEquals(rgb, rgbImage.frame(0).samples());
    assertDcmdumpClean(rgbFile);

    int[] grey = gradient(31, 9, 1, 255);
    Path greyFile = dir.resolve("sc-grey.dcm");
    DicomWriter.write(
        greyFile,
        SecondaryCaptureBuilder.create()
            .patient("Müller^Zoë", "X", "", "O")
            .monochrome(31, 9, grey)
            .build());
    DicomImage greyImage = DicomImage.read(greyFile);
    assertArrayEquals(grey, greyImage.frame(0).samples());
    assertEquals("Müller^Zoë", greyImage.attributes().string(Tag.PATIENT_NAME));
    assertDcmdumpClean(greyFile);
  }

  @Test
  void generatedUidsAreValidAndDistinct() {
    String a = Uids.generate();
    String b = Uids.generate();
    assertTrue(a.matches("2\\.25\\.(0|[1-9][0-9]*)") && a.length() <= 64, a);
    assertTrue(!a.equals(b));
  }

  private static void assertDcmdumpClean(Path file) throws IOException, InterruptedException {
    Path dcmdump = Externals.tool("dcmdump");
    Process p =
        new ProcessBuilder(dcmdump.toString(), "-ll", "warn", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(!out.contains("W: ") && !out.contains("E: "), out);
    assertTrue(Files.size(file) > 132);
  }
}
