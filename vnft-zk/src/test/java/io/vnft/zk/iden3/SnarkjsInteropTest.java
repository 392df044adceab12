package io.vnft.zk.iden3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.circuit.R1cs;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.circuit.Witness;
import io.vnft.zk.field.Fr;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.Proof;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.groth16.VerifyingKey;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with the real snarkjs 0.7.6 and circom2: a {@code .zkey} from a (small, 2^8) powers of
 * tau ceremony plus a phase-2 contribution proves here and snarkjs verifies the proof; snarkjs'
 * proofs verify here; the key read here and written back is byte-identical to snarkjs' in
 * sections 1..9 and snarkjs proves with the rewritten file.
 */
class SnarkjsInteropTest {
  @TempDir static Path dir;
  static ProvingKey pk;
  static Fr[] witness;
  static final SecureRandom RND = new SecureRandom();

  @BeforeAll
  static void ceremony() throws Exception {
    Snark.circom("cubic.circom", dir);
    String d = dir.toString();
    Snark.snarkjs(120, "powersoftau", "new", "bn128", "8", d + "/p0.ptau");
    Snark.snarkjs(120, "powersoftau", "contribute", d + "/p0.ptau", d + "/p1.ptau", "--name=one", "-e=vnft test entropy 1");
    Snark.snarkjs(300, "powersoftau", "prepare", "phase2", d + "/p1.ptau", d + "/p.ptau");
    Snark.snarkjs(120, "groth16", "setup", d + "/cubic.r1cs", d + "/p.ptau", d + "/c0.zkey");
    Snark.snarkjs(120, "zkey", "contribute", d + "/c0.zkey", d + "/c1.zkey", "--name=two", "-e=vnft test entropy 2");
    Snark.snarkjs(120, "zkey", "export", "verificationkey", d + "/c1.zkey", d + "/vk.json");
    Files.writeString(dir.resolve("input.json"), "{\"x\": \"3\", \"k\": \"7\"}");
    Snark.snarkjs(120, "wtns", "calculate", d + "/cubic_js/cubic.wasm", d + "/input.json", d + "/w.wtns");
    pk = ZkeyFile.read(dir.resolve("c1.zkey"));
    witness = WtnsFile.read(dir.resolve("w.wtns")).toArray();
  }

  @Test
  void snarkjsZkeyProvesHereAndSnarkjsVerifies() throws Exception {
    assertEquals(2, pk.nPublic());
    Proof proof = Groth16.prove(pk, witness, RND);
    List<BigInteger> pub = Groth16.publicInputs(pk, witness);
    // y = 3^3 + 3 + 7 = 37 (output first, then the public input k)
    assertEquals(List.of(BigInteger.valueOf(37), BigInteger.valueOf(7)), pub);
    VerifyingKey vkJson = SnarkjsJson.readVerifyingKey(Files.readString(dir.resolve("vk.json")));
    assertEquals(pk.verifyingKey(), vkJson);
    assertTrue(Groth16.verify(vkJson, proof, pub));

    Path pf = dir.resolve("java-proof.json");
    Path pubf = dir.resolve("java-public.json");
    SnarkjsJson.writeText(pf, SnarkjsJson.writeProof(proof));
    SnarkjsJson.writeText(pubf, SnarkjsJson.writePublic(pub));
    String out = Snark.snarkjs(120, "groth16", "verify", dir.resolve("vk.json").toString(), pubf.toString(), pf.toString());
    assertTrue(out.contains("OK!"), out);

    // and snarkjs refuses the same proof for another public value
    Path bad = dir.resolve("bad-public.json");
    SnarkjsJson.writeText(bad, SnarkjsJson.writePublic(List.of(BigInteger.valueOf(38), BigInteger.valueOf(7))));
    String badOut = Snark.snarkjsAllowFail(120, "groth16", "verify", dir.resolve("vk.json").toString(), bad.toString(), pf.toString());
    assertFalse(badOut.contains("OK!"), badOut);
  }

  @Test
  void snarkjsProofVerifiesHere() throws Exception {
    String d = dir.toString();
    Snark.snarkjs(120, "groth16", "prove", d + "/c1.zkey", d + "/w.wtns", d + "/proof.json", d + "/public.json");
    Proof proof = SnarkjsJson.readProof(Files.readString(dir.resolve("proof.json")));
    List<BigInteger> pub = SnarkjsJson.readPublic(Files.readString(dir.resolve("public.json")));
    VerifyingKey vk = SnarkjsJson.readVerifyingKey(Files.readString(dir.resolve("vk.json")));
    assertTrue(Groth16.verify(vk, proof, pub));
    assertFalse(Groth16.verify(vk, proof, List.of(pub.get(0), pub.get(1).add(BigInteger.ONE))));
    // the JSON we write for it reads back to the same proof
    assertEquals(proof, SnarkjsJson.readProof(SnarkjsJson.writeProof(proof)));
    assertEquals(vk, SnarkjsJson.readVerifyingKey(SnarkjsJson.writeVerifyingKey(vk)));
  }

