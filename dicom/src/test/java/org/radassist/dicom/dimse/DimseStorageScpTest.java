package org.radassist.dicom.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.radassist.dicom.data.DicomElement;
import org.radassist.dicom.data.Fragment;
import org.radassist.dicom.data.Tag;
import org.radassist.dicom.io.DicomFile;
import org.radassist.dicom.io.DicomReader;
import org.radassist.testsupport.Externals;

/**
 * The SCP fed by dcmtk's storescu: each instance is kept in the syntax it was sent in, its pixel
 * data (JPEG 2000 code stream included) exactly as the file holds it.
 */
class DimseStorageScpTest {

  /** The Pixel Data value as stored: native bytes, or the encapsulated fragments in order. */
  private static byte[] pixelData(DicomFile file) {
    DicomElement e = file.dataset().get(Tag.PIXEL_DATA);
    if (!e.isEncapsulated()) {
      return e.bytes();
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Fragment f : e.fragments()) {
      out.write(f.buffer(), f.offset(), f.length());
    }
    return out.toByteArray();
  }

  /** Runs storescu; JPEG 2000 files need {@code -xv}, as storescu proposes only native syntaxes. */
  private static String storescu(Path tool, int port, String calledAe, Path file)
      throws IOException, InterruptedException {
    String syntax = file.getFileName().toString().contains("J2K") ? "-xv" : "-xe";
    Process p =
        new ProcessBuilder(
                tool.toString(),
                syntax,
                "-aec",
                calledAe,
                "127.0.0.1",
                String.valueOf(port),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return p.exitValue() + " " + out;
  }

  @Test
  void uncompressedAndJpeg2000InstancesKeepTheirSyntaxAndPixelBytes() throws Exception {
    Path storescu = Externals.tool("storescu");
    List<Path> files =
        List.of(
            Externals.shared(
                "data/dicom/cornerstone_test_images/"
                    + "CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm"),
            Externals.shared("data/dicom/nema_wg04/RG2_J2KR.dcm"));
    List<ReceivedInstance> received = new CopyOnWriteArrayList<>();
    List<Boolean> released = new CopyOnWriteArrayList<>();
    StoreSession.Factory sessions =
        calling ->
            new StoreSession() {
              @Override
              public void store(ReceivedInstance instance) {
                received.add(instance);
              }

              @Override
              public void close(boolean normally) {
                released.add(normally);
              }
            };
    try (StorageScp scp =
        StorageScp.start(InetAddress.getLoopbackAddress(), 0, "TESTSCP", sessions)) {
      for (Path f : files) {
        String result = storescu(storescu, scp.port(), "TESTSCP", f);
        assertTrue(result.startsWith("0 "), result);
      }
      String wrong = storescu(storescu, scp.port(), "OTHER", files.get(0));
      assertFalse(wrong.startsWith("0 "), wrong);
    }
    assertEquals(2, received.size());
    assertEquals(List.of(true, true), released);
    for (int i = 0; i < files.size(); i++) {
      DicomFile sent = DicomReader.read(files.get(i));
      ReceivedInstance r = received.get(i);
      assertEquals(sent.transferSyntax().uid(), r.transferSyntaxUid());
      assertEquals(sent.dataset().string(Tag.SOP_INSTANCE_UID), r.sopInstanceUid());
      assertEquals("STORESCU", r.callingAeTitle());
      DicomFile kept = DicomReader.read(r.part10(), Path.of("received"));
      assertEquals(sent.transferSyntax(), kept.transferSyntax());
      assertArrayEquals(pixelData(sent), pixelData(kept), files.get(i).toString());
    }
  }
}
