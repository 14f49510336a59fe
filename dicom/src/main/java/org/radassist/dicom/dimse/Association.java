package org.radassist.dicom.dimse;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.radassist.dicom.io.TransferSyntax;
import org.radassist.dicom.web.UidHash;
import org.radassist.dicom.write.Uids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One association as the acceptor (PS3.8 9): negotiates presentation contexts, then answers C-ECHO
 * and C-STORE requests until the peer releases or aborts. Each C-STORE's data set is written to a
 * spool file fragment by fragment as its P-DATA arrives, and handed to the {@link StoreSession}
 * before the response is sent, so a success status means the instance was really kept and its size
 * is bounded by the disk, not the heap. Only Verification and storage SOP classes are accepted; any
 * other request is answered with a failure status, never by dropping the connection.
 */
final class Association {
  private static final Logger LOG = LoggerFactory.getLogger(Association.class);
  private static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
  private static final Set<TransferSyntax.Compression> DECODABLE =
      EnumSet.of(
          TransferSyntax.Compression.NONE,
          TransferSyntax.Compression.RLE,
          TransferSyntax.Compression.JPEG_BASELINE,
          TransferSyntax.Compression.JPEG_EXTENDED,
          TransferSyntax.Compression.JPEG_LOSSLESS,
          TransferSyntax.Compression.JPEG_LS,
          TransferSyntax.Compression.JPEG_2000,
          TransferSyntax.Compression.HTJ2K);
  private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  private static final String VERIFICATION = "1.2.840.10008.1.1";
  private static final String STORAGE_PREFIX = "1.2.840.10008.5.1.4.1.1.";
  private static final String DICOM_ROOT = "1.2.840.10008.";

  /**
   * Storage SOP classes outside {@link #STORAGE_PREFIX} (PS3.4 B.5): hanging protocols, colour
   * palettes, implant templates.
   */
  private static final Set<String> OTHER_STORAGE =
      Set.of(
          "1.2.840.10008.5.1.4.38.1",
          "1.2.840.10008.5.1.4.39.1",
          "1.2.840.10008.5.1.4.43.1",
          "1.2.840.10008.5.1.4.44.1",
          "1.2.840.10008.5.1.4.45.1");

  private static final int MAX_PDU_RECEIVED = 1 << 20;

  /**
   * An A-ASSOCIATE-RQ is a few hundred bytes; allowing more before the peer has even named our AE
   * title would let a few idle connections claim the heap.
   */
  private static final long MAX_RQ_PDU = 64L << 10;

  private static final long MAX_PDU_ACCEPTED = 64L << 20;
  private static final int SUCCESS = 0x0000;
  private static final int OUT_OF_RESOURCES = 0xA700;
  private static final int CANNOT_UNDERSTAND = 0xC000;
  private static final int UNRECOGNIZED_OPERATION = 0x0211;

  private final Socket socket;
  private final String aeTitle;
  private final StoreSession.Factory sessions;
  private final Duration idleTimeout;
  private final Map<Integer, String> acceptedSyntax = new HashMap<>();
  private DataInputStream in;
  private OutputStream out;
  private int peerMaxPdu = 16384;

  /**
   * @param socket with its read timeout set to the ARTIM time for the A-ASSOCIATE-RQ
   * @param idleTimeout the read timeout once the association is established
   */
  Association(Socket socket, String aeTitle, StoreSession.Factory sessions, Duration idleTimeout) {
    this.socket = socket;
    this.aeTitle = aeTitle;
    this.sessions = sessions;
    this.idleTimeout = idleTimeout;
  }

  void run() {
    StoreSession session = null;
    boolean released = false;
    try (socket) {
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      int type = in.readUnsignedByte();
      in.readUnsignedByte();
      byte[] rq = readBody(MAX_RQ_PDU);
      if (type != 0x01) {
        abort();
        return;
      }
      String called = ae(rq, 4);
      String calling = ae(rq, 20);
      if (!called.equals(aeTitle)) {
        LOG.warn("Rejected association from {}: called AE title '{}' is not ours", calling, called);
        reject(7);
        return;
      }
      session = sessions.open(calling);
      accept(rq);
      socket.setSoTimeout((int) idleTimeout.toMillis());
      LOG.info("Association from {} accepted", calling);
      released = serve(session, calling);
    } catch (SocketTimeoutException e) {
      LOG.warn(
          "Closed a connection from {} that went silent (association request or idle timeout)",
          socket.getInetAddress().getHostAddress());
    } catch (EOFException e) {
      LOG.warn("Peer closed the association without releasing it");
    } catch (IOException e) {
      LOG.warn("Association ended with an error: {}", e.getMessage());
    } catch (OutOfMemoryError e) {
      LOG.error("Association dropped: out of memory ({})", e.getMessage());
    } finally {
      if (session != null) {
        session.close(released);
      }
    }
  }

