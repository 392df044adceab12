package io.vnft.zk.iden3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fp;
import io.vnft.zk.field.Fr;
import io.vnft.zk.groth16.Proof;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnarkjsJsonBadInputTest {
  static final Proof PROOF = new Proof(G1Point.GENERATOR, G2Point.GENERATOR, G1Point.GENERATOR.dbl());
  static final String GOOD = SnarkjsJson.writeProof(PROOF);

  private static String refusedProof(String json) {
    return assertThrows(InvalidInputException.class, () -> SnarkjsJson.readProof(json)).getMessage();
  }

  @Test
  void goodProofRoundTrips() {
    assertEquals(PROOF, SnarkjsJson.readProof(GOOD));
    assertEquals(List.of(BigInteger.ONE, Fr.MODULUS.subtract(BigInteger.ONE)),
        SnarkjsJson.readPublic(SnarkjsJson.writePublic(List.of(BigInteger.ONE, Fr.MODULUS.subtract(BigInteger.ONE)))));
  }

  @Test
  void syntaxErrorsAndShapesAreRefused() {
    assertTrue(refusedProof("").contains("proof.json"));
    assertTrue(refusedProof(GOOD.substring(0, GOOD.length() - 1)).contains("proof.json"));
    assertTrue(refusedProof(GOOD + "x").contains("trailing"));
    assertTrue(refusedProof("[]").contains("object"));
    assertTrue(refusedProof(GOOD.replace("\"pi_a\"", "\"pi_x\"")).contains("pi_a"));
    assertTrue(refusedProof("[".repeat(100) + "]".repeat(100)).contains("nesting"));
    assertTrue(refusedProof(GOOD.replace("\"pi_c\": [", "\"pi_c\": [\"1\", ")).contains("pi_c"));
    assertTrue(refusedProof(GOOD.replace("\"pi_a\"", "\"pi_b\"")).contains("duplicate"));
  }

  @Test
  void metadataIsChecked() {
    assertTrue(refusedProof(GOOD.replace("\"groth16\"", "\"plonk\"")).contains("protocol"));
    assertTrue(refusedProof(GOOD.replace("\"bn128\"", "\"bls12381\"")).contains("curve"));
  }

  @Test
  void coordinatesMustBeCanonicalAffineAndOnTheCurve() {
    String gx = G1Point.GENERATOR.x().toString();
    String pPlus1 = Fp.MODULUS.add(BigInteger.ONE).toString();
    // x = 1 + p is the generator's x aliased: refused, not reduced
    assertTrue(refusedProof(GOOD.replaceFirst("\\[\"" + gx + "\", \"2\"", "[\"" + pPlus1 + "\", \"2\"")).contains("pi_a"));
    assertTrue(refusedProof(GOOD.replaceFirst("\\[\"1\", \"2\", \"1\"\\]", "[\"1\", \"3\", \"1\"]")).contains("curve"));
    assertTrue(refusedProof(GOOD.replaceFirst("\\[\"1\", \"2\", \"1\"\\]", "[\"1\", \"2\", \"2\"]")).contains("affine"));
    assertTrue(refusedProof(GOOD.replaceFirst("\\[\"1\", \"2\", \"1\"\\]", "[\"1\", \"-2\", \"1\"]")).contains("negative"));
    assertTrue(refusedProof(GOOD.replaceFirst("\\[\"1\", \"2\", \"1\"\\]", "[\"1\", \"two\", \"1\"]")).contains("not a decimal"));
    assertTrue(refusedProof(GOOD.replaceFirst("\\[\"1\", \"2\", \"1\"\\]", "[\"0\", \"0\", \"1\"]")).contains("not on the curve"));
    String x0 = G2Point.GENERATOR.x0().toString();
    assertTrue(refusedProof(GOOD.replace(x0, "5")).contains("pi_b"));
  }

  @Test
  void publicValuesMustBeBelowR() {
    assertTrue(assertThrows(InvalidInputException.class,
        () -> SnarkjsJson.readPublic("[\"" + Fr.MODULUS + "\"]")).getMessage().contains("not below r"));
    assertThrows(InvalidInputException.class, () -> SnarkjsJson.readPublic("{\"a\": 1}"));
    assertThrows(InvalidInputException.class, () -> SnarkjsJson.readPublic("[1.5]"));
    assertThrows(InvalidInputException.class, () -> SnarkjsJson.writePublic(List.of(Fr.MODULUS)));
  }

  @Test
  void verifyingKeyIcMustMatchNPublic() {
    String vk = "{\"protocol\":\"groth16\",\"curve\":\"bn128\",\"nPublic\":2,\"vk_alpha_1\":[\"1\",\"2\",\"1\"],"
        + "\"vk_beta_2\":" + g2() + ",\"vk_gamma_2\":" + g2() + ",\"vk_delta_2\":" + g2()
        + ",\"IC\":[[\"1\",\"2\",\"1\"],[\"1\",\"2\",\"1\"]]}";
    assertTrue(assertThrows(InvalidInputException.class, () -> SnarkjsJson.readVerifyingKey(vk))
        .getMessage().contains("nPublic"));
    assertEquals(1, SnarkjsJson.readVerifyingKey(vk.replace("\"nPublic\":2", "\"nPublic\":1")).nPublic());
    assertTrue(assertThrows(InvalidInputException.class,
        () -> SnarkjsJson.readVerifyingKey(vk.replace("\"IC\":[[\"1\",\"2\",\"1\"],[\"1\",\"2\",\"1\"]]", "\"IC\":[]")))
        .getMessage().contains("IC"));
  }

  private static String g2() {
    G2Point g = G2Point.GENERATOR;
    return "[[\"" + g.x0() + "\",\"" + g.x1() + "\"],[\"" + g.y0() + "\",\"" + g.y1() + "\"],[\"1\",\"0\"]]";
  }
}
