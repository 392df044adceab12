package io.vnft.chain;

import static io.vnft.chain.ChainFixture.ETHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.ChainException;
import io.vnft.api.InvalidInputException;
import io.vnft.chain.contracts.Groth16PixelVerifier;
import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fp2;
import io.vnft.zk.groth16.Groth16;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The deployment side of the build-time verifier: the key words round-trip, bad words are refused
 * in Java (count, range) with the word named, and the contract itself refuses what slips past Java
 * (a word &gt;= p sent raw, points off the curve, a G2 point outside the subgroup, a point at
 * infinity where the key cannot have one). Proof verification is in {@link Groth16OnChainTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PixelVerifierContractTest {
  private static final BigInteger P = PixelVerifierContract.FIELD_MODULUS;
  private ChainFixture f;
  private List<BigInteger> key;

  @BeforeAll
  void start() {
    CompiledCircuit c = CircuitCompiler.compile(api -> {
      Var[] in = new Var[6];
      for (int i = 0; i < 6; i++) {
        in[i] = api.publicInput("in" + i);
      }
      api.assertEqual(api.secretInput("w"), api.mul(api.add(in[0], in[1]), api.add(api.add(in[2], in[3]),
          api.add(in[4], in[5]))));
    });
    key = List.copyOf(Groth16OnChainTest.keyWords(Groth16.setup(c.r1cs(), new SecureRandom()).verifyingKey()));
    f = new ChainFixture(new VnftDeployment.Params(ETHER, ETHER.divide(BigInteger.TEN), 600, 600));
  }

  @AfterAll
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void theFieldModulusIsBn254s() {
    assertEquals(Fp.MODULUS, P);
  }

  @Test
  void aDeployedVerifierHoldsTheKeyItWasGiven() {
    Address v = PixelVerifierContract.deploy(f.owner, key);
    assertEquals(key, PixelVerifierContract.keyWords(f.owner, v));
    List<Type> flat = key.stream().map(Uint256::new).collect(Collectors.toList());
    long gas = f.rpc().deploy(Groth16PixelVerifier.BINARY, FunctionEncoder.encodeConstructor(flat), "raw")
        .getGasUsed().longValueExact();
    System.out.println("vnft gas: Groth16PixelVerifier deployment (key checked on chain): " + gas + " gas");
  }

  @Test
  void anInputCommitmentAtInfinityIsAccepted() {
    List<BigInteger> k = new ArrayList<>(key);
    k.set(26, BigInteger.ZERO);
    k.set(27, BigInteger.ZERO);
    assertEquals(k, PixelVerifierContract.keyWords(f.owner, PixelVerifierContract.deploy(f.owner, k)));
  }

  @Test
  void badWordsAreRefusedInJavaNamingTheWord() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PixelVerifierContract.deploy(f.owner, key.subList(0, 27)));
    assertTrue(e.getMessage().contains("expected 28 words") && e.getMessage().contains("got 27"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> PixelVerifierContract.deploy(f.owner, null));
    assertThrows(InvalidInputException.class, () -> PixelVerifierContract.deploy(null, key));

    e = assertThrows(InvalidInputException.class, () -> PixelVerifierContract.deploy(f.owner, with(3, P)));
    assertTrue(e.getMessage().startsWith("keyWords[3] (beta2.x0): " + P + " is not in [0, p)"), e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> PixelVerifierContract.deploy(f.owner, with(25, BigInteger.ONE.negate())));
    assertTrue(e.getMessage().startsWith("keyWords[25] (ic[5].y)"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> PixelVerifierContract.deploy(f.owner, with(12, null)));
    assertTrue(e.getMessage().startsWith("keyWords[12] (delta2.y1)"), e.getMessage());

    assertEquals("alpha1.x", PixelVerifierContract.wordName(0));
    assertEquals("gamma2.x1", PixelVerifierContract.wordName(6));
    assertEquals("delta2.y0", PixelVerifierContract.wordName(13));
    assertEquals("ic[0].x", PixelVerifierContract.wordName(14));
    assertEquals("ic[6].y", PixelVerifierContract.wordName(27));
    assertThrows(InvalidInputException.class, () -> PixelVerifierContract.wordName(28));
  }

  @Test
  void theContractRefusesWhatJavaDoesNotCheck() {
    // a word >= p sent without the Java check: the constructor's own range check
    assertEquals("KeyWordOutOfRange(17, " + P.add(BigInteger.TWO) + ")", rawDeployReason(with(17, P.add(BigInteger.TWO))));
    // off the curve: alpha, an input commitment, gamma (G2)
    assertEquals("KeyPointInvalid(0)", deployReason(with(1, key.get(1).add(BigInteger.ONE))));
    assertEquals("KeyPointInvalid(20)", deployReason(with(20, key.get(20).xor(BigInteger.ONE))));
    assertEquals("KeyPointInvalid(6)", deployReason(with(9, key.get(9).xor(BigInteger.ONE))));
    // beta's coordinates in (real, imaginary) order instead of imaginary first: off the twist
    List<BigInteger> swapped = new ArrayList<>(key);
    java.util.Collections.swap(swapped, 2, 3);
    java.util.Collections.swap(swapped, 4, 5);
    assertEquals("KeyPointInvalid(2)", deployReason(swapped));
    // delta on the twist but outside the order-r subgroup
    G2Point q = twistPointOutsideSubgroup();
    List<BigInteger> k = new ArrayList<>(key);
    k.set(10, q.x1());
    k.set(11, q.x0());
    k.set(12, q.y1());
    k.set(13, q.y0());
    assertEquals("KeyPointInvalid(10)", deployReason(k));
    // alpha or a G2 point at infinity
    assertEquals("KeyPointInvalid(0)", deployReason(with(1, BigInteger.ZERO, 0)));
    List<BigInteger> gammaZero = new ArrayList<>(key);
    for (int i = 6; i < 10; i++) {
      gammaZero.set(i, BigInteger.ZERO);
    }
    assertEquals("KeyPointInvalid(6)", deployReason(gammaZero));
  }

  private List<BigInteger> with(int index, BigInteger value, int... alsoZero) {
    List<BigInteger> k = new ArrayList<>(key);
    k.set(index, value);
    for (int z : alsoZero) {
      k.set(z, BigInteger.ZERO);
    }
    return k;
  }

  private String deployReason(List<BigInteger> words) {
    ChainException e = assertThrows(ChainException.class, () -> PixelVerifierContract.deploy(f.owner, words));
    return e.revertReason().orElse(e.getMessage());
  }

  /** Deploys with the 28 words ABI-encoded flat (what the typed constructor encodes to), skipping Java's checks. */
  private String rawDeployReason(List<BigInteger> words) {
    List<Type> flat = words.stream().map(Uint256::new).collect(Collectors.toList());
    ChainException e = assertThrows(ChainException.class, () -> f.rpc().deploy(Groth16PixelVerifier.BINARY,
        FunctionEncoder.encodeConstructor(flat), "raw Groth16PixelVerifier"));
    return e.revertReason().orElse(e.getMessage());
  }

  /** A point of y^2 = x^3 + 3/(9+u) found by trying x = 1, 2, ...: the cofactor is huge, so it is not in G2. */
  private static G2Point twistPointOutsideSubgroup() {
    Fp2 b = new Fp2(Fp.of(3), Fp.ZERO).mul(Fp2.XI.inverse());
    for (long x = 1; ; x++) {
      Fp2 xx = new Fp2(Fp.of(x), Fp.ZERO);
      Fp2 rhs = xx.square().mul(xx).add(b);
      Fp2 y = sqrt(rhs);
      if (y != null) {
        G2Point q = G2Point.fromUnchecked(xx, y);
        assertTrue(q.isOnCurve());
        assertFalse(q.isInSubgroup());
        return q;
      }
    }
  }

  /** A square root in Fp2 = Fp[u]/(u^2 + 1) with p = 3 mod 4 (the norm method), or null for a non-square. */
  private static Fp2 sqrt(Fp2 a) {
    BigInteger a0 = a.c0().toBigInteger();
    BigInteger a1 = a.c1().toBigInteger();
    BigInteger e = P.add(BigInteger.ONE).shiftRight(2);
    BigInteger norm = a0.pow(2).add(a1.pow(2)).mod(P);
    BigInteger n = norm.modPow(e, P);
    if (!n.pow(2).mod(P).equals(norm)) {
      return null;
    }
    BigInteger half = BigInteger.TWO.modInverse(P);
    for (BigInteger d : Arrays.asList(a0.add(n).multiply(half).mod(P), a0.subtract(n).multiply(half).mod(P))) {
      BigInteger x0 = d.modPow(e, P);
      if (x0.pow(2).mod(P).equals(d) && x0.signum() != 0) {
        BigInteger x1 = a1.multiply(x0.shiftLeft(1).modInverse(P)).mod(P);
        Fp2 r = Fp2.of(x0, x1);
        if (r.square().equals(a)) {
          return r;
        }
      }
    }
    return null;
  }
}
