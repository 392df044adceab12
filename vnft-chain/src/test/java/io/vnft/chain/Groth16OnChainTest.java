package io.vnft.chain;

import static io.vnft.chain.ChainFixture.ETHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.Address;
import io.vnft.api.BatchReceipt;
import io.vnft.api.Bytes32;
import io.vnft.api.ChainException;
import io.vnft.api.Direction;
import io.vnft.api.PixelChallenge;
import io.vnft.api.ProofEnvelope;
import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.field.Fr;
import io.vnft.zk.groth16.Groth16;
import io.vnft.zk.groth16.Proof;
import io.vnft.zk.groth16.ProvingKey;
import io.vnft.zk.groth16.VerifyingKey;
import io.vnft.zk.solidity.SolidityVerifierExporter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.methods.request.Transaction;

/**
 * A real Groth16 proof, made in Java (vnft-zk) for a small DSL circuit with the Rollup's six public
 * inputs, verified on-chain by the build-time {@code Groth16PixelVerifier} (deployed with the key's
 * 28 words, no compiler) through Rollup.respond; a tampered proof, a proof under another key and an
 * input >= r are refused. The verifier vnft-zk exports (compiled here with the module's solc-js
 * script) is deployed beside it and must give the same verdict on every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Groth16OnChainTest {
  private static final String[] INPUTS = {"framesRoot", "triggerId", "roundId", "promptHash", "style", "pixelIndex"};
  private static final SecureRandom RND = new SecureRandom();
  private ChainFixture f;
  private CompiledCircuit circuit;
  private ProvingKey pk;
  private ProvingKey otherPk;
  private Address verifier; // build-time Groth16PixelVerifier, registered as zk-model
  private Address exported; // SolidityVerifierExporter's contract for the same key

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    // statement: w == framesRoot*pixelIndex + triggerId*roundId + promptHash*style for a secret w
    circuit = CircuitCompiler.compile(api -> {
      Var[] in = new Var[6];
      for (int i = 0; i < 6; i++) {
        in[i] = api.publicInput(INPUTS[i]);
      }
      Var w = api.secretInput("w");
      api.assertEqual(w, api.add(api.add(api.mul(in[0], in[5]), api.mul(in[1], in[2])), api.mul(in[3], in[4])));
    });
    pk = Groth16.setup(circuit.r1cs(), RND);
    otherPk = Groth16.setup(circuit.r1cs(), RND);
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    SolidityVerifierExporter.export(pk.verifyingKey(), "PixelVerifier", src.resolve("PixelVerifier.sol"));
    Path out = dir.resolve("out");
    compile(src, out);
    f = new ChainFixture(new VnftDeployment.Params(ETHER, ETHER.divide(BigInteger.TEN), 600, 600));
    String bin = Files.readString(out.resolve("PixelVerifier.bin")).trim();
    exported = Address.of(f.rpc().deploy(bin, "", "PixelVerifier").getContractAddress());
    verifier = PixelVerifierContract.deploy(f.owner, keyWords(pk.verifyingKey()));
    f.owner.registerModel("zk-model", Bytes32.keccak256("zk".getBytes(StandardCharsets.UTF_8)), verifier, ChainFixture.FORMAT, 32, "");
  }

  /** The key in the constructor order of PixelVerifierContract (what PixelProofSystem.verifyingKeyWords returns). */
  static List<BigInteger> keyWords(VerifyingKey vk) {
    List<BigInteger> w = new ArrayList<>();
    w.add(vk.alpha1().x());
    w.add(vk.alpha1().y());
    for (G2Point g : List.of(vk.beta2(), vk.gamma2(), vk.delta2())) {
      w.addAll(List.of(g.x1(), g.x0(), g.y1(), g.y0()));
    }
    for (G1Point p : vk.ic()) {
      w.addAll(List.of(p.x(), p.y()));
    }
    return w;
  }

  private static void compile(Path src, Path out) throws IOException, InterruptedException {
    Path module = Path.of(System.getProperty("vnft.chain.moduleDir", "."));
    Process p = new ProcessBuilder("node", module.resolve("scripts/compile-contracts.js").toString(), src.toString(),
        out.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, log);
  }

  @AfterAll
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  private Proof prove(ProvingKey key, List<BigInteger> inputs) {
    Map<String, Fr> values = new HashMap<>();
    BigInteger w = BigInteger.ZERO;
    for (int i = 0; i < 6; i++) {
      values.put(INPUTS[i], Fr.of(inputs.get(i)));
    }
    w = inputs.get(0).multiply(inputs.get(5)).add(inputs.get(1).multiply(inputs.get(2)))
        .add(inputs.get(3).multiply(inputs.get(4))).mod(Fr.MODULUS);
    values.put("w", Fr.of(w));
    return Groth16.prove(key, circuit.solve(values), RND);
  }

  private static byte[] envelopeBytes(List<BigInteger> words) {
    byte[] out = new byte[256];
    for (int i = 0; i < 8; i++) {
      byte[] b = org.web3j.utils.Numeric.toBytesPadded(words.get(i), 32);
      System.arraycopy(b, 0, out, 32 * i, 32);
    }
    return out;
  }

  private static List<BigInteger> proofWords(Proof proof, List<BigInteger> inputs) {
    return SolidityVerifierExporter.calldata(proof, inputs).subList(0, 8);
  }

  /** verifyProof calldata, encoded by hand: every argument is a static array, so it is 14 words after the selector. */
  private static String verifyCallData(List<BigInteger> w, List<BigInteger> inputs) {
    StringBuilder sb = new StringBuilder(org.web3j.crypto.Hash.sha3String(
        "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[6])").substring(0, 10));
    List<BigInteger> all = new ArrayList<>(w);
    all.addAll(inputs);
    for (BigInteger v : all) {
      sb.append(org.web3j.utils.Numeric.toHexStringNoPrefixZeroPadded(v, 64));
    }
    return sb.toString();
  }

  private boolean call(Address at, List<BigInteger> w, List<BigInteger> inputs) {
    var r = io.vnft.chain.internal.Rpc.request(() -> f.rpc().web3j().ethCall(
        Transaction.createEthCallTransaction(f.rpc().from(), at.hex(), verifyCallData(w, inputs)),
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send(), "eth_call verifyProof");
    assertFalse(r.hasError() || r.isReverted(), "verifyProof must answer, not revert: " + r.getRevertReason());
    return new BigInteger(org.web3j.utils.Numeric.cleanHexPrefix(r.getValue()), 16).equals(BigInteger.ONE);
  }

  /** The build-time verifier's answer, checked equal to the exported verifier's for the same key. */
  private boolean verifyDirect(List<BigInteger> w, List<BigInteger> inputs) {
    boolean v = call(verifier, w, inputs);
    assertEquals(call(exported, w, inputs), v, "the build-time and the exported verifier disagree");
    return v;
  }

  /** Execution gas of verifyProof as a transaction (21000 base and the calldata cost taken off). */
  private long executionGas(Address at, List<BigInteger> w, List<BigInteger> inputs) {
    // eth_estimateGas would under-report: with too little gas the pairing precompile call fails and the
    // verifier returns false instead of reverting. So: a real transaction with a generous fixed limit.
    String data = verifyCallData(w, inputs);
    long txGas = f.rpc().sendData(at.hex(), data, BigInteger.ZERO, BigInteger.valueOf(1_000_000), "verify")
        .getGasUsed().longValueExact();
    long calldataGas = 0;
    for (byte b : org.web3j.utils.Numeric.hexStringToByteArray(data)) {
      calldataGas += b == 0 ? 4 : 16;
    }
    return txGas - 21_000 - calldataGas;
  }

  @Test
  void aJavaProofIsVerifiedOnChainByRespondAndBadProofsAreRefused() {
    Address feed = f.newFeed(3000, 3600);
    BigInteger id = f.trigger(feed, Direction.ABOVE, 3500, "a proven fox", "zk-model", f.recipient);
    f.report(feed, 3600);
    BatchReceipt batch = f.owner.commitBatch(List.of(f.leaf(id, BigInteger.TWO)));
    PixelChallenge c = f.challenger.challenge(batch.batchId(), 0, 17);
    List<BigInteger> inputs = f.owner.publicInputs(c.challengeId());
    assertEquals(BigInteger.valueOf(17), inputs.get(5));
    assertEquals(Bytes32.keccak256("a proven fox".getBytes(StandardCharsets.UTF_8)).toBigInteger().mod(Fr.MODULUS),
        inputs.get(3));

    Proof proof = prove(pk, inputs);
    assertTrue(Groth16.verify(pk.verifyingKey(), proof, inputs));
    List<BigInteger> words = proofWords(proof, inputs);
    assertTrue(verifyDirect(words, inputs));

    // public input >= r (aliasing): the same proof with input[0] + r is refused by the verifier
    List<BigInteger> aliased = new ArrayList<>(inputs);
    aliased.set(0, inputs.get(0).add(Fr.MODULUS));
    assertFalse(verifyDirect(words, aliased));

    // tampered proof: c replaced by a different valid point (another proof's c)
    Proof another = prove(pk, inputs);
    List<BigInteger> tampered = new ArrayList<>(words);
    List<BigInteger> anotherWords = proofWords(another, inputs);
    tampered.set(6, anotherWords.get(6));
    tampered.set(7, anotherWords.get(7));
    assertFalse(verifyDirect(tampered, inputs));
    ChainException e1 = assertThrows(ChainException.class, () -> f.owner.respond(c,
        new ProofEnvelope("groth16-bn254", "zk-model", inputs, envelopeBytes(tampered))));
    assertTrue(e1.revertReason().orElse("").startsWith("InvalidProof("), e1.getMessage());
    // a coordinate off the curve is refused too
    List<BigInteger> offCurve = new ArrayList<>(words);
    offCurve.set(0, words.get(0).add(BigInteger.ONE));
    assertFalse(verifyDirect(offCurve, inputs));
    assertThrows(ChainException.class, () -> f.owner.respond(c,
        new ProofEnvelope("groth16-bn254", "zk-model", inputs, envelopeBytes(offCurve))));

    // a proof under another key (another setup of the same circuit)
    List<BigInteger> wrongKey = proofWords(prove(otherPk, inputs), inputs);
    assertFalse(verifyDirect(wrongKey, inputs));
    assertTrue(Groth16.verify(otherPk.verifyingKey(), prove(otherPk, inputs), inputs));
    ChainException e2 = assertThrows(ChainException.class, () -> f.owner.respond(c,
        new ProofEnvelope("groth16-bn254", "zk-model", inputs, envelopeBytes(wrongKey))));
    assertTrue(e2.revertReason().orElse("").startsWith("InvalidProof("), e2.getMessage());

    // the valid proof answers the challenge; the challenger's bond goes to the operator
    BigInteger before = f.owner.pendingWithdrawal(f.owner.address());
    f.txs.clear();
    f.owner.respond(c, new ProofEnvelope("groth16-bn254", "zk-model", inputs, envelopeBytes(words)));
    long respondGas = f.txs.get(f.txs.size() - 1).gasUsed();
    assertEquals(before.add(ETHER.divide(BigInteger.TEN)), f.owner.pendingWithdrawal(f.owner.address()));
    assertTrue(f.owner.openChallenges().stream().noneMatch(o -> o.challengeId().equals(c.challengeId())));

    long buildTime = executionGas(verifier, words, inputs);
    long generated = executionGas(exported, words, inputs);
    System.out.println("vnft gas: Groth16 verifyProof (6 public inputs), execution gas (transaction minus 21000 base"
        + " and calldata): build-time Groth16PixelVerifier " + buildTime + ", exported verifier " + generated
        + "; Rollup.respond with a valid proof through the build-time verifier: " + respondGas + " gas");
  }

  @Test
  void theBuildTimeVerifierGivesTheExportedVerifiersVerdictOnEdgeCases() {
    List<BigInteger> inputs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      inputs.add(new BigInteger(250, RND));
    }
    List<BigInteger> words = proofWords(prove(pk, inputs), inputs);
    assertTrue(verifyDirect(words, inputs));
    assertEquals(PixelVerifierContract.keyWords(f.owner, verifier), keyWords(pk.verifyingKey()));

    BigInteger p = PixelVerifierContract.FIELD_MODULUS;
    for (int i = 0; i < 6; i++) {
      List<BigInteger> wrong = new ArrayList<>(inputs);
      wrong.set(i, inputs.get(i).add(BigInteger.ONE)); // a wrong public input
      assertFalse(verifyDirect(words, wrong), "input " + i + " + 1");
      wrong.set(i, inputs.get(i).add(Fr.MODULUS)); // the same value mod r: aliasing
      assertFalse(verifyDirect(words, wrong), "input " + i + " + r");
    }
    List<BigInteger> atR = new ArrayList<>(inputs);
    atR.set(2, Fr.MODULUS);
    assertFalse(verifyDirect(words, atR), "input = r");
    List<BigInteger> zeroInputs = new ArrayList<>(java.util.Collections.nCopies(6, BigInteger.ZERO));
    assertTrue(verifyDirect(proofWords(prove(pk, zeroInputs), zeroInputs), zeroInputs), "all-zero inputs");

    for (int i = 0; i < 8; i++) {
      List<BigInteger> alias = new ArrayList<>(words);
      alias.set(i, words.get(i).add(p)); // the same coordinate mod p: refused, not reduced
      assertFalse(verifyDirect(alias, inputs), "proof word " + i + " + p");
      List<BigInteger> flipped = new ArrayList<>(words);
      flipped.set(i, words.get(i).xor(BigInteger.ONE));
      assertFalse(verifyDirect(flipped, inputs), "proof word " + i + " with its low bit flipped");
    }
    List<BigInteger> realFirst = new ArrayList<>(words); // b in (x0, x1) order instead of imaginary first
    java.util.Collections.swap(realFirst, 2, 3);
    java.util.Collections.swap(realFirst, 4, 5);
    assertFalse(verifyDirect(realFirst, inputs), "b real part first");
    assertFalse(verifyDirect(java.util.Collections.nCopies(8, BigInteger.ZERO), inputs), "all points at infinity");
    List<BigInteger> negatedA = new ArrayList<>(words);
    negatedA.set(1, p.subtract(words.get(1)));
    assertFalse(verifyDirect(negatedA, inputs), "-A");
  }
}
