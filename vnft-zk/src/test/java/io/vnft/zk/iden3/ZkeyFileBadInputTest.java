package io.vnft.zk.iden3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fr;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.ProvingKey;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Crafted bad {@code .zkey} files: each is refused with an InvalidInputException naming the problem. */
class ZkeyFileBadInputTest {
  static byte[] good;
  static ProvingKey pk;
  /** Offsets of the section payloads in {@link #good}, by section id. */
  static final int[] OFF = new int[11];

  @BeforeAll
  static void build() {
    CompiledCircuit cc = CircuitCompiler.compile(api -> {
      Var x = api.publicInput("x");
      Var s = api.secretInput("s");
      api.assertEqual(api.mul(s, s), x);
    });
    pk = Groth16.setup(cc.r1cs(), new SecureRandom());
    good = ZkeyFile.toBytes(pk);
    ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
    b.position(12);
    while (b.hasRemaining()) {
      int id = b.getInt();
      long len = b.getLong();
      OFF[id] = b.position();
      b.position(b.position() + (int) len);
    }
  }

  private static String refused(byte[] data) {
    try {
      ZkeyFile.read(data);
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage() != null && e.getMessage().startsWith("zkey"), e.getMessage());
      return e.getMessage();
    } catch (RuntimeException e) {
      fail("expected InvalidInputException, got " + e, e);
    }
    return fail("accepted a bad file");
  }

  private static byte[] copy() {
    return good.clone();
  }

  private static void putInt(byte[] d, int off, int v) {
    ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt(off, v);
  }

  private static void putBig(byte[] d, int off, BigInteger v) {
    byte[] be = v.toByteArray();
    for (int i = 0; i < 32; i++) {
      int j = be.length - 1 - i;
      d[off + i] = j >= 0 ? be[j] : 0;
    }
  }

  @Test
  void goodFileRoundTrips() {
    ProvingKey back = ZkeyFile.read(good);
    assertEquals(pk.verifyingKey(), back.verifyingKey());
    assertTrue(Arrays.equals(good, ZkeyFile.toBytes(back)));
  }

  @Test
  void everyTruncationAndAnyTrailingByteIsRefused() {
    for (int len = 0; len < good.length; len++) {
      refused(Arrays.copyOf(good, len));
    }
    String m = refused(Arrays.copyOf(good, good.length + 1));
    assertTrue(m.contains("trailing") || m.contains("truncated"), m);
  }

  @Test
  void containerAndHeaderFieldsAreChecked() {
    byte[] d = copy();
    d[0] = 'r';
    assertTrue(refused(d).contains("magic"));
    d = copy();
    putInt(d, 4, 2);
    assertTrue(refused(d).contains("version"));
    d = copy();
    putInt(d, OFF[1], 2); // PLONK
    assertTrue(refused(d).contains("protocol id 2"));
    d = copy();
    putInt(d, OFF[2], 48);
    assertTrue(refused(d).contains("n8q"));
    d = copy();
    BigInteger bls = new BigInteger("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", 16);
    putBig(d, OFF[2] + 4, bls.mod(BigInteger.ONE.shiftLeft(256)));
    assertTrue(refused(d).contains("base field q"));
    d = copy();
    putBig(d, OFF[2] + 40, Fr.MODULUS.add(BigInteger.TWO));
    assertTrue(refused(d).contains("scalar field r"));
    d = copy();
    putInt(d, OFF[2] + 72, pk.nVars() + 1); // nVars no longer matches the section sizes
    assertTrue(refused(d).contains("bytes, expected"));
    d = copy();
    putInt(d, OFF[2] + 80, 3); // domain size not a power of two
    assertTrue(refused(d).contains("domainSize"));
    d = copy();
    putInt(d, OFF[2] + 76, pk.nVars()); // nPublic >= nVars
    assertTrue(refused(d).contains("nPublic"));
  }

  @Test
  void pointsMustBeCanonicalAndOnTheCurve() {
    int alpha = OFF[2] + 84;
    byte[] d = copy();
    putBig(d, alpha, Fp.MODULUS); // x = p in Montgomery limbs: not below q
    String m = refused(d);
    assertTrue(m.contains("alpha1") && m.contains("not below q"), m);
    d = copy();
    d[alpha + 32] ^= 1; // y changed: off the curve (still canonical: low bit)
    m = refused(d);
    assertTrue(m.contains("alpha1") && (m.contains("not on the curve") || m.contains("not below q")), m);
    d = copy();
    d[OFF[2] + 84 + 64 * 2 + 5] ^= 1; // beta2.x.c0 changed
    m = refused(d);
    assertTrue(m.contains("beta2"), m);
    d = copy();
    d[OFF[7] + 3] ^= 1; // a B2 query point
    m = refused(d);
    assertTrue(m.contains("B2[0]") || m.contains("section 7"), m);
    d = copy();
    d[OFF[9] + 64 + 40] ^= 1; // H[1].y
    m = refused(d);
    assertTrue(m.contains("H[1]"), m);
  }

  @Test
  void coefficientsAreChecked() {
    int first = OFF[4] + 4;
    byte[] d = copy();
    putInt(d, first, 2);
    assertTrue(refused(d).contains("matrix 2"));
    d = copy();
    putInt(d, first + 4, pk.domainSize());
    assertTrue(refused(d).contains("not below domainSize"));
    d = copy();
    putInt(d, first + 8, pk.nVars());
    assertTrue(refused(d).contains("not below nVars"));
    d = copy();
    putBig(d, first + 12, Fr.MODULUS);
    assertTrue(refused(d).contains("not below r"));
    d = copy();
    putInt(d, OFF[4], pk.coefficientCount() + 1000);
    assertTrue(refused(d).contains("coefficients"));
  }

  @Test
  void randomCorruptionNeverEscapesAsAnotherException() {
    Random rnd = new Random(7);
    for (int i = 0; i < 400; i++) {
      byte[] d = copy();
      int flips = 1 + rnd.nextInt(3);
      for (int f = 0; f < flips; f++) {
        d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      try {
        ZkeyFile.read(d);
      } catch (InvalidInputException expected) {
        // fine
      } catch (RuntimeException e) {
        fail("corruption " + i + " escaped as " + e, e);
      }
    }
  }
}
