package io.vnft.zk.iden3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.zk.circuit.CircuitCompiler;
import io.vnft.zk.circuit.CompiledCircuit;
import io.vnft.zk.circuit.NodeTools;
import io.vnft.zk.circuit.R1cs;
import io.vnft.zk.circuit.Var;
import io.vnft.zk.circuit.Witness;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.MerkleOpening;
import io.vnft.zk.poseidon.Poseidon;
import io.vnft.zk.poseidon.PoseidonMerkleTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * .r1cs/.wtns against the real tools: circom2 (wasm) compiles a circom circuit and snarkjs 0.7.6
 * computes its witness, which we read and check; and a DSL circuit's .r1cs/.wtns written here are
 * accepted by {@code snarkjs r1cs info} and {@code snarkjs wtns check}.
 */
class Iden3InteropTest {
  private static Path work;

  /** circom2's WASI sandbox only sees the working directory's subtree: work under target/. */
  @BeforeAll
  static void workDir() throws IOException {
    NodeTools.requireNodeModules("circom2");
    NodeTools.requireNodeModules("circomlib");
    Path target = NodeTools.moduleDir().resolve("target");
    Files.createDirectories(target);
    work = Files.createTempDirectory(target, "iden3-interop-");
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (work == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(work)) {
      for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path dst = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(p, dst);
        }
      }
    }
  }

  @Test
  void circomR1csAndSnarkjsWitnessAreReadAndSatisfied() throws IOException {
    Path dir = Files.createDirectory(work.resolve("circom"));
    try (InputStream in = Iden3InteropTest.class.getResourceAsStream("interop.circom")) {
      Files.copy(in, dir.resolve("interop.circom"));
    }
    copyTree(NodeTools.requireNodeModules("circomlib").resolve("circuits"), dir.resolve("lib/circuits"));
    Path circom = NodeTools.moduleDir().resolve("node_modules/circom2/cli.js");
    NodeTools.run(List.of("node", circom.toString(), "interop.circom", "--r1cs", "--wasm", "-o", "."), null, dir, 180);
    long a = 5;
    long b = 77;
    long c = 3;
    Files.writeString(dir.resolve("input.json"), "{\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"c\":\"" + c + "\"}");
    NodeTools.snarkjs(dir, "wtns", "calculate", "interop_js/interop.wasm", "input.json", "interop.wtns");

    byte[] r1csBytes = Files.readAllBytes(dir.resolve("interop.r1cs"));
    byte[] wtnsBytes = Files.readAllBytes(dir.resolve("interop.wtns"));
    R1cs r1cs = R1csFile.read(dir.resolve("interop.r1cs"));
    Witness w = WtnsFile.read(dir.resolve("interop.wtns"));
    assertEquals(2, r1cs.nPubOut());
    assertEquals(1, r1cs.nPubIn());
    assertEquals(2, r1cs.nPrvIn());
    assertEquals(r1cs.nWires(), w.size());
    assertTrue(r1cs.nConstraints() > 240, "Poseidon(2) alone has 240: " + r1cs.nConstraints());
    assertTrue(r1cs.isSatisfied(w), "circom's witness satisfies circom's R1CS as read here");
    // outputs first: h = Poseidon(a, b*c) (circomlib in circom agrees with our Poseidon), lt = a < b
    assertEquals(Poseidon.hash(Fr.of(a), Fr.of(b * c)), w.get(1));
    assertEquals(Fr.ONE, w.get(2));
    assertEquals(Fr.of(a), w.get(3));
    Fr[] tampered = w.toArray();
    tampered[1] = tampered[1].add(Fr.ONE);
    assertFalse(r1cs.isSatisfied(tampered), "a wrong output must violate a constraint");

    // Round trips: our encoder writes what we read (the witness byte for byte, as snarkjs does).
    assertArrayEquals(wtnsBytes, WtnsFile.toBytes(w));
    R1cs again = R1csFile.read(R1csFile.toBytes(r1cs));
    assertEquals(r1cs.constraints(), again.constraints());
    assertArrayEquals(r1cs.wireToLabelMap(), again.wireToLabelMap());
    assertEquals(r1cs.nLabels(), again.nLabels());
    assertEquals(r1csBytes.length, R1csFile.toBytes(r1cs).length, "same content, same size (sections reordered)");
  }

  @Test
  void dslCircuitFilesAreAcceptedBySnarkjs() throws IOException {
    Fr[] leaves = {Fr.of(11), Fr.of(22), Fr.of(33), Fr.of(44)};
    PoseidonMerkleTree tree = PoseidonMerkleTree.build(leaves);
    CompiledCircuit c = CircuitCompiler.compile(api -> {
      Var root = api.publicInput("root");
      Var q = api.publicInput("q");
      Var leaf = api.secretInput("leaf");
      Var[] idx = api.toBits(api.secretInput("index"), 2);
      Var[] sib = api.secretInputs("sibling", 2);
      api.assertEqual(api.merkleOpening(leaf, idx, sib), root);
      Var scaled = api.shiftRightFloor(api.mulConst(api.sub(leaf, api.constant(30)), 5), 2, 12);
      api.assertEqual(api.clamp(scaled, -4, 4, 12), q);
    });
    MerkleOpening o = tree.opening(2);
    Map<String, Fr> in = new HashMap<>();
    in.put("root", tree.root());
    in.put("leaf", o.leaf());
    in.put("index", Fr.of(2));
    in.put("sibling[0]", o.siblings().get(0));
    in.put("sibling[1]", o.siblings().get(1));
    in.put("q", Fr.of(3)); // floor((33 - 30) * 5 / 2^2) = 3, inside [-4, 4]
    Witness w = c.solve(in);
    Path dir = Files.createDirectory(work.resolve("dsl"));
    R1csFile.write(c.r1cs(), dir.resolve("dsl.r1cs"));
    WtnsFile.write(w, dir.resolve("dsl.wtns"));

    String info = NodeTools.snarkjs(dir, "r1cs", "info", "dsl.r1cs");
    assertTrue(info.contains("# of Constraints: " + c.nConstraints()), info);
    assertTrue(info.contains("# of Public Inputs: 2"), info);
    assertTrue(info.contains("# of Private Inputs: 4"), info);
    assertTrue(info.contains("# of Wires: " + c.r1cs().nWires()), info);
    String check = NodeTools.snarkjs(dir, "wtns", "check", "dsl.r1cs", "dsl.wtns");
    assertTrue(check.contains("WITNESS IS CORRECT"), check);

    // snarkjs sees a tampered witness as wrong too.
    Fr[] bad = w.toArray();
    bad[bad.length - 1] = bad[bad.length - 1].add(Fr.ONE);
    WtnsFile.write(Witness.of(bad), dir.resolve("bad.wtns"));
    String badCheck = NodeTools.runAllowingFailure(dir, "wtns", "check", "dsl.r1cs", "bad.wtns");
    assertFalse(badCheck.contains("WITNESS IS CORRECT"), badCheck);
    assertTrue(badCheck.contains("WITNESS IS NOT CORRECT") || badCheck.contains("Invalid"), badCheck);
  }
}
