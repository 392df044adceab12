package io.vnft.zk.poseidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.circuit.NodeTools;
import io.vnft.zk.field.Fr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoseidonTest {

  /** Random canonical elements, plus edge values 0, 1 and r-1. */
  static Fr randomFr(Random rnd, int k) {
    return switch (k % 7) {
      case 0 -> Fr.ZERO;
      case 1 -> Fr.of(Fr.MODULUS.subtract(BigInteger.ONE));
      case 2 -> Fr.of(rnd.nextInt(1000));
      default -> Fr.reduce(new BigInteger(256, rnd));
    };
  }

  @Test
  void everyArityMatchesCircomlibjs() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    List<Fr[]> vectors = new ArrayList<>();
    for (int n = 1; n <= 16; n++) {
      for (int rep = 0; rep < 4; rep++) {
        Fr[] v = new Fr[n];
        for (int i = 0; i < n; i++) {
          v[i] = randomFr(rnd, rep * 3 + i);
        }
        vectors.add(v);
      }
    }
    StringBuilder json = new StringBuilder("[");
    for (int k = 0; k < vectors.size(); k++) {
      json.append(k == 0 ? "[" : ",[");
      Fr[] v = vectors.get(k);
      for (int i = 0; i < v.length; i++) {
        json.append(i == 0 ? "\"" : ",\"").append(v[i].toBigInteger()).append('"');
      }
      json.append(']');
    }
    json.append(']');
    List<String> out = NodeTools.jsonStrings(NodeTools.node("poseidon-vectors.mjs", json.toString()));
    assertEquals(2 * vectors.size(), out.size(), "circomlibjs answered for every vector");
    for (int k = 0; k < vectors.size(); k++) {
      Fr[] v = vectors.get(k);
      String expectedWasm = out.get(2 * k);
      assertEquals(expectedWasm, out.get(2 * k + 1), "circomlibjs wasm and reference agree");
      assertEquals(expectedWasm, Poseidon.hash(v).toBigInteger().toString(),
          "Poseidon(" + v.length + " inputs), vector " + k + ", seed " + seed);
      assertEquals(expectedWasm, Poseidon.hash(List.of(v)).toBigInteger().toString());
    }
  }

  @Test
  void optimizedAndTextbookPermutationsAgreeOnTheWholeState() {
    Random rnd = new Random(99);
    for (int t = 2; t <= 17; t++) {
      for (int rep = 0; rep < 3; rep++) {
        Fr[] state = new Fr[t];
        long[] ref = new long[Poseidon.scratchLimbs(t)];
        for (int i = 0; i < t; i++) {
          state[i] = randomFr(rnd, rep + i + 2);
          state[i].copyLimbsTo(ref, 4 * i);
        }
        Poseidon.permute(state);
        Poseidon.permuteReference(PoseidonParameters.forWidth(t), ref);
        for (int i = 0; i < t; i++) {
          assertEquals(io.vnft.zk.field.FrOps.toFr(ref, 4 * i), state[i], "t=" + t + " lane " + i);
        }
      }
    }
    long[] limbs = new long[12];
    Fr a = Fr.of(1);
    Fr b = Fr.of(2);
    a.copyLimbsTo(limbs, 0);
    b.copyLimbsTo(limbs, 4);
    Poseidon.hash2(limbs, 0, limbs, 4, limbs, 8);
    assertEquals(Poseidon.hash(a, b), io.vnft.zk.field.FrOps.toFr(limbs, 8));
  }

  @Test
  void constantResourcesAreExactlyWhatTheExtractionScriptProduces() throws Exception {
    NodeTools.requireNodeModules("circomlibjs");
    java.nio.file.Path script = NodeTools.moduleDir().resolve("scripts/extract-poseidon-constants.js");
    for (String[] v : new String[][] {{"poseidon-constants.txt"}, {"poseidon-constants-opt.txt", "--opt"}}) {
      List<String> cmd = new ArrayList<>(List.of("node", script.toString()));
      if (v.length > 1) {
        cmd.add(v[1]);
      }
      String generated = NodeTools.run(cmd, null, NodeTools.moduleDir(), 120);
      String committed;
      try (java.io.InputStream in = PoseidonParameters.class.getResourceAsStream(v[0])) {
        committed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
      }
      // compare without printing megabytes on failure
      org.junit.jupiter.api.Assertions.assertTrue(committed.equals(generated),
          v[0] + " differs from the script output: regenerate it with the script, never edit it");
    }
  }

  @Test
  void rejectsZeroOrTooManyInputs() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Poseidon.hash());
    assertEquals(true, e.getMessage().contains("1 to 16"), e.getMessage());
    Fr[] seventeen = new Fr[17];
    java.util.Arrays.fill(seventeen, Fr.ONE);
    assertThrows(InvalidInputException.class, () -> Poseidon.hash(seventeen));
    assertThrows(InvalidInputException.class, () -> Poseidon.hash(Fr.ONE, null));
    assertThrows(InvalidInputException.class, () -> PoseidonParameters.forWidth(18));
  }

  @Test
  void spongeFollowsItsDocumentedConstruction() {
    Random rnd = new Random(7);
    for (int n : new int[] {0, 1, 2, 14, 15, 16, 29, 30, 31, 100}) {
      Fr[] xs = new Fr[n];
      for (int i = 0; i < n; i++) {
        xs[i] = randomFr(rnd, i + 3);
      }
      // The construction spelled out independently of PoseidonSponge's buffering.
      Fr h = Fr.ZERO;
      for (int off = 0; off < n; off += 15) {
        int k = Math.min(15, n - off);
        Fr[] in = new Fr[k + 1];
        in[0] = h;
        System.arraycopy(xs, off, in, 1, k);
        h = Poseidon.hash(in);
      }
      Fr expected = Poseidon.hash(h, Fr.of(n));
      assertEquals(expected, PoseidonSponge.hash(xs), "n=" + n);
      PoseidonSponge streaming = new PoseidonSponge();
      for (Fr x : xs) {
        streaming.absorb(x);
      }
      assertEquals(expected, streaming.squeeze(), "streaming n=" + n);
    }
    // trailing zero does not collide with the shorter input
    assertNotEquals(PoseidonSponge.hash(Fr.ONE), PoseidonSponge.hash(Fr.ONE, Fr.ZERO));
    PoseidonSponge s = new PoseidonSponge();
    s.squeeze();
    assertThrows(IllegalStateException.class, s::squeeze);
  }
}
