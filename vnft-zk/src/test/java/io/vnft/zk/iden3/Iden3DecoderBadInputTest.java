package io.vnft.zk.iden3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vnft.api.ProofException;
import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.circuit.R1cs;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.circuit.Witness;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted bad .r1cs/.wtns bytes: each is refused with a ProofException that says what is wrong. */
class Iden3DecoderBadInputTest {
  /** BLS12-381 scalar field modulus (also 32 bytes), from the BLS12-381 spec (draft-irtf-cfrg-pairing-friendly-curves). */
  private static final BigInteger BLS12_381_R =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  // Layout of the files our writer produces (header section first):
  // 0 magic, 4 version, 8 nSections, 12 type(1), 16 size(8), 24 n8, 28 prime(32), 60 nWires, 64 nPubOut,
  // 68 nPubIn, 72 nPrvIn, 76 nLabels(8), 84 mConstraints, 88 type(2), 92 size(8), 100 constraints...
  private static final int R1CS_N8 = 24;
  private static final int R1CS_PRIME = 28;
  private static final int R1CS_NWIRES = 60;
  private static final int R1CS_MCONSTRAINTS = 84;
  private static final int R1CS_CS_SIZE = 92;
  private static final int R1CS_FIRST_TERM_COUNT = 100;
  // wtns: 12 type(1), 16 size, 24 n8, 28 prime, 60 nWitness, 64 type(2), 68 size, 76 values
  private static final int WTNS_NWITNESS = 60;
  private static final int WTNS_VALUES = 76;

  private static CompiledCircuit small() {
    return CircuitCompiler.compile(api -> {
      Var x = api.secretInput("x");
      api.assertEqual(api.mul(x, api.addConst(x, 3)), api.publicInput("y"));
    });
  }

  private static byte[] r1csBytes() {
    return R1csFile.toBytes(small().r1cs());
  }

  private static byte[] wtnsBytes() {
    return WtnsFile.toBytes(small().solve(Map.of("x", Fr.of(4), "y", Fr.of(28))));
  }

