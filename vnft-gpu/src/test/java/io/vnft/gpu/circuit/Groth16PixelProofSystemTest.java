package io.vnft.gpu.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Bytes32;
import io.vnft.api.InvalidInputException;
import io.vnft.api.PixelStatement;
import io.vnft.api.ProofEnvelope;
import io.vnft.api.ProofException;
import io.vnft.api.VideoFrames;
import io.vnft.gpu.commit.FramesRoot;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.PromptStyle;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fr;
import io.vnft.zk.groth16.VerifyingKey;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves and verifies real pixel proofs over the small test shape of {@link PixelCircuitTest}. */
class Groth16PixelProofSystemTest {
  static Groth16PixelProofSystem system;
  static Bytes32 root;
  static long style;

  @BeforeAll
  static void setUp() {
    PixelCircuitTest.setUp();
    long t0 = System.nanoTime();
    system = Groth16PixelProofSystem.insecureDevelopmentSetup(PixelCircuitTest.FORMAT, new SecureRandom());
    System.out.printf("pixel circuit %s: %d constraints, dev setup %.1f s%n", PixelCircuitTest.FORMAT,
        system.constraints(), (System.nanoTime() - t0) / 1e9);
    root = Bytes32.of(PixelCircuitTest.tree.root().toBytesBE());
    style = PromptStyle.of(PixelCircuitTest.PROMPT);
  }

  @Test
  void aTrueStatementProvesAndVerifiesAndAlteredInputsDoNot() {
    PixelStatement st = PixelCircuitTest.statement(root, style, 44);
    long t0 = System.nanoTime();
    ProofEnvelope env = system.provePixel(st, PixelCircuitTest.frames);
    System.out.printf("pixel proof: %.2f s%n", (System.nanoTime() - t0) / 1e9);
    assertEquals(256, env.proof().length);
    assertEquals(st.publicInputs(Fr.MODULUS), env.publicInputs());
    assertTrue(system.verify(env));
    List<BigInteger> other = new ArrayList<>(env.publicInputs());
    other.set(5, BigInteger.valueOf(45)); // another pixel
    assertFalse(system.verify(new ProofEnvelope(env.proofSystem(), env.modelId(), other, env.proof())));
    other = new ArrayList<>(env.publicInputs());
    other.set(4, BigInteger.valueOf(style ^ 2)); // another style
    assertFalse(system.verify(new ProofEnvelope(env.proofSystem(), env.modelId(), other, env.proof())));
  }

  @Test
  void verifyingKeyWordsAreTheKeyInTheOnChainConstructorOrder() {
    VerifyingKey vk = system.verifyingKey();
    List<BigInteger> w = system.verifyingKeyWords();
    assertEquals(28, w.size());
    assertEquals(List.of(vk.alpha1().x(), vk.alpha1().y()), w.subList(0, 2));
    List<G2Point> g2 = List.of(vk.beta2(), vk.gamma2(), vk.delta2());
    for (int i = 0; i < 3; i++) {
      G2Point g = g2.get(i);
      // imaginary part first, as in the proof's b and the exported verifier's constants
      assertEquals(List.of(g.x1(), g.x0(), g.y1(), g.y0()), w.subList(2 + 4 * i, 6 + 4 * i));
    }
    assertEquals(7, vk.ic().size());
    for (int i = 0; i < 7; i++) {
      assertEquals(List.of(vk.ic().get(i).x(), vk.ic().get(i).y()), w.subList(14 + 2 * i, 16 + 2 * i));
    }
    for (BigInteger v : w) {
      assertTrue(v.signum() >= 0 && v.compareTo(Fp.MODULUS) < 0, v.toString());
    }
    assertEquals(w, system.verifyingKeyWords());
    assertThrows(UnsupportedOperationException.class, () -> w.set(0, BigInteger.ONE));
  }

  @Test
  void aWrongPixelCannotBeProved() {
    byte[] rgb = PixelCircuitTest.frames.rgb();
    rgb[3 * 44] ^= 1;
    VideoFrames bad = new VideoFrames(PixelCircuitTest.FORMAT, rgb);
    Bytes32 badRoot = FramesRoot.of(bad);
    assertThrows(ProofException.class,
        () -> system.provePixel(PixelCircuitTest.statement(badRoot, style, 44), bad));
  }

  @Test
  void malformedEnvelopesAreTypedErrors() {
    List<BigInteger> pub = PixelCircuitTest.statement(root, style, 1).publicInputs(Fr.MODULUS);
    byte[] junk = new byte[256];
    junk[31] = 1;
    junk[63] = 1; // (1, 1) is not on the curve
    assertThrows(InvalidInputException.class,
        () -> system.verify(new ProofEnvelope("groth16-bn254", CppnSpec.MODEL_ID, pub, junk)));
    assertThrows(InvalidInputException.class,
        () -> system.verify(new ProofEnvelope("plonk", CppnSpec.MODEL_ID, pub, junk)));
    assertThrows(InvalidInputException.class,
        () -> system.verify(new ProofEnvelope("groth16-bn254", CppnSpec.MODEL_ID, pub.subList(0, 5), junk)));
    List<BigInteger> aliased = new ArrayList<>(pub);
    aliased.set(5, aliased.get(5).add(Fr.MODULUS));
    assertThrows(InvalidInputException.class,
        () -> system.verify(new ProofEnvelope("groth16-bn254", CppnSpec.MODEL_ID, aliased, junk)));
    assertThrows(InvalidInputException.class, () -> system.provePixel(
        new PixelStatement("other-model", root, BigInteger.ONE, BigInteger.ONE, Bytes32.ZERO, Bytes32.ZERO, 0),
        PixelCircuitTest.frames));
  }
}