  @Test
  void rewrittenZkeyIsByteIdenticalAndSnarkjsProvesWithIt() throws Exception {
    byte[] orig = Files.readAllBytes(dir.resolve("c1.zkey"));
    Path re = dir.resolve("rewritten.zkey");
    ZkeyFile.write(pk, re);
    Map<Integer, byte[]> a = sections(orig);
    Map<Integer, byte[]> b = sections(Files.readAllBytes(re));
    for (int id = 1; id <= 9; id++) {
      assertArrayEquals(a.get(id), b.get(id), "section " + id);
    }
    String d = dir.toString();
    Snark.snarkjs(120, "groth16", "prove", re.toString(), d + "/w.wtns", d + "/proof2.json", d + "/public2.json");
    String out = Snark.snarkjs(120, "groth16", "verify", d + "/vk.json", d + "/public2.json", d + "/proof2.json");
    assertTrue(out.contains("OK!"), out);
  }

  /** 1. A circuit written in the Java DSL, exported as .r1cs/.wtns, set up and proved by snarkjs, verifies here. */
  @Test
  void dslCircuitProvedBySnarkjsVerifiesHere() throws Exception {
    CompiledCircuit cc = CircuitCompiler.compile(api -> {
      Var h = api.publicInput("h");
      Var a = api.secretInput("a");
      Var b = api.secretInput("b");
      api.assertRange(b, 16);
      api.assertEqual(api.add(api.mul(a, b), api.square(a)), h); // fits the 2^8 ceremony
    });
    Fr a = Fr.of(11);
    Fr b = Fr.of(4242);
    Fr h = a.mul(b).add(a.mul(a));
    Witness w = cc.solve(Map.of("h", h, "a", a, "b", b));
    String d = dir.toString();
    R1csFile.write(cc.r1cs(), dir.resolve("dsl.r1cs"));
    WtnsFile.write(w, dir.resolve("dsl.wtns"));
    Snark.snarkjs(120, "groth16", "setup", d + "/dsl.r1cs", d + "/p.ptau", d + "/dsl0.zkey");
    Snark.snarkjs(120, "zkey", "contribute", d + "/dsl0.zkey", d + "/dsl.zkey", "--name=c", "-e=vnft test entropy 3");
    Snark.snarkjs(120, "zkey", "export", "verificationkey", d + "/dsl.zkey", d + "/dslvk.json");
    Snark.snarkjs(120, "groth16", "prove", d + "/dsl.zkey", d + "/dsl.wtns", d + "/dslproof.json", d + "/dslpublic.json");
    VerifyingKey vk = SnarkjsJson.readVerifyingKey(Files.readString(dir.resolve("dslvk.json")));
    Proof proof = SnarkjsJson.readProof(Files.readString(dir.resolve("dslproof.json")));
    List<BigInteger> pub = SnarkjsJson.readPublic(Files.readString(dir.resolve("dslpublic.json")));
    assertEquals(List.of(h.toBigInteger()), pub);
    assertTrue(Groth16.verify(vk, proof, pub));
    assertFalse(Groth16.verify(vk, proof, Fr.of(1)));
    // and the same DSL circuit proves here with snarkjs' key
    ProvingKey dslPk = ZkeyFile.read(dir.resolve("dsl.zkey"));
    assertTrue(Groth16.verify(vk, Groth16.prove(dslPk, w, RND), pub));
  }

  /** 3. A circom circuit's .r1cs + .wtns proves here (Java setup), and snarkjs verifies the proof. */
  @Test
  void circomR1csAndWtnsProveHereWithJavaSetup() throws Exception {
    R1cs r1cs = R1csFile.read(dir.resolve("cubic.r1cs"));
    Witness w = WtnsFile.read(dir.resolve("w.wtns"));
    assertTrue(r1cs.isSatisfied(w));
    ProvingKey javaPk = Groth16.setup(r1cs, RND);
    Proof proof = Groth16.prove(javaPk, w, RND);
    List<BigInteger> pub = Groth16.publicInputs(javaPk, w.toArray());
    assertTrue(Groth16.verify(javaPk.verifyingKey(), proof, pub));
    Path vkf = dir.resolve("javavk.json");
    Path pf = dir.resolve("javaproof.json");
    Path pubf = dir.resolve("javapublic.json");
    SnarkjsJson.writeText(vkf, SnarkjsJson.writeVerifyingKey(javaPk.verifyingKey()));
    SnarkjsJson.writeText(pf, SnarkjsJson.writeProof(proof));
    SnarkjsJson.writeText(pubf, SnarkjsJson.writePublic(pub));
    String out = Snark.snarkjs(120, "groth16", "verify", vkf.toString(), pubf.toString(), pf.toString());
    assertTrue(out.contains("OK!"), out);

    // the Java-made key written as .zkey: snarkjs proves with it, and the proof verifies in both
    Path zk = dir.resolve("java.zkey");
    ZkeyFile.write(javaPk, zk);
    String d = dir.toString();
    Snark.snarkjs(120, "groth16", "prove", zk.toString(), d + "/w.wtns", d + "/jproof.json", d + "/jpublic.json");
    String out2 = Snark.snarkjs(120, "groth16", "verify", vkf.toString(), d + "/jpublic.json", d + "/jproof.json");
    assertTrue(out2.contains("OK!"), out2);
    Proof sp = SnarkjsJson.readProof(Files.readString(dir.resolve("jproof.json")));
    assertTrue(Groth16.verify(javaPk.verifyingKey(), sp, pub));
  }

  static Map<Integer, byte[]> sections(byte[] f) {
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    b.position(12);
    Map<Integer, byte[]> m = new HashMap<>();
    while (b.hasRemaining()) {
      int id = b.getInt();
      int len = (int) b.getLong();
      byte[] s = new byte[len];
      b.get(s);
      m.put(id, s);
    }
    return m;
  }
}
