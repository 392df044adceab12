package io.vnft.gpu.torchscript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive by hand (no Python here): a zip of stored entries
 * {@code <name>/version}, {@code <name>/constants.pkl} (an empty tuple),
 * {@code <name>/data.pkl} (pickle protocol 2 of the module object {@code __torch__.Model} with
 * its one attribute {@code training}) and {@code <name>/code/__torch__.py} (the module's
 * TorchScript source, compiled by libtorch when it loads the file). The layout follows
 * PyTorch's serialisation format (torch/csrc/jit/serialization, "TorchScript model format").
 */
final class TinyTorchScript {
  private TinyTorchScript() {}

  static Path write(Path dir, String name, String forwardBody) throws IOException {
    String code = "class Model(Module):\n"
        + "  __parameters__ = []\n"
        + "  __buffers__ = []\n"
        + "  training : bool\n"
        + "  def forward(self: __torch__.Model, z: Tensor, grid: Tensor) -> Tensor:\n"
        + forwardBody;
    ByteArrayOutputStream pk = new ByteArrayOutputStream();
    pk.write(new byte[] {(byte) 0x80, 2});                       // PROTO 2
    pk.write('c');                                               // GLOBAL
    pk.writeBytes("__torch__\nModel\n".getBytes(StandardCharsets.US_ASCII));
    pk.write(')');                                               // EMPTY_TUPLE
    pk.write(0x81);                                              // NEWOBJ
    pk.write('}');                                               // EMPTY_DICT
    pk.write('(');                                               // MARK
    byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
    pk.write('X');                                               // BINUNICODE
    pk.writeBytes(new byte[] {(byte) key.length, 0, 0, 0});
    pk.writeBytes(key);
    pk.write(0x88);                                              // NEWTRUE
    pk.write('u');                                               // SETITEMS
    pk.write('b');                                               // BUILD
    pk.write('.');                                               // STOP
    Path file = dir.resolve(name + ".pt");
    try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
      put(z, name + "/data.pkl", pk.toByteArray());
      put(z, name + "/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
      put(z, name + "/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
      put(z, name + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }
    return file;
  }

  private static void put(ZipOutputStream z, String entry, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(entry);
    e.setMethod(ZipEntry.STORED);
    e.setSize(data.length);
    e.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setCrc(crc.getValue());
    z.putNextEntry(e);
    z.write(data);
    z.closeEntry();
  }
}