  /** The PDU body, allocated as its bytes arrive, not as its header claims. */
  private byte[] readBody(long max) throws IOException {
    long length = in.readInt() & 0xFFFFFFFFL;
    if (length > max) {
      throw new IOException("PDU of " + length + " bytes is beyond any negotiated size");
    }
    byte[] b = in.readNBytes((int) length);
    if (b.length < length) {
      throw new EOFException("PDU ends after " + b.length + " of " + length + " bytes");
    }
    return b;
  }

  private static String ae(byte[] b, int offset) {
    return new String(b, offset, 16, StandardCharsets.US_ASCII).strip();
  }

  private void accept(byte[] rq) throws IOException {
    ByteArrayOutputStream items = new ByteArrayOutputStream();
    item(items, 0x10, ascii(APPLICATION_CONTEXT));
    int p = 68;
    while (p + 4 <= rq.length) {
      int itemType = rq[p] & 0xFF;
      int len = u16be(rq, p + 2);
      int start = p + 4;
      if (start + len > rq.length) {
        throw new IOException("A-ASSOCIATE-RQ item runs past the PDU");
      }
      if (itemType == 0x20) {
        items.writeBytes(presentationContext(rq, start, len));
      } else if (itemType == 0x50) {
        readUserInfo(rq, start, len);
      }
      p = start + len;
    }
    ByteArrayOutputStream user = new ByteArrayOutputStream();
    item(user, 0x51, new byte[] {0, (byte) (MAX_PDU_RECEIVED >> 16), 0, 0});
    item(user, 0x52, ascii(Uids.IMPLEMENTATION_CLASS_UID));
    item(user, 0x55, ascii(Uids.IMPLEMENTATION_VERSION_NAME));
    item(items, 0x50, user.toByteArray());

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0);
    body.write(1);
    body.write(0);
    body.write(0);
    body.write(rq, 4, 32);
    body.writeBytes(new byte[32]);
    body.writeBytes(items.toByteArray());
    pdu(0x02, body.toByteArray());
  }

  private byte[] presentationContext(byte[] rq, int start, int len) {
    int id = rq[start] & 0xFF;
    String abstractSyntax = null;
    List<String> offered = new java.util.ArrayList<>();
    int p = start + 4;
    while (p + 4 <= start + len) {
      int sub = rq[p] & 0xFF;
      int sublen = u16be(rq, p + 2);
      String uid =
          new String(rq, p + 4, sublen, StandardCharsets.US_ASCII).replace("\0", "").strip();
      if (sub == 0x30) {
        abstractSyntax = uid;
      } else if (sub == 0x40) {
        offered.add(uid);
      }
      p += 4 + sublen;
    }
    String chosen = choose(offered);
    int result = !served(abstractSyntax) ? 3 : chosen == null ? 4 : 0;
    if (result == 0) {
      acceptedSyntax.put(id, chosen);
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.write(id);
    content.write(0);
    content.write(result);
    content.write(0);
    item(content, 0x40, ascii(chosen == null ? IMPLICIT_LE : chosen));
    ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
    item(wrapped, 0x21, content.toByteArray());
    return wrapped.toByteArray();
  }

  /**
   * Verification and storage only: a context for query, retrieve or worklist accepted here would
   * have the peer send requests this SCP can only refuse. Private SOP classes are taken as the
   * vendors' private storage (e.g. Siemens CSA non-image), which a modality sends like any image.
   */
  private static boolean served(String abstractSyntax) {
    return abstractSyntax != null
        && (abstractSyntax.equals(VERIFICATION)
            || abstractSyntax.startsWith(STORAGE_PREFIX)
            || OTHER_STORAGE.contains(abstractSyntax)
            || !abstractSyntax.startsWith(DICOM_ROOT));
  }

  /**
   * The sender's first choice among the syntaxes this module decodes: data sets are kept as sent,
   * so taking a compressed syntax spares the sender a conversion it may not be able to make (dcmtk
   * cannot decompress JPEG 2000), while syntaxes no codec here reads are never accepted.
   */
  private static String choose(List<String> offered) {
    for (String uid : offered) {
      TransferSyntax ts = TransferSyntax.of(uid);
      if (DECODABLE.contains(ts.compression())) {
        return uid;
      }
    }
    return null;
  }

  private void readUserInfo(byte[] rq, int start, int len) {
    int p = start;
    while (p + 4 <= start + len) {
      int sub = rq[p] & 0xFF;
      int sublen = u16be(rq, p + 2);
      if (sub == 0x51 && sublen == 4) {
        long max =
            ((rq[p + 4] & 0xFFL) << 24)
                | ((rq[p + 5] & 0xFF) << 16)
                | ((rq[p + 6] & 0xFF) << 8)
                | (rq[p + 7] & 0xFF);
        peerMaxPdu = max == 0 ? Integer.MAX_VALUE : (int) Math.min(max, Integer.MAX_VALUE);
      }
      p += 4 + sublen;
    }
  }

  /** Answers requests until release; true when the peer released normally. */
  private boolean serve(StoreSession session, String calling) throws IOException {
    ByteArrayOutputStream command = new ByteArrayOutputStream();
    Incoming incoming = null;
    int stored = 0;
    try {
      while (true) {
        int type = in.readUnsignedByte();
        in.readUnsignedByte();
        byte[] body = readBody(MAX_PDU_ACCEPTED);
        switch (type) {
          case 0x04 -> {
            int p = 0;
            while (p + 6 <= body.length) {
              int pdvLength = (int) (u32be(body, p));
              int context = body[p + 4] & 0xFF;
              int header = body[p + 5] & 0xFF;
              int valueLength = pdvLength - 2;
              if (valueLength < 0 || p + 6 + valueLength > body.length) {
                throw new IOException("PDV runs past its P-DATA-TF");
              }
              boolean isCommand = (header & 1) == 1;
              boolean last = (header & 2) == 2;
              if (isCommand) {
                command.write(body, p + 6, valueLength);
              } else if (incoming == null) {
                throw new IOException("data set without a command");
              } else {
                incoming.write(body, p + 6, valueLength);
              }
              p += 6 + valueLength;
              if (isCommand && last) {
                CommandSet rq = CommandSet.parse(command.toByteArray());
                command.reset();
                if (rq.u16(CommandSet.COMMAND_DATA_SET_TYPE) == CommandSet.NO_DATA_SET) {
                  respond(rq, context, null, session, calling);
                } else {
                  incoming = new Incoming(rq, context, session, calling);
                }
              } else if (!isCommand && last) {
                Incoming done = incoming;
                incoming = null;
                if (respond(done.rq, done.context, done, session, calling)) {
                  stored++;
                }
              }
            }
          }
          case 0x05 -> {
            pdu(0x06, new byte[4]);
            LOG.info("Association from {} released after {} instance(s)", calling, stored);
            return true;
          }
          case 0x07 -> {
            LOG.warn(
                "Association from {} aborted by the peer after {} instance(s)", calling, stored);
            return false;
          }
          default -> {
            abort();
            throw new IOException("unexpected PDU type " + type);
          }
        }
      }
    } finally {
      if (incoming != null) {
        incoming.discard();
      }
    }
  }

  /**
   * The data set of the request in progress: a C-STORE on an accepted context goes to a spool file
   * that starts with its Part 10 header, anything else is read and dropped.
   */
  private final class Incoming {
    final CommandSet rq;
    final int context;
    final Path file;
    private final OutputStream sink;
    private IOException failure;

    Incoming(CommandSet rq, int context, StoreSession session, String calling) throws IOException {
      this.rq = rq;
      this.context = context;
      String syntax = acceptedSyntax.get(context);
      String sopClass = rq.uid(CommandSet.AFFECTED_SOP_CLASS_UID);
      String sopInstance = rq.uid(CommandSet.AFFECTED_SOP_INSTANCE_UID);
      Path spool = null;
      OutputStream os = OutputStream.nullOutputStream();
      if (rq.u16(CommandSet.COMMAND_FIELD) == CommandSet.C_STORE_RQ
          && syntax != null
          && sopClass != null
          && sopInstance != null) {
        try {
          spool = Files.createTempFile(session.spoolDirectory(), ".receiving-", ".dcm");
          os = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16);
          os.write(Part10.header(sopClass, sopInstance, syntax, calling));
        } catch (IOException e) {
          failure = e;
          os = OutputStream.nullOutputStream();
        }
      }
      this.file = spool;
      this.sink = os;
    }

    void write(byte[] b, int off, int len) {
      if (failure != null) {
        return;
      }
      try {
        sink.write(b, off, len);
      } catch (IOException e) {
        // The rest of the data set must still be read off the wire before the response.
        failure = e;
      }
    }

    /** The complete file; throws what went wrong while writing it. */
    Path finish() throws IOException {
      sink.close();
      if (failure != null) {
        throw failure;
      }
      return file;
    }

    void discard() {
      try {
        sink.close();
        if (file != null) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        LOG.warn("Cannot delete spool file {}: {}", file, e.getMessage());
      }
    }
  }

  /** Sends the response to one request; true when an instance was stored. */
  private boolean respond(
      CommandSet rq, int context, Incoming dataset, StoreSession session, String calling)
      throws IOException {
    int field = rq.u16(CommandSet.COMMAND_FIELD);
    int messageId = rq.u16(CommandSet.MESSAGE_ID);
    CommandSet rsp = new CommandSet();
    boolean stored = false;
    String sopClass = rq.uid(CommandSet.AFFECTED_SOP_CLASS_UID);
    if (field == CommandSet.C_ECHO_RQ) {
      rsp.putUid(CommandSet.AFFECTED_SOP_CLASS_UID, sopClass)
          .putU16(CommandSet.COMMAND_FIELD, CommandSet.C_ECHO_RSP)
          .putU16(CommandSet.STATUS, SUCCESS);
    } else if (field == CommandSet.C_STORE_RQ && dataset != null) {
      String sopInstance = rq.uid(CommandSet.AFFECTED_SOP_INSTANCE_UID);
      String syntax = acceptedSyntax.get(context);
      int status = SUCCESS;
      try {
        if (syntax == null) {
          throw new IOException("presentation context " + context + " was not accepted");
        }
        if (dataset.file == null) {
          status = CANNOT_UNDERSTAND;
          throw new IOException("the request names no SOP Class or SOP Instance UID");
        }
        session.store(
            new ReceivedInstance(calling, sopClass, sopInstance, syntax, dataset.finish()));
        stored = true;
      } catch (IOException | RuntimeException | OutOfMemoryError e) {
        LOG.warn(
            "Could not keep instance {}: {}",
            sopInstance == null ? "without UID" : UidHash.of(sopInstance),
            e instanceof OutOfMemoryError ? "out of memory" : e.getMessage());
        if (e instanceof InstanceRefused refused) {
          status = refused.status();
        }
        status = status == SUCCESS ? OUT_OF_RESOURCES : status;
      } finally {
        dataset.discard();
      }
      if (sopClass != null) {
        rsp.putUid(CommandSet.AFFECTED_SOP_CLASS_UID, sopClass);
      }
      rsp.putU16(CommandSet.COMMAND_FIELD, CommandSet.C_STORE_RSP)
          .putU16(CommandSet.STATUS, status);
      if (sopInstance != null) {
        rsp.putUid(CommandSet.AFFECTED_SOP_INSTANCE_UID, sopInstance);
      }
    } else {
      // PS3.7 C.4.2: an operation this SCP does not perform gets 0211H, and the association stays.
      LOG.warn(
          "Refused unsupported DIMSE command 0x{} from {}", Integer.toHexString(field), calling);
      if (dataset != null) {
        dataset.discard();
      }
      if (sopClass != null) {
        rsp.putUid(CommandSet.AFFECTED_SOP_CLASS_UID, sopClass);
      }
      rsp.putU16(CommandSet.COMMAND_FIELD, field | 0x8000)
          .putU16(CommandSet.STATUS, UNRECOGNIZED_OPERATION);
    }
    rsp.putU16(CommandSet.MESSAGE_ID_BEING_RESPONDED_TO, messageId)
        .putU16(CommandSet.COMMAND_DATA_SET_TYPE, CommandSet.NO_DATA_SET);
    byte[] encoded = rsp.encode();
    if (encoded.length + 12 > peerMaxPdu) {
      throw new IOException("the peer's maximum PDU is too small for a response");
    }
    ByteArrayOutputStream pdv = new ByteArrayOutputStream();
    int n = encoded.length + 2;
    pdv.write(n >>> 24);
    pdv.write(n >>> 16);
    pdv.write(n >>> 8);
    pdv.write(n);
    pdv.write(context);
    pdv.write(0x03);
    pdv.writeBytes(encoded);
    pdu(0x04, pdv.toByteArray());
    return stored;
  }

  private void reject(int reason) throws IOException {
    pdu(0x03, new byte[] {0, 1, 1, (byte) reason});
  }

  private void abort() throws IOException {
    pdu(0x07, new byte[4]);
  }

  private void pdu(int type, byte[] body) throws IOException {
    byte[] header = new byte[6];
    header[0] = (byte) type;
    int n = body.length;
    header[2] = (byte) (n >>> 24);
    header[3] = (byte) (n >>> 16);
    header[4] = (byte) (n >>> 8);
    header[5] = (byte) n;
    out.write(header);
    out.write(body);
    out.flush();
  }

  private static void item(ByteArrayOutputStream out, int type, byte[] content) {
    out.write(type);
    out.write(0);
    out.write(content.length >> 8);
    out.write(content.length);
    out.writeBytes(content);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static int u16be(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static long u32be(byte[] b, int p) {
    return ((b[p] & 0xFFL) << 24)
        | ((b[p + 1] & 0xFF) << 16)
        | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }
}