  private static byte[] edit(byte[] src, Consumer<ByteBuffer> f) {
    byte[] copy = src.clone();
    f.accept(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
    return copy;
  }

  private static void putLE(ByteBuffer b, int at, BigInteger v, int n) {
    byte[] be = v.toByteArray();
    for (int i = 0; i < n; i++) {
      int j = be.length - 1 - i;
      b.put(at + i, j >= 0 ? be[j] : 0);
    }
  }

  private static void assertR1csRejected(byte[] bytes, String... words) {
    ProofException e = assertThrows(ProofException.class, () -> R1csFile.read(bytes));
    for (String w : words) {
      assertTrue(e.getMessage().contains(w), "message names '" + w + "': " + e.getMessage());
    }
  }

  private static void assertWtnsRejected(byte[] bytes, String... words) {
    ProofException e = assertThrows(ProofException.class, () -> WtnsFile.read(bytes));
    for (String w : words) {
      assertTrue(e.getMessage().contains(w), "message names '" + w + "': " + e.getMessage());
    }
  }

  @Test
  void layoutAssumedByTheseTestsHolds() {
    ByteBuffer b = ByteBuffer.wrap(r1csBytes()).order(ByteOrder.LITTLE_ENDIAN);
    R1cs r = small().r1cs();
    assertEquals(32, b.getInt(R1CS_N8));
    assertEquals(r.nWires(), b.getInt(R1CS_NWIRES));
    assertEquals(r.nConstraints(), b.getInt(R1CS_MCONSTRAINTS));
    assertEquals(2, b.getInt(R1CS_CS_SIZE - 4));
    assertEquals(r.constraint(0).a().size(), b.getInt(R1CS_FIRST_TERM_COUNT));
    ByteBuffer w = ByteBuffer.wrap(wtnsBytes()).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(r.nWires(), w.getInt(WTNS_NWITNESS));
    assertEquals(r1csRoundTrips(), true);
  }

  private static boolean r1csRoundTrips() {
    R1cs r = small().r1cs();
    R1cs back = R1csFile.read(R1csFile.toBytes(r));
    return back.constraints().equals(r.constraints()) && back.nPubIn() == 1 && back.nPrvIn() == 1;
  }

  @Test
  void everyTruncationIsRefused() {
    byte[] r = r1csBytes();
    for (int len = 0; len < r.length; len++) {
      byte[] cut = java.util.Arrays.copyOf(r, len);
      ProofException e = assertThrows(ProofException.class, () -> R1csFile.read(cut), "r1cs cut at " + len);
      assertTrue(e.getMessage().startsWith("r1cs:"), e.getMessage());
    }
    byte[] w = wtnsBytes();
    for (int len = 0; len < w.length; len++) {
      byte[] cut = java.util.Arrays.copyOf(w, len);
      assertThrows(ProofException.class, () -> WtnsFile.read(cut), "wtns cut at " + len);
    }
    assertR1csRejected(java.util.Arrays.copyOf(r, 40), "truncated");
  }

  @Test
  void wrongMagicOrVersionIsRefused() {
    assertR1csRejected(edit(r1csBytes(), b -> b.put(0, (byte) 'x')), "wrong magic", "x1cs");
    assertR1csRejected(wtnsBytes(), "wrong magic", "wtns");
    assertWtnsRejected(r1csBytes(), "wrong magic");
    assertR1csRejected(edit(r1csBytes(), b -> b.putInt(4, 2)), "unsupported version 2");
    assertWtnsRejected(edit(wtnsBytes(), b -> b.putInt(4, 3)), "unsupported version 3");
  }

  @Test
  void otherFieldsAreRefused() {
    assertR1csRejected(edit(r1csBytes(), b -> putLE(b, R1CS_PRIME, BLS12_381_R, 32)), "prime", "not the BN254");
    assertWtnsRejected(edit(wtnsBytes(), b -> putLE(b, 28, BLS12_381_R, 32)), "prime", "not the BN254");
    assertR1csRejected(edit(r1csBytes(), b -> b.putInt(R1CS_N8, 48)), "n8 = 48");
    assertWtnsRejected(edit(wtnsBytes(), b -> b.putInt(24, 48)), "n8 = 48");
  }

  @Test
  void oversizedSectionsAndCountsAreRefusedBeforeAllocating() {
    assertR1csRejected(edit(r1csBytes(), b -> b.putLong(16, Long.MAX_VALUE)), "section 0", "declares");
    assertR1csRejected(edit(r1csBytes(), b -> b.putLong(R1CS_CS_SIZE, 1L << 40)), "declares");
    assertR1csRejected(edit(r1csBytes(), b -> b.putInt(8, 0x7fffffff)), "section count");
    assertR1csRejected(edit(r1csBytes(), b -> b.putInt(R1CS_MCONSTRAINTS, -1)), "mConstraints 4294967295");
    assertR1csRejected(edit(r1csBytes(), b -> b.putInt(R1CS_FIRST_TERM_COUNT, 0x40000000)), "constraint 0 A", "terms");
    assertR1csRejected(edit(r1csBytes(), b -> b.putInt(R1CS_NWIRES, 2)), "exceeds nWires");
    assertWtnsRejected(edit(wtnsBytes(), b -> b.putInt(WTNS_NWITNESS, 1000)), "values section", "expected");
    assertWtnsRejected(edit(wtnsBytes(), b -> b.putLong(68, 1L << 50)), "declares");
  }

  @Test
  void nonCanonicalElementsAndBadWiresAreRefused() {
    // coefficient of the first term of A set to r (>= r)
    assertR1csRejected(edit(r1csBytes(), b -> putLE(b, R1CS_FIRST_TERM_COUNT + 8, Fr.MODULUS, 32)),
        "constraint 0 A term 0 coefficient", ">= r");
    assertR1csRejected(edit(r1csBytes(), b -> b.putInt(R1CS_FIRST_TERM_COUNT + 4, 1000)), "uses wire 1000");
    assertWtnsRejected(edit(wtnsBytes(), b -> putLE(b, WTNS_VALUES + 32, Fr.MODULUS.add(BigInteger.TEN), 32)),
        "value 1", ">= r");
  }

  @Test
  void trailingBytesAndMissingSectionsAreRefused() {
    byte[] r = r1csBytes();
    byte[] longer = java.util.Arrays.copyOf(r, r.length + 3);
    assertR1csRejected(longer, "trailing");
    assertR1csRejected(edit(r1csBytes(), b -> b.putInt(12, 7)), "missing section 1");
    // the wire2label map (section 3) follows the constraints section
    assertR1csRejected(edit(r1csBytes(), b -> b.putInt(100 + (int) b.getLong(R1CS_CS_SIZE), 9)),
        "missing section 3");
  }

  @Test
  void randomCorruptionNeverEscapesAsAnotherException() {
    byte[] r = r1csBytes();
    byte[] w = wtnsBytes();
    Random rnd = new Random(12345);
    for (int i = 0; i < 3000; i++) {
      byte[] src = (i & 1) == 0 ? r : w;
      byte[] bad = src.clone();
      int flips = 1 + rnd.nextInt(3);
      for (int k = 0; k < flips; k++) {
        bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
      }
      try {
        if ((i & 1) == 0) {
          R1csFile.read(bad);
        } else {
          WtnsFile.read(bad);
        }
      } catch (ProofException expected) {
        // refused with a typed error: fine
      } catch (RuntimeException e) {
        fail("corruption " + i + " escaped as " + e, e);
      }
    }
  }

  @Test
  void writesGoThroughATemporaryFile(@TempDir Path dir) throws Exception {
    CompiledCircuit c = small();
    Path p = dir.resolve("sub/c.r1cs");
    R1csFile.write(c.r1cs(), p);
    Witness w = c.solve(Map.of("x", Fr.of(4), "y", Fr.of(28)));
    WtnsFile.write(w, dir.resolve("sub/c.wtns"));
    try (var s = Files.list(dir.resolve("sub"))) {
      assertEquals(2, s.count(), "no temporary file left behind");
    }
    assertTrue(R1csFile.read(p).isSatisfied(WtnsFile.read(dir.resolve("sub/c.wtns"))));
    ProofException e = assertThrows(ProofException.class, () -> R1csFile.read(dir.resolve("missing.r1cs")));
    assertTrue(e.getMessage().contains("missing.r1cs"), e.getMessage());
  }
}
