package io.vnft.zk.groth16;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.field.Fr;
import io.vnft.zk.groth16.internal.Matrices;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Groth16Test {
  /** out = x^3 + x + 5; wires: 0 = 1, 1 = out (public), 2 = x, 3 = x^2, 4 = x^3. */
  static Matrices cubic() {
    return new Matrices.Builder(5, 1)
        .constraint().term(0, 2, Fr.ONE).term(1, 2, Fr.ONE).term(2, 3, Fr.ONE)
        .constraint().term(0, 3, Fr.ONE).term(1, 2, Fr.ONE).term(2, 4, Fr.ONE)
        .constraint().term(0, 4, Fr.ONE).term(0, 2, Fr.ONE).term(0, 0, Fr.of(5)).term(1, 0, Fr.ONE).term(2, 1, Fr.ONE)
        .build();
  }

  static Fr[] cubicWitness(long x) {
    Fr fx = Fr.of(x);
    Fr x2 = fx.mul(fx);
    Fr x3 = x2.mul(fx);
    return new Fr[] {Fr.ONE, x3.add(fx).add(Fr.of(5)), fx, x2, x3};
  }

  static ProvingKey pk;
  static final SecureRandom RND = new SecureRandom();

  @BeforeAll
  static void setup() {
    pk = Groth16.setup(cubic(), RND, 2);
  }

  @Test
  void validProofVerifiesAndBindsThePublicInput() {
    Fr[] w = cubicWitness(3);
    Proof p = Groth16.prove(pk, w, RND);
    assertEquals(List.of(BigInteger.valueOf(35)), Groth16.publicInputs(pk, w));
    assertTrue(Groth16.verify(pk.verifyingKey(), p, List.of(BigInteger.valueOf(35))));
    assertTrue(Groth16.verify(pk.verifyingKey(), p, Fr.of(35)));
    assertFalse(Groth16.verify(pk.verifyingKey(), p, List.of(BigInteger.valueOf(36))));
  }

  @Test
  void proofsAreRandomisedButBothVerify() {
    Fr[] w = cubicWitness(5);
    Proof p1 = Groth16.prove(pk, w, RND, 1);
    Proof p2 = Groth16.prove(pk, w, RND, 2);
    assertFalse(p1.equals(p2));
    assertTrue(Groth16.verify(pk.verifyingKey(), p1, Fr.of(135)));
    assertTrue(Groth16.verify(pk.verifyingKey(), p2, Fr.of(135)));
  }

  @Test
  void tamperedProofIsRejected() {
    Proof p = Groth16.prove(pk, cubicWitness(3), RND);
    Proof bad = new Proof(p.a().add(G1Point.GENERATOR), p.b(), p.c());
    assertFalse(Groth16.verify(pk.verifyingKey(), bad, Fr.of(35)));
    Proof swapped = new Proof(p.c(), p.b(), p.a());
    assertFalse(Groth16.verify(pk.verifyingKey(), swapped, Fr.of(35)));
  }

  @Test
  void wrongWitnessGivesProofThatDoesNotVerify() {
    Fr[] w = cubicWitness(3);
    w[3] = w[3].add(Fr.ONE); // x^2 wrong
    Proof p = Groth16.prove(pk, w, RND);
    assertFalse(Groth16.verify(pk.verifyingKey(), p, Fr.of(35)));
  }

  @Test
  void badInputsAreTypedErrors() {
    Proof p = Groth16.prove(pk, cubicWitness(3), RND);
    VerifyingKey vk = pk.verifyingKey();
    assertThrows(InvalidInputException.class, () -> Groth16.verify(vk, p, List.of()));
    assertThrows(InvalidInputException.class,
        () -> Groth16.verify(vk, p, List.of(BigInteger.ONE, BigInteger.TWO)));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Groth16.verify(vk, p, List.of(Fr.MODULUS.add(BigInteger.valueOf(35)))));
    assertTrue(e.getMessage().contains("public input 0"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Groth16.verify(vk, p, List.of(BigInteger.valueOf(-1))));
    assertThrows(InvalidInputException.class, () -> Groth16.prove(pk, new Fr[4], RND));
    Fr[] w = cubicWitness(3);
    w[0] = Fr.of(2);
    assertThrows(InvalidInputException.class, () -> Groth16.prove(pk, w, RND));
  }

  @Test
  void keyShapeFollowsSnarkjs() {
    // 3 constraints + 1 public + 1 => 5 rows => domain 8
    assertEquals(8, pk.domainSize());
    assertEquals(5, pk.nVars());
    assertEquals(1, pk.nPublic());
    assertEquals(3, pk.pointsC().size());
    assertEquals(8, pk.pointsH().size());
    // A and B entries plus one A entry per public signal and the constant
    assertEquals(5 + 3 + 2, pk.coefficientCount()); // A: 1+1+3, B: 3, public: 2
  }
}
