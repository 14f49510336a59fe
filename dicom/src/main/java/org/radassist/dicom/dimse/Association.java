package org.radassist.dicom.dimse;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
 * and C-STORE requests until the peer releases or aborts. Each C-STORE's data set is collected from
 * its P-DATA fragments and handed to the {@link StoreSession} before the response is sent, so a
 * success status means the instance was really kept.
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
  private static final int MAX_PDU_RECEIVED = 1 << 20;
  private static final long MAX_PDU_ACCEPTED = 64L << 20;
  private static final int SUCCESS = 0x0000;
  private static final int OUT_OF_RESOURCES = 0xA700;

  private final Socket socket;
  private final String aeTitle;
  private final StoreSession.Factory sessions;
  private final Map<Integer, String> acceptedSyntax = new HashMap<>();
  private DataInputStream in;
  private OutputStream out;
  private int peerMaxPdu = 16384;

  Association(Socket socket, String aeTitle, StoreSession.Factory sessions) {
    this.socket = socket;
    this.aeTitle = aeTitle;
    this.sessions = sessions;
  }

  void run() {
    StoreSession session = null;
    boolean released = false;
    try (socket) {
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      int type = in.readUnsignedByte();
      in.readUnsignedByte();
      byte[] rq = readBody();
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
      accept(rq);
      LOG.info("Association from {} accepted", calling);
      session = sessions.open(calling);
      released = serve(session, calling);
    } catch (EOFException e) {
      LOG.warn("Peer closed the association without releasing it");
    } catch (IOException e) {
      LOG.warn("Association ended with an error: {}", e.getMessage());
    } finally {
      if (session != null) {
        session.close(released);
      }
    }
  }

  private byte[] readBody() throws IOException {
    long length = in.readInt() & 0xFFFFFFFFL;
    if (length > MAX_PDU_ACCEPTED) {
      throw new IOException("PDU of " + length + " bytes is beyond any negotiated size");
    }
    byte[] b = new byte[(int) length];
    in.readFully(b);
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
    int result = abstractSyntax == null ? 3 : chosen == null ? 4 : 0;
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
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    CommandSet pending = null;
    int pendingContext = 0;
    int stored = 0;
    while (true) {
      int type = in.readUnsignedByte();
      in.readUnsignedByte();
      byte[] body = readBody();
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
            (isCommand ? command : data).write(body, p + 6, valueLength);
            p += 6 + valueLength;
            if (isCommand && last) {
              pending = CommandSet.parse(command.toByteArray());
              pendingContext = context;
              command.reset();
              if (pending.u16(CommandSet.COMMAND_DATA_SET_TYPE) == CommandSet.NO_DATA_SET) {
                respond(pending, pendingContext, null, session, calling);
                pending = null;
              }
            } else if (!isCommand && last) {
              if (pending == null) {
                throw new IOException("data set without a command");
              }
              if (respond(pending, pendingContext, data.toByteArray(), session, calling)) {
                stored++;
              }
              data.reset();
              pending = null;
            }
          }
        }
        case 0x05 -> {
          pdu(0x06, new byte[4]);
          LOG.info("Association from {} released after {} instance(s)", calling, stored);
          return true;
        }
        case 0x07 -> {
          LOG.warn("Association from {} aborted by the peer after {} instance(s)", calling, stored);
          return false;
        }
        default -> {
          abort();
          throw new IOException("unexpected PDU type " + type);
        }
      }
    }
  }

  /** Sends the response to one request; true when an instance was stored. */
  private boolean respond(
      CommandSet rq, int context, byte[] dataset, StoreSession session, String calling)
      throws IOException {
    int field = rq.u16(CommandSet.COMMAND_FIELD);
    int messageId = rq.u16(CommandSet.MESSAGE_ID);
    CommandSet rsp = new CommandSet();
    boolean stored = false;
    if (field == CommandSet.C_ECHO_RQ) {
      rsp.putUid(CommandSet.AFFECTED_SOP_CLASS_UID, rq.uid(CommandSet.AFFECTED_SOP_CLASS_UID))
          .putU16(CommandSet.COMMAND_FIELD, CommandSet.C_ECHO_RSP)
          .putU16(CommandSet.STATUS, SUCCESS);
    } else if (field == CommandSet.C_STORE_RQ && dataset != null) {
      String sopClass = rq.uid(CommandSet.AFFECTED_SOP_CLASS_UID);
      String sopInstance = rq.uid(CommandSet.AFFECTED_SOP_INSTANCE_UID);
      String syntax = acceptedSyntax.get(context);
      int status = SUCCESS;
      try {
        if (syntax == null) {
          throw new IOException("presentation context " + context + " was not accepted");
        }
        session.store(
            new ReceivedInstance(
                calling,
                sopClass,
                sopInstance,
                syntax,
                Part10.wrap(sopClass, sopInstance, syntax, calling, dataset)));
        stored = true;
      } catch (IOException | RuntimeException e) {
        LOG.warn("Could not keep instance {}: {}", UidHash.of(sopInstance), e.getMessage());
        status = OUT_OF_RESOURCES;
      }
      rsp.putUid(CommandSet.AFFECTED_SOP_CLASS_UID, sopClass)
          .putU16(CommandSet.COMMAND_FIELD, CommandSet.C_STORE_RSP)
          .putU16(CommandSet.STATUS, status)
          .putUid(CommandSet.AFFECTED_SOP_INSTANCE_UID, sopInstance);
    } else {
      throw new IOException(String.format("unsupported DIMSE command 0x%04X", field));
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
