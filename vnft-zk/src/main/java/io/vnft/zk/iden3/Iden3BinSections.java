package io.vnft.zk.iden3;

import io.vnft.api.ProofException;
import io.vnft.api.internal.AtomicFiles;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The iden3 binary container shared by {@code .r1cs} and {@code .wtns} (used by {@link R1csFile}
 * and {@link WtnsFile}): 4-byte magic, uint32 version, uint32 section count, then sections of
 * {@code (uint32 type, uint64 size, bytes)}; all integers little-endian. Every read is bounds-checked
 * and failures become {@link ProofException} naming the file kind and the field.
 */
final class Iden3BinSections {
  /** Bytes of a BN254 scalar field element in these files. */
  static final int N8 = 32;
  private static final int MAX_SECTIONS = 1 << 16;

  record Section(int type, int offset, int size) {}

  final String kind;
  final byte[] data;
  final int version;
  private final Map<Integer, List<Section>> sections = new HashMap<>();

  private Iden3BinSections(String kind, byte[] data, int version) {
    this.kind = kind;
    this.data = data;
    this.version = version;
  }

  static Iden3BinSections parse(String kind, byte[] data, int minVersion, int maxVersion) {
    if (data == null) {
      throw new ProofException(kind + ": no data");
    }
    if (data.length < 12) {
      throw new ProofException(kind + ": truncated file (" + data.length + " bytes, the header alone needs 12)");
    }
    String magic = new String(data, 0, 4, StandardCharsets.ISO_8859_1);
    if (!magic.equals(kind)) {
      throw new ProofException(kind + ": wrong magic '" + printable(magic) + "', expected '" + kind + "'");
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long version = Integer.toUnsignedLong(b.getInt(4));
    if (version < minVersion || version > maxVersion) {
      throw new ProofException(kind + ": unsupported version " + version + " (supported: " + minVersion
          + (maxVersion == minVersion ? "" : ".." + maxVersion) + ")");
    }
    long nSections = Integer.toUnsignedLong(b.getInt(8));
    if (nSections > MAX_SECTIONS) {
      throw new ProofException(kind + ": section count " + nSections + " exceeds " + MAX_SECTIONS);
    }
    Iden3BinSections s = new Iden3BinSections(kind, data, (int) version);
    long pos = 12;
    for (int i = 0; i < nSections; i++) {
      if (pos + 12 > data.length) {
        throw new ProofException(kind + ": truncated file: header of section " + i + " at byte " + pos
            + " runs past the end (" + data.length + " bytes)");
      }
      int type = b.getInt((int) pos);
      long size = b.getLong((int) pos + 4);
      pos += 12;
      if (size < 0 || size > data.length - pos) {
        throw new ProofException(kind + ": section " + i + " (type " + Integer.toUnsignedString(type) + ") declares "
            + Long.toUnsignedString(size) + " bytes but only " + (data.length - pos) + " remain (truncated or oversized)");
      }
      s.sections.computeIfAbsent(type, k -> new ArrayList<>()).add(new Section(type, (int) pos, (int) size));
      pos += size;
    }
    if (pos != data.length) {
      throw new ProofException(kind + ": " + (data.length - pos) + " trailing bytes after the last section");
    }
    return s;
  }

  /** The single section of {@code type}, or null if absent; duplicates are an error. */
  Section optional(int type, String name) {
    List<Section> l = sections.get(type);
    if (l == null) {
      return null;
    }
    if (l.size() > 1) {
      throw new ProofException(kind + ": section " + type + " (" + name + ") appears " + l.size() + " times");
    }
    return l.get(0);
  }

  Section required(int type, String name) {
    Section s = optional(type, name);
    if (s == null) {
      throw new ProofException(kind + ": missing section " + type + " (" + name + ")");
    }
    return s;
  }

  boolean has(int type) {
    return sections.containsKey(type);
  }

  Reader reader(Section s, String name) {
    return new Reader(this, s, name);
  }

  /** Bounds-checked little-endian cursor over one section. */
  static final class Reader {
    private final Iden3BinSections f;
    private final ByteBuffer b;
    private final int end;
    private final String name;
    private int pos;

    Reader(Iden3BinSections f, Section s, String name) {
      this.f = f;
      this.b = ByteBuffer.wrap(f.data).order(ByteOrder.LITTLE_ENDIAN);
      this.pos = s.offset();
      this.end = s.offset() + s.size();
      this.name = name;
    }

    int remaining() {
      return end - pos;
    }

    private void need(int n, String field) {
      if (n > end - pos) {
        throw new ProofException(f.kind + ": " + name + " section truncated while reading " + field + " (needs " + n
            + " bytes, " + (end - pos) + " left)");
      }
    }

    long u32(String field) {
      need(4, field);
      long v = Integer.toUnsignedLong(b.getInt(pos));
      pos += 4;
      return v;
    }

    long u64(String field) {
      need(8, field);
      long v = b.getLong(pos);
      pos += 8;
      if (v < 0) {
        throw new ProofException(f.kind + ": " + name + " " + field + " " + Long.toUnsignedString(v) + " is too large");
      }
      return v;
    }

    BigInteger bigLE(int n, String field) {
      need(n, field);
      byte[] be = new byte[n];
      for (int i = 0; i < n; i++) {
        be[i] = f.data[pos + n - 1 - i];
      }
      pos += n;
      return new BigInteger(1, be);
    }

    /** A canonical (below r) element in standard form, 32 bytes LE. */
    Fr fr(String field) {
      need(N8, field);
      long[] limbs = {b.getLong(pos), b.getLong(pos + 8), b.getLong(pos + 16), b.getLong(pos + 24)};
      if (!FrOps.isCanonical(limbs, 0)) {
        throw new ProofException(f.kind + ": " + field + " = " + bigLE(N8, field)
            + " is not a canonical field element (>= r)");
      }
      pos += N8;
      FrOps.toMont(limbs, 0, limbs, 0);
      return Fr.fromMontLimbs(limbs, 0);
    }

    void expectEnd() {
      if (pos != end) {
        throw new ProofException(f.kind + ": " + name + " section has " + (end - pos) + " unexpected trailing bytes");
      }
    }
  }

  /** Reads and checks the (n8, prime) pair of a header section. */
  static void checkField(Reader r, String kind) {
    long n8 = r.u32("field size n8");
    if (n8 != N8) {
      throw new ProofException(kind + ": field size n8 = " + n8 + " bytes, expected 32 (BN254 scalar field; "
          + "48 would be BLS12-381's base field, 32 with another prime another curve)");
    }
    BigInteger prime = r.bigLE(N8, "prime");
    if (!prime.equals(Fr.MODULUS)) {
      throw new ProofException(kind + ": prime " + prime + " is not the BN254 scalar field r = " + Fr.MODULUS);
    }
  }

  static void writeHeader(ByteBuffer b, String kind, int version, int nSections) {
    b.put(kind.getBytes(StandardCharsets.ISO_8859_1));
    b.putInt(version);
    b.putInt(nSections);
  }

  /** Writes n8 = 32 and the prime r, little-endian. */
  static void putPrime(ByteBuffer b) {
    b.putInt(N8);
    byte[] be = Fr.MODULUS.toByteArray(); // 32 bytes: r < 2^254 so no sign byte is added
    for (int i = 0; i < N8; i++) {
      b.put(be[be.length - 1 - i]);
    }
  }

  static void putFr(ByteBuffer b, Fr v) {
    b.put(v.toBytesLE());
  }

  /** Writes {@code bytes} to {@code path} through a temporary file in the same directory and a rename. */
  static void writeAtomically(Path path, byte[] bytes, String kind) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      AtomicFiles.replace(path, bytes);
    } catch (IOException e) {
      throw new ProofException("cannot write " + kind + " file " + path + ": " + e.getMessage(), e);
    }
  }

  static byte[] readAll(Path path, String kind, long maxBytes) {
    try {
      long size = Files.size(path);
      if (size > maxBytes) {
        throw new ProofException(kind + " file " + path + " has " + size + " bytes, more than the limit " + maxBytes);
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ProofException("cannot read " + kind + " file " + path + ": " + e.getMessage(), e);
    }
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return sb.toString();
  }
}
