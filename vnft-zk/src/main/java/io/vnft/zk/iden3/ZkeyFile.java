package io.vnft.zk.iden3;

import io.vnft.api.InvalidInputException;
import io.vnft.api.ProofException;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.FpOps;
import io.vnft.zk.field.Fp2;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.groth16.VerifyingKey;
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
 * Reads and writes snarkjs' Groth16 proving key file ({@code .zkey}, iden3 binary container,
 * version 1), as written by snarkjs 0.7 ({@code src/zkey_new.js}, {@code src/zkey_utils.js}).
 *
 * <p>Layout: magic {@code "zkey"}, u32 version 1, u32 section count, then sections
 * {@code (u32 id, u64 length, bytes)}, all little-endian. Sections: 1 protocol (u32, 1 = Groth16);
 * 2 header (n8q, q, n8r, r, nVars, nPublic, domainSize, alpha1, beta1, beta2, gamma2, delta1,
 * delta2); 3 IC; 4 coefficients (u32 count, then per entry u32 matrix, u32 constraint, u32 signal
 * and the value {@code c·R² mod r} as 32 bytes, so that a Montgomery product with a standard-form
 * witness value gives the Montgomery product); 5 A; 6 B1; 7 B2; 8 C; 9 H; 10 ceremony
 * contributions. Points are affine {@code x, y} in little-endian Montgomery form (G2 coordinates
 * as {@code c0, c1}); infinity is all zeros.
 *
 * <p>Validation on read: the container, section sizes (exact), BN254's {@code q} and {@code r},
 * the protocol id, every coordinate below {@code q}, every point on its curve, the header G2
 * points also in the order-r subgroup (the B2 query is checked on the twist only: a subgroup check
 * of every query point would cost seconds; a bad query point can only make the prover's own proofs
 * fail), every coefficient below {@code r} and every index in range. Any failure is an
 * {@link InvalidInputException} naming the section and the field.
 *
 * <p>Writing produces a file snarkjs proves with; its section 10 holds an all-zero circuit hash
 * and no contributions (a key from {@link io.vnft.zk.groth16.Groth16}'s single-party setup is not
 * part of a ceremony). Files are written to a temporary name and renamed. Stateless and
 * thread-safe.
 */
public final class ZkeyFile {
  private ZkeyFile() {}

  /** Largest file accepted by {@link #read(Path)}, in bytes (1 GiB: about a 2^21-constraint key). */
  public static final long MAX_FILE_BYTES = 1L << 30;

  private static final int G1_BYTES = 64;
  private static final int G2_BYTES = 128;
  private static final int COEF_BYTES = 12 + 32;
  private static final int HEADER2_BYTES = 4 + 32 + 4 + 32 + 12 + 3 * G1_BYTES + 3 * G2_BYTES;

