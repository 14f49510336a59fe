package org.radassist.dicom.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
  @TempDir Path tmp;

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
              public Path spoolDirectory() {
                return tmp;
              }

              @Override
              public void store(ReceivedInstance instance) throws IOException {
                Path kept = tmp.resolve("kept-" + received.size() + ".dcm");
                Files.move(instance.file(), kept);
                received.add(
                    new ReceivedInstance(
                        instance.callingAeTitle(),
                        instance.sopClassUid(),
                        instance.sopInstanceUid(),
                        instance.transferSyntaxUid(),
                        kept));
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
      DicomFile kept = DicomReader.read(r.file());
      assertEquals(sent.transferSyntax(), kept.transferSyntax());
      assertArrayEquals(pixelData(sent), pixelData(kept), files.get(i).toString());
    }
  }

  /** A session that keeps nothing: the SCP's handling is under test, not where files go. */
  private StoreSession.Factory discarding() {
    return calling ->
        new StoreSession() {
          @Override
          public Path spoolDirectory() {
            return tmp;
          }

          @Override
          public void store(ReceivedInstance instance) {
            // nothing to keep
          }

          @Override
          public void close(boolean released) {
            // nothing to finish
          }
        };
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return p.exitValue() + " " + out;
  }

  @Test
  void idleConnectionsAreClosedAfterArtimAndNeverBlockAnEcho() throws Exception {
    Path echoscu = Externals.tool("echoscu");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (StorageScp scp =
        StorageScp.start(loopback, 0, "TESTSCP", discarding(), Duration.ofSeconds(2))) {
      List<Socket> idle = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Socket s = new Socket(loopback, scp.port());
        if (i % 2 == 0) {
          // An A-ASSOCIATE-RQ header whose body never comes, as a stuck peer leaves it.
          s.getOutputStream().write(new byte[] {1, 0, 0, 0, 0x03, (byte) 0xE8});
        }
        idle.add(s);
      }
      long start = System.nanoTime();
      String echo = run(echoscu.toString(), "-aec", "TESTSCP", "127.0.0.1", "" + scp.port());
      assertTrue(echo.startsWith("0 "), echo);
      assertTrue(System.nanoTime() - start < 2_000_000_000L, "the echo waited behind idle peers");
      for (Socket s : idle) {
        s.setSoTimeout(10_000);
        try (s) {
          assertEquals(-1, s.getInputStream().read(), "an idle connection got data");
        } catch (SocketException reset) {
          // closed by the SCP: what the test wants
        }
      }
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(seconds < 6, "idle connections were held " + seconds + " s");
    }
  }

  @Test
  void queryContextsAreRejectedAndAnUnsupportedCommandIsAnsweredNotDropped() throws Exception {
    Path findscu = Externals.tool("findscu");
    try (StorageScp scp =
        StorageScp.start(InetAddress.getLoopbackAddress(), 0, "TESTSCP", discarding())) {
      String find =
          run(
              findscu.toString(),
              "-S",
              "-k",
              "QueryRetrieveLevel=STUDY",
              "-aec",
              "TESTSCP",
              "127.0.0.1",
              "" + scp.port());
      assertFalse(find.startsWith("0 "), find);
      assertTrue(find.contains("No Acceptable Presentation Contexts"), find);

      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), scp.port())) {
        s.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        String ctStorage = "1.2.840.10008.5.1.4.1.1.2";
        out.write(associateRq("TESTSCP", ctStorage, "1.2.840.10008.1.2"));
        assertEquals(0x02, readPdu(in)[0], "A-ASSOCIATE-AC");
        byte[] command =
            new CommandSet()
                .putUid(CommandSet.AFFECTED_SOP_CLASS_UID, ctStorage)
                .putU16(CommandSet.COMMAND_FIELD, 0x0020)
                .putU16(CommandSet.MESSAGE_ID, 7)
                .putU16(CommandSet.COMMAND_DATA_SET_TYPE, 0x0000)
                .encode();
        out.write(pData(1, 0x03, command));
        out.write(
            pData(
                1, 0x02, new byte[] {0x08, 0, 0x52, 0, 6, 0, 0, 0, 'S', 'T', 'U', 'D', 'Y', ' '}));
        byte[] rsp = readPdu(in);
        assertEquals(0x04, rsp[0], "a P-DATA answer, not a dropped connection");
        CommandSet answer = CommandSet.parse(Arrays.copyOfRange(rsp, 1 + 6, rsp.length));
        assertEquals(0x8020, answer.u16(CommandSet.COMMAND_FIELD));
        assertEquals(0x0211, answer.u16(CommandSet.STATUS));
        assertEquals(7, answer.u16(CommandSet.MESSAGE_ID_BEING_RESPONDED_TO));
        out.write(new byte[] {5, 0, 0, 0, 0, 4, 0, 0, 0, 0});
        assertEquals(0x06, readPdu(in)[0], "the association is still there to release");
      }
    }
  }

  /** An A-ASSOCIATE-RQ with one presentation context (PS3.8 9.3.2). */
  private static byte[] associateRq(String called, String abstractSyntax, String transferSyntax) {
    ByteArrayOutputStream items = new ByteArrayOutputStream();
    item(items, 0x10, "1.2.840.10008.3.1.1.1".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream pc = new ByteArrayOutputStream();
    pc.writeBytes(new byte[] {1, 0, 0, 0});
    item(pc, 0x30, abstractSyntax.getBytes(StandardCharsets.US_ASCII));
    item(pc, 0x40, transferSyntax.getBytes(StandardCharsets.US_ASCII));
    item(items, 0x20, pc.toByteArray());
    ByteArrayOutputStream user = new ByteArrayOutputStream();
    item(user, 0x51, new byte[] {0, 0, 0x40, 0});
    item(items, 0x50, user.toByteArray());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0, 1, 0, 0});
    body.writeBytes(
        String.format("%-16s%-16s", called, "RAWSCU").getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(new byte[32]);
    body.writeBytes(items.toByteArray());
    return pdu(0x01, body.toByteArray());
  }

  private static byte[] pData(int context, int header, byte[] value) {
    ByteArrayOutputStream pdv = new ByteArrayOutputStream();
    int n = value.length + 2;
    pdv.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    pdv.write(context);
    pdv.write(header);
    pdv.writeBytes(value);
    return pdu(0x04, pdv.toByteArray());
  }

  private static void item(ByteArrayOutputStream out, int type, byte[] content) {
    out.write(type);
    out.write(0);
    out.write(content.length >> 8);
    out.write(content.length);
    out.writeBytes(content);
  }

  private static byte[] pdu(int type, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = body.length;
    out.writeBytes(
        new byte[] {
          (byte) type, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n
        });
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** The PDU type followed by its body. */
  private static byte[] readPdu(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    in.readUnsignedByte();
    byte[] body = new byte[in.readInt()];
    in.readFully(body);
    byte[] out = new byte[body.length + 1];
    out[0] = (byte) type;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }
}
