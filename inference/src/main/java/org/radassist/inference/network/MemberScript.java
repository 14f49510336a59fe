package org.radassist.inference.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One CamNet network in its analysis form, written out as a TorchScript program and loaded into
 * PyTorch as a single module, so that an image goes through the whole network in one call. Built
 * from DJL blocks, each of the network's 20-40 operations is a call of its own through JNI and
 * DJL's NDManager, about 20 µs apiece: timed in one JVM, interleaved, on one thread, the built-in
 * sample's network took 0.60 ms as blocks and 0.54 ms as one module, the chest model's three
 * networks (two at a time) 30.7 and 29.5 ms, as fast as the same networks scripted by python3-torch
 * and run by DJL. The program is the one TorchScript archive format that python3-torch 1.13 writes
 * and libtorch 2.x reads (a zip of the module's code, its attributes pickled with protocol 2 and
 * each tensor's raw little-endian values), built here from the folded weights with no python
 * anywhere. The module returns {@code (probabilities, maps)} like a Java-built network.
 */
final class MemberScript {
  private static final String ROOT = "camnet_member/";

  /** A step of the network, in the order it runs. */
  sealed interface Layer permits Convolution, Pooling, Relu {}

  /** A convolution with stride 1 whose weights and bias already hold any BatchNorm after it. */
  record Convolution(NDArray weight, NDArray bias, long[] padding, long[] dilation)
      implements Layer {}

  /** 2x2 max pooling as {@link PairwiseMaxPool} takes it, on strided views. */
  record Pooling() implements Layer {}

  record Relu() implements Layer {}

  private MemberScript() {}

  /** The network as a PyTorch module whose tensors live, and die, with {@code manager}. */
  static Block load(List<Layer> layers, boolean maxPooling, NDManager manager) {
    try {
      return JniUtils.loadModule(
          (PtNDManager) manager,
          new ByteArrayInputStream(archive(layers, maxPooling)),
          true,
          false);
    } catch (IOException e) {
      throw new UncheckedIOException("the network's TorchScript program did not load", e);
    }
  }

  /** The TorchScript archive of the network. */
  static byte[] archive(List<Layer> layers, boolean maxPooling) throws IOException {
    List<NDArray> tensors = new ArrayList<>();
    for (Layer layer : layers) {
      if (layer instanceof Convolution c) {
        tensors.add(c.weight());
        tensors.add(c.bias());
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      // The format version python3-torch 1.13 writes for these operators: libtorch 2.x reads it as
      // it is, with no upgrader. No tensor constants in the code, so an empty tuple of them.
      stored(zip, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
      stored(zip, "code/__torch__.py", code(layers, maxPooling).getBytes(StandardCharsets.UTF_8));
      stored(zip, "data.pkl", attributes(tensors));
      stored(zip, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
      for (int k = 0; k < tensors.size(); k++) {
        float[] values = tensors.get(k).toFloatArray();
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        stored(zip, "data/" + k, data.array());
      }
    }
    return bytes.toByteArray();
  }

  /** The module's class in TorchScript's own syntax; tensor {@code k} is attribute {@code tk}. */
  private static String code(List<Layer> layers, boolean maxPooling) {
    StringBuilder attributes = new StringBuilder();
    StringBuilder body = new StringBuilder();
    String x = "x";
    int tensor = 0;
    for (int i = 0; i < layers.size(); i++) {
      String y = "x" + i;
      Layer layer = layers.get(i);
      if (layer instanceof Convolution c) {
        line(attributes, "  t%d : Tensor", tensor);
        line(attributes, "  t%d : Tensor", tensor + 1);
        line(
            body,
            "    %s = torch.conv2d(%s, self.t%d, self.t%d, [1, 1], %s, %s)",
            y,
            x,
            tensor,
            tensor + 1,
            list(c.padding()),
            list(c.dilation()));
        tensor += 2;
      } else if (layer instanceof Pooling) {
        // An odd last row or column has no partner and is dropped, as max_pool2d drops it.
        line(body, "    h%d = torch.mul(torch.floordiv(torch.size(%s, 2), 2), 2)", i, x);
        line(body, "    w%d = torch.mul(torch.floordiv(torch.size(%s, 3), 2), 2)", i, x);
        line(
            body,
            "    r%d = torch.maximum(torch.slice(%s, 2, 0, h%d, 2), torch.slice(%s, 2, 1, h%d, 2))",
            i,
            x,
            i,
            x,
            i);
        line(
            body,
            "    %s = torch.maximum(torch.slice(r%d, 3, 0, w%d, 2), torch.slice(r%d, 3, 1, w%d, 2))",
            y,
            i,
            i,
            i,
            i);
      } else {
        line(body, "    %s = torch.relu(%s)", y, x);
      }
      x = y;
    }
    if (maxPooling) {
      line(body, "    pooled, cell = torch.max(torch.flatten(%s, 2), 2)", x);
    } else {
      line(body, "    pooled = torch.mean(torch.flatten(%s, 2), [2])", x);
    }
    line(body, "    return (torch.sigmoid(pooled), %s)", x);
    return "class CamNetMember(Module):\n"
        + "  __parameters__ = []\n"
        + "  __buffers__ = []\n"
        + "  training : bool\n"
        + attributes
        + "  def forward(self: __torch__.CamNetMember,\n"
        + "    x: Tensor) -> Tuple[Tensor, Tensor]:\n"
        + body;
  }

  private static void line(StringBuilder b, String format, Object... args) {
    b.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static String list(long[] values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ", ").append(values[i]);
    }
    return b.append(']').toString();
  }

  /**
   * The module object as TorchScript's loader unpickles it: an instance of the class above whose
   * attributes are {@code training} and the tensors, each rebuilt from its record {@code data/k}.
   */
  private static byte[] attributes(List<NDArray> tensors) {
    Pickle p = new Pickle();
    p.global("__torch__", "CamNetMember").op(')').op(0x81).op('}').op('(');
    p.text("training").op(0x89);
    for (int k = 0; k < tensors.size(); k++) {
      long[] shape = tensors.get(k).getShape().getShape();
      long[] strides = new long[shape.length];
      long numel = 1;
      for (int d = shape.length - 1; d >= 0; d--) {
        strides[d] = numel;
        numel *= shape[d];
      }
      p.text("t" + k).global("torch._utils", "_rebuild_tensor_v2").op('(');
      p.op('(').text("storage").global("torch", "FloatStorage").text(Integer.toString(k));
      p.text("cpu").integer(numel).op('t').op('Q');
      p.integer(0).tuple(shape).tuple(strides).op(0x89);
      p.global("collections", "OrderedDict").op(')').op('R');
      p.op('t').op('R');
    }
    return p.op('u').op('b').op('.').bytes();
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(ROOT + name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }

  /** The few opcodes of pickle protocol 2 that a module of tensors needs. */
  private static final class Pickle {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickle() {
      op(0x80).op(2);
    }

    Pickle op(int code) {
      out.write(code);
      return this;
    }

    Pickle global(String module, String name) {
      op('c');
      out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    Pickle text(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      op('X').int32(utf8.length);
      out.writeBytes(utf8);
      return this;
    }

    Pickle integer(long v) {
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("a tensor of " + v + " values");
      }
      return op('J').int32((int) v);
    }

    Pickle tuple(long[] values) {
      op('(');
      for (long v : values) {
        integer(v);
      }
      return op('t');
    }

    private Pickle int32(int v) {
      for (int i = 0; i < 4; i++) {
        out.write(v >>> (8 * i));
      }
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