  /**
   * Reads and validates a Groth16 {@code .zkey}.
   *
   * @param file the path
   * @return the proving key
   * @throws InvalidInputException if the file is malformed (see the class comment) or larger than
   *     {@link #MAX_FILE_BYTES}
   * @throws ProofException if the file cannot be read
   */
  public static ProvingKey read(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new InvalidInputException("zkey " + file + ": " + size + " bytes exceeds the limit of " + MAX_FILE_BYTES);
      }
      return read(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ProofException("zkey " + file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads and validates a Groth16 {@code .zkey} held in memory.
   *
   * @param data the whole file
   * @return the proving key, validated
   * @throws InvalidInputException if the bytes are malformed (see the class comment)
   */
  public static ProvingKey read(byte[] data) {
    if (data == null) {
      throw new InvalidInputException("zkey: data is null");
    }
    Container c = Container.parse(data, "zkey", 1, 10);
    ByteBuffer s1 = c.section(1, "protocol");
    exact(s1, 4, "section 1 (protocol)");
    int protocol = s1.getInt();
    if (protocol != 1) {
      throw new InvalidInputException("zkey section 1: protocol id " + Integer.toUnsignedString(protocol)
          + " is not Groth16 (1)");
    }
    ByteBuffer h = c.section(2, "header");
    exact(h, HEADER2_BYTES, "section 2 (Groth16 header)");
    int n8q = h.getInt();
    if (n8q != 32) {
      throw new InvalidInputException("zkey section 2: n8q " + Integer.toUnsignedString(n8q) + " must be 32 (BN254)");
    }
    BigInteger q = readBig(h, 32);
    if (!q.equals(Fp.MODULUS)) {
      throw new InvalidInputException("zkey section 2: base field q = " + q + " is not BN254's " + Fp.MODULUS);
    }
    int n8r = h.getInt();
    if (n8r != 32) {
      throw new InvalidInputException("zkey section 2: n8r " + Integer.toUnsignedString(n8r) + " must be 32 (BN254)");
    }
    BigInteger r = readBig(h, 32);
    if (!r.equals(Fr.MODULUS)) {
      throw new InvalidInputException("zkey section 2: scalar field r = " + r + " is not BN254's " + Fr.MODULUS);
    }
    long nVars = Integer.toUnsignedLong(h.getInt());
    long nPublic = Integer.toUnsignedLong(h.getInt());
    long domainSize = Integer.toUnsignedLong(h.getInt());
    if (nVars < 1 || nVars > (1 << 28)) {
      throw new InvalidInputException("zkey section 2: nVars " + nVars + " out of range [1, 2^28]");
    }
    if (nPublic >= nVars) {
      throw new InvalidInputException("zkey section 2: nPublic " + nPublic + " must be below nVars " + nVars);
    }
    if (domainSize < 1 || domainSize > (1 << 28) || Long.bitCount(domainSize) != 1) {
      throw new InvalidInputException("zkey section 2: domainSize " + domainSize + " must be a power of two <= 2^28");
    }
    G1Point alpha1 = g1(h, "section 2 alpha1");
    G1Point beta1 = g1(h, "section 2 beta1");
    G2Point beta2 = g2(h, "section 2 beta2", true);
    G2Point gamma2 = g2(h, "section 2 gamma2", true);
    G1Point delta1 = g1(h, "section 2 delta1");
    G2Point delta2 = g2(h, "section 2 delta2", true);

    int nv = (int) nVars;
    int np = (int) nPublic;
    int n = (int) domainSize;
    List<G1Point> ic = g1s(c, 3, "IC", np + 1);
    ByteBuffer s4 = c.section(4, "coefficients");
    if (s4.remaining() < 4) {
      throw new InvalidInputException("zkey section 4 (coefficients): " + s4.remaining() + " bytes, needs at least 4");
    }
    long nCoef = Integer.toUnsignedLong(s4.getInt());
    exact(s4, nCoef * COEF_BYTES, "section 4 (coefficients, " + nCoef + " entries)");
    int m = (int) nCoef;
    int[] cm = new int[m];
    int[] cc = new int[m];
    int[] cs = new int[m];
    Fr[] cv = new Fr[m];
    long[] t = new long[4];
    for (int i = 0; i < m; i++) {
      cm[i] = s4.getInt();
      cc[i] = s4.getInt();
      cs[i] = s4.getInt();
      if (cm[i] != 0 && cm[i] != 1) {
        throw new InvalidInputException("zkey section 4 coefficient " + i + ": matrix "
            + Integer.toUnsignedString(cm[i]) + " must be 0 (A) or 1 (B)");
      }
      if (Integer.toUnsignedLong(cc[i]) >= domainSize) {
        throw new InvalidInputException("zkey section 4 coefficient " + i + ": constraint "
            + Integer.toUnsignedString(cc[i]) + " is not below domainSize " + domainSize);
      }
      if (Integer.toUnsignedLong(cs[i]) >= nVars) {
        throw new InvalidInputException("zkey section 4 coefficient " + i + ": signal "
            + Integer.toUnsignedString(cs[i]) + " is not below nVars " + nVars);
      }
      for (int l = 0; l < 4; l++) {
        t[l] = s4.getLong();
      }
      if (!FrOps.isCanonical(t, 0)) {
        throw new InvalidInputException("zkey section 4 coefficient " + i + ": value is not below r");
      }
      // stored c·R² is the Montgomery form of c·R; one Montgomery reduction gives Montgomery(c)
      FrOps.fromMont(t, 0, t, 0);
      cv[i] = Fr.fromMontLimbs(t, 0);
    }
    List<G1Point> a = g1s(c, 5, "A", nv);
    List<G1Point> b1 = g1s(c, 6, "B1", nv);
    ByteBuffer s7 = c.section(7, "B2");
    exact(s7, (long) nv * G2_BYTES, "section 7 (B2, " + nv + " points)");
    List<G2Point> b2 = new ArrayList<>(nv);
    for (int i = 0; i < nv; i++) {
      b2.add(g2(s7, "section 7 B2[" + i + "]", false));
    }
    List<G1Point> cq = g1s(c, 8, "C", nv - np - 1);
    List<G1Point> hq = g1s(c, 9, "H", n);
    VerifyingKey vk = new VerifyingKey(alpha1, beta2, gamma2, delta2, ic);
    return new ProvingKey(vk, beta1, delta1, nv, n, cm, cc, cs, cv, a, b1, b2, cq, hq);
  }

  private static void exact(ByteBuffer b, long want, String what) {
    if (b.remaining() != want) {
      throw new InvalidInputException("zkey " + what + ": " + b.remaining() + " bytes, expected " + want);
    }
  }

  private static BigInteger readBig(ByteBuffer b, int n) {
    byte[] be = new byte[n + 1];
    for (int i = 0; i < n; i++) {
      be[n - i] = b.get();
    }
    return new BigInteger(be);
  }

  private static List<G1Point> g1s(Container c, int id, String name, int count) {
    ByteBuffer s = c.section(id, name);
    exact(s, (long) count * G1_BYTES, "section " + id + " (" + name + ", " + count + " points)");
    List<G1Point> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(g1(s, "section " + id + " " + name + "[" + i + "]"));
    }
    return out;
  }

  private static Fp fp(ByteBuffer b, long[] t, String what, String coord) {
    for (int l = 0; l < 4; l++) {
      t[l] = b.getLong();
    }
    if (!FpOps.isCanonical(t, 0)) {
      throw new InvalidInputException("zkey " + what + ": coordinate " + coord + " is not below q");
    }
    return Fp.fromMontLimbs(t, 0);
  }

  static G1Point g1(ByteBuffer b, String what) {
    long[] t = new long[4];
    Fp x = fp(b, t, what, "x");
    Fp y = fp(b, t, what, "y");
    try {
      return G1Point.of(x, y);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("zkey " + what + ": point is not on the curve", e);
    }
  }

  static G2Point g2(ByteBuffer b, String what, boolean subgroup) {
    long[] t = new long[4];
    Fp2 x = new Fp2(fp(b, t, what, "x.c0"), fp(b, t, what, "x.c1"));
    Fp2 y = new Fp2(fp(b, t, what, "y.c0"), fp(b, t, what, "y.c1"));
    if (subgroup) {
      try {
        return G2Point.of(x, y);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("zkey " + what + ": " + e.getMessage(), e);
      }
    }
    G2Point p = G2Point.fromUnchecked(x, y);
    if (!p.isOnCurve()) {
      throw new InvalidInputException("zkey " + what + ": point is not on the twist");
    }
    return p;
  }

  // ------------------------------------------------------------------------------------- writing

  /**
   * Encodes a proving key as {@code .zkey} bytes.
   *
   * @param pk the proving key
   * @return the file's bytes
   * @throws InvalidInputException if pk is null
   */
  public static byte[] toBytes(ProvingKey pk) {
    if (pk == null) {
      throw new InvalidInputException("zkey: proving key is null");
    }
    VerifyingKey vk = pk.verifyingKey();
    int nv = pk.nVars();
    int np = pk.nPublic();
    int n = pk.domainSize();
    int m = pk.coefficientCount();
    long[] sizes = {
      4, HEADER2_BYTES, (long) (np + 1) * G1_BYTES, 4 + (long) m * COEF_BYTES, (long) nv * G1_BYTES,
      (long) nv * G1_BYTES, (long) nv * G2_BYTES, (long) (nv - np - 1) * G1_BYTES, (long) n * G1_BYTES, 64 + 4
    };
    long total = 12;
    for (long s : sizes) {
      total += 12 + s;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException("zkey: key of " + total + " bytes is too large to encode in memory");
    }
    ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'z', 'k', 'e', 'y'}).putInt(1).putInt(10);
    section(b, 1, sizes[0]);
    b.putInt(1);
    section(b, 2, sizes[1]);
    b.putInt(32);
    putBig(b, Fp.MODULUS);
    b.putInt(32);
    putBig(b, Fr.MODULUS);
    b.putInt(nv).putInt(np).putInt(n);
    putG1(b, vk.alpha1());
    putG1(b, pk.beta1());
    putG2(b, vk.beta2());
    putG2(b, vk.gamma2());
    putG1(b, pk.delta1());
    putG2(b, vk.delta2());
    section(b, 3, sizes[2]);
    for (G1Point p : vk.ic()) {
      putG1(b, p);
    }
    section(b, 4, sizes[3]);
    b.putInt(m);
    long[] t = new long[4];
    for (int i = 0; i < m; i++) {
      b.putInt(pk.coefficientMatrix(i)).putInt(pk.coefficientConstraint(i)).putInt(pk.coefficientSignal(i));
      pk.coefficientValue(i).copyLimbsTo(t, 0);
      FrOps.toMont(t, 0, t, 0); // Montgomery(c) -> Montgomery(c·R) = c·R² as stored by snarkjs
      for (int l = 0; l < 4; l++) {
        b.putLong(t[l]);
      }
    }
    section(b, 5, sizes[4]);
    for (G1Point p : pk.pointsA()) {
      putG1(b, p);
    }
    section(b, 6, sizes[5]);
    for (G1Point p : pk.pointsB1()) {
      putG1(b, p);
    }
    section(b, 7, sizes[6]);
    for (G2Point p : pk.pointsB2()) {
      putG2(b, p);
    }
    section(b, 8, sizes[7]);
    for (G1Point p : pk.pointsC()) {
      putG1(b, p);
    }
    section(b, 9, sizes[8]);
    for (G1Point p : pk.pointsH()) {
      putG1(b, p);
    }
    section(b, 10, sizes[9]);
    b.put(new byte[64]).putInt(0);
    if (b.hasRemaining()) {
      throw new IllegalStateException("zkey size mismatch");
    }
    return b.array();
  }

  /**
   * Writes a proving key as a {@code .zkey} file (to a temporary file next to it, then renamed).
   *
   * @param pk the proving key
   * @param file the file to write
   * @throws InvalidInputException if pk or file is null
   * @throws ProofException if the file cannot be written
   */
  public static void write(ProvingKey pk, Path file) {
    if (file == null) {
      throw new InvalidInputException("zkey: file is null");
    }
    Iden3BinSections.writeAtomically(file, toBytes(pk), "zkey");
  }

  private static void section(ByteBuffer b, int id, long len) {
    b.putInt(id).putLong(len);
  }

  private static void putBig(ByteBuffer b, BigInteger v) {
    byte[] be = v.toByteArray();
    for (int i = 0; i < 32; i++) {
      int j = be.length - 1 - i;
      b.put(j >= 0 ? be[j] : 0);
    }
  }

  private static void putFp(ByteBuffer b, Fp x, long[] t) {
    x.copyLimbsTo(t, 0);
    for (int l = 0; l < 4; l++) {
      b.putLong(t[l]);
    }
  }

  static void putG1(ByteBuffer b, G1Point p) {
    if (p.isInfinity()) {
      b.put(new byte[G1_BYTES]);
      return;
    }
    long[] t = new long[4];
    putFp(b, p.xFp(), t);
    putFp(b, p.yFp(), t);
  }

  static void putG2(ByteBuffer b, G2Point p) {
    if (p.isInfinity()) {
      b.put(new byte[G2_BYTES]);
      return;
    }
    long[] t = new long[4];
    putFp(b, p.xFp2().c0(), t);
    putFp(b, p.xFp2().c1(), t);
    putFp(b, p.yFp2().c0(), t);
    putFp(b, p.yFp2().c1(), t);
  }

  private static final class Container {
    private final String kind;
    private final Map<Integer, ByteBuffer> sections = new HashMap<>();

    private Container(String kind) {
      this.kind = kind;
    }

    static Container parse(byte[] data, String magic, int version, int maxSectionId) {
      Container c = new Container(magic);
      if (data.length < 12) {
        throw new InvalidInputException(magic + ": file of " + data.length + " bytes is truncated (header needs 12)");
      }
      ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
      byte[] m = new byte[4];
      b.get(m);
      if (!new String(m, StandardCharsets.ISO_8859_1).equals(magic)) {
        throw new InvalidInputException(magic + ": bad magic \"" + new String(m, StandardCharsets.ISO_8859_1)
            + "\", expected \"" + magic + "\"");
      }
      int v = b.getInt();
      if (v != version) {
        throw new InvalidInputException(magic + ": version " + Integer.toUnsignedString(v) + " unsupported (expected " + version + ")");
      }
      long n = Integer.toUnsignedLong(b.getInt());
      if (n > 64) {
        throw new InvalidInputException(magic + ": " + n + " sections exceeds the limit of 64");
      }
      for (long i = 0; i < n; i++) {
        if (b.remaining() < 12) {
          throw new InvalidInputException(magic + ": truncated in the header of section " + i);
        }
        int id = b.getInt();
        long len = b.getLong();
        if (len < 0 || len > b.remaining()) {
          throw new InvalidInputException(magic + ": section id " + Integer.toUnsignedString(id) + " claims "
              + Long.toUnsignedString(len) + " bytes but only " + b.remaining() + " remain (truncated)");
        }
        if (id < 1 || id > maxSectionId) {
          throw new InvalidInputException(magic + ": unknown section id " + Integer.toUnsignedString(id)
              + " (expected 1.." + maxSectionId + ")");
        }
        ByteBuffer s = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        s.limit((int) len);
        if (c.sections.put(id, s) != null) {
          throw new InvalidInputException(magic + ": section " + id + " appears twice");
        }
        b.position(b.position() + (int) len);
      }
      if (b.hasRemaining()) {
        throw new InvalidInputException(magic + ": " + b.remaining() + " trailing bytes after the last section (oversized)");
      }
      return c;
    }

    ByteBuffer section(int id, String name) {
      ByteBuffer s = sections.get(id);
      if (s == null) {
        throw new InvalidInputException(kind + ": section " + id + " (" + name + ") is missing");
      }
      return s.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean has(int id) {
      return sections.containsKey(id);
    }
  }
}
