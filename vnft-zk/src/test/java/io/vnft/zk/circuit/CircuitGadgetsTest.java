package io.vnft.zk.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vnft.api.InvalidInputException;
import io.vnft.api.ProofException;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.MerkleOpening;
import io.vnft.zk.poseidon.Poseidon;
import io.vnft.zk.poseidon.PoseidonMerkleTree;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Each gadget with honest witnesses (satisfied) and tampered ones (unsatisfiable). The pattern: a
 * gadget's result is constrained equal to a public input "out"; solving with the right out
 * succeeds, with a wrong one fails with ProofException.
 */
class CircuitGadgetsTest {

  /** Compiles x -> f(api, x) == out with secret inputs x0, x1. */
  private static CompiledCircuit twoInputs(BiFunction<CircuitApi, Var[], Var> f) {
    return CircuitCompiler.compile(api -> {
      Var out = api.publicInput("out");
      Var[] x = {api.secretInput("x0"), api.secretInput("x1")};
      api.assertEqual(f.apply(api, x), out);
    });
  }

  private static Map<String, Fr> in(long x0, long x1, Fr out) {
    Map<String, Fr> m = new HashMap<>();
    m.put("x0", Fr.of(x0));
    m.put("x1", Fr.of(x1));
    m.put("out", out);
    return m;
  }

  /** Asserts the circuit computes expected on (x0, x1), and rejects expected + 1. */
  private static void assertComputes(CompiledCircuit c, long x0, long x1, Fr expected) {
    Witness w = c.solve(in(x0, x1, expected));
    assertTrue(c.r1cs().isSatisfied(w));
    assertEquals(expected, w.get(1), "public input is wire 1");
    ProofException e = assertThrows(ProofException.class, () -> c.solve(in(x0, x1, expected.add(Fr.ONE))),
        "wrong output must not satisfy (" + x0 + ", " + x1 + ")");
    assertTrue(e.getMessage().contains("constraint #"), e.getMessage());
  }

  private static Fr fr(long v) {
    return Fr.of(v);
  }

  @Test
  void linearOperationsAreFreeAndSimplified() {
    int[] count = new int[1];
    CompiledCircuit c = CircuitCompiler.compile(api -> {
      Var x = api.secretInput("x");
      Var y = api.secretInput("y");
      Var zero = api.add(x, api.neg(x));
      assertTrue(zero.isConstant());
      assertEquals(Fr.ZERO, zero.constantValue());
      Var lc = api.sum(api.mulConst(x, 3), api.mulConst(y, -2), api.addConst(x, 5), api.mulConst(x, -4));
      assertEquals(2, lc.terms(), "x terms cancel out: y and the constant remain: " + lc);
      Var prod = api.mul(api.constant(7), api.dotConst(new Var[] {x, y}, new long[] {1, 1}));
      count[0] = api.constraintCount();
      api.assertEqual(api.mul(lc, prod), api.publicInput("out"));
    });
    assertEquals(0, count[0], "linear operations and products with constants cost nothing");
    assertEquals(2, c.nConstraints(), "one product + one equality");
    // lc = -2y + 5, prod = 7(x+y)
    long x = 3;
    long y = 11;
    Fr expected = fr(-2 * y + 5).mul(fr(7 * (x + y)));
    Map<String, Fr> m = Map.of("x", fr(x), "y", fr(y), "out", expected);
    assertTrue(c.r1cs().isSatisfied(c.solve(m)));
    assertThrows(ProofException.class, () -> c.solve(Map.of("x", fr(x), "y", fr(y + 1), "out", expected)));
  }

  @Test
  void publicInputsComeFirstWhateverTheDeclarationOrder() {
    CompiledCircuit c = CircuitCompiler.compile(api -> {
      Var s = api.secretInput("s");
      Var sq = api.square(s);
      Var p = api.publicInput("p");
      api.assertEqual(sq, p);
    });
    R1cs r = c.r1cs();
    assertEquals(1, r.nPubIn());
    assertEquals(1, r.nPrvIn());
    assertEquals(0, r.nPubOut());
    assertEquals(4, r.nWires());
    Witness w = c.solve(Map.of("s", fr(9), "p", fr(81)));
    assertEquals(Fr.ONE, w.get(0));
    assertEquals(fr(81), w.get(1));
    assertEquals(fr(9), w.get(2));
    assertEquals(java.util.List.of(fr(81)), w.publicSignals(r.nPublic()));
    Fr[] tampered = w.toArray();
    tampered[3] = tampered[3].add(Fr.ONE);
    assertFalse(r.isSatisfied(tampered));
    tampered = w.toArray();
    tampered[0] = fr(2);
    assertFalse(r.isSatisfied(tampered), "wire 0 must be one");
  }

  @Test
  void toBitsAndRangeChecksRejectOutOfRangeValues() {
    CompiledCircuit c = twoInputs((api, x) -> api.fromBits(api.toBits(x[0], 8)));
    assertEquals(10, c.nConstraints(), "8 booleans + 1 recomposition + the output equality");
    for (long v : new long[] {0, 1, 77, 128, 255}) {
      assertComputes(c, v, 0, fr(v));
    }
    for (long v : new long[] {256, 1000, -1}) {
      ProofException e = assertThrows(ProofException.class, () -> c.solve(in(v, 0, fr(v))), "x=" + v);
      assertTrue(e.getMessage().contains("toBits"), e.getMessage());
    }
    // a witness whose "bits" are not booleans (2*1 + 0 ... = 2 via bit0 = 2) is rejected
    Witness w = c.solve(in(2, 0, fr(2)));
    Fr[] t = w.toArray();
    int bit0 = 4;
    int bit1 = 5;
    assertEquals(Fr.ZERO, t[bit0]);
    assertEquals(Fr.ONE, t[bit1]);
    t[bit0] = fr(2);
    t[bit1] = Fr.ZERO;
    assertFalse(c.r1cs().isSatisfied(t), "non-boolean bit must be rejected");
  }

  @Test
  void comparisonsAndBooleanLogic() {
    CompiledCircuit isZero = twoInputs((api, x) -> api.isZero(x[0]));
    assertEquals(2, isZero.nConstraints() - 1);
    assertComputes(isZero, 0, 0, Fr.ONE);
    assertComputes(isZero, 5, 0, Fr.ZERO);
    assertComputes(isZero, -1, 0, Fr.ZERO);

    CompiledCircuit isEqual = twoInputs((api, x) -> api.isEqual(x[0], x[1]));
    assertComputes(isEqual, 7, 7, Fr.ONE);
    assertComputes(isEqual, 7, 8, Fr.ZERO);

    CompiledCircuit lt = twoInputs((api, x) -> {
      api.assertRange(x[0], 8);
      api.assertRange(x[1], 8);
      return api.lessThan(x[0], x[1], 8);
    });
    CompiledCircuit le = twoInputs((api, x) -> api.lessOrEqual(x[0], x[1], 8));
    Random rnd = new Random(1);
    for (int i = 0; i < 12; i++) {
      long a = i < 3 ? new long[] {0, 255, 17}[i] : rnd.nextInt(256);
      long b = i < 3 ? new long[] {255, 0, 17}[i] : rnd.nextInt(256);
      assertComputes(lt, a, b, a < b ? Fr.ONE : Fr.ZERO);
      assertComputes(le, a, b, a <= b ? Fr.ONE : Fr.ZERO);
    }
    assertThrows(ProofException.class, () -> lt.solve(in(256, 3, Fr.ZERO)), "range-checked operand");

    CompiledCircuit logic = twoInputs((api, x) -> api.sum(
        api.and(x[0], x[1]),
        api.mulConst(api.or(x[0], x[1]), 2),
        api.mulConst(api.xor(x[0], x[1]), 4),
        api.mulConst(api.not(x[0]), 8)));
    for (int a = 0; a <= 1; a++) {
      for (int b = 0; b <= 1; b++) {
        long exp = (a & b) + 2L * (a | b) + 4L * (a ^ b) + 8L * (1 - a);
        assertComputes(logic, a, b, fr(exp));
      }
    }
    assertThrows(ProofException.class, () -> logic.solve(in(2, 0, fr(0))), "non-boolean operand");

    CompiledCircuit sel = twoInputs((api, x) -> api.select(x[0], x[1], api.constant(42)));
    assertComputes(sel, 1, 9, fr(9));
    assertComputes(sel, 0, 9, fr(42));
    assertThrows(ProofException.class, () -> sel.solve(in(2, 9, fr(-84 + 18))), "cond must be boolean");
  }

  @Test
  void inverseAndDivisionAreConstrained() {
    CompiledCircuit div = twoInputs((api, x) -> api.div(x[0], x[1]));
    assertComputes(div, 35, 7, fr(5));
    assertComputes(div, 1, 3, fr(3).inverse());
    ProofException e = assertThrows(ProofException.class, () -> div.solve(in(0, 0, Fr.ZERO)));
    assertTrue(e.getMessage().contains("inverse"), e.getMessage());
    CompiledCircuit inv = twoInputs((api, x) -> api.inverse(x[0]));
    assertComputes(inv, -5, 0, fr(-5).inverse());
    assertThrows(InvalidInputException.class,
        () -> CircuitCompiler.compile(api -> api.div(api.secretInput("a"), api.constant(0))));
  }

  @Test
  void hintsRunDuringSolvingAndTheirFailuresAreNamed() {
    CompiledCircuit c = twoInputs((api, x) -> {
      Var[] qr = api.hint("divmod", 2, v -> {
        long a = v[0].toBigInteger().longValueExact();
        long b = v[1].toBigInteger().longValueExact();
        return new Fr[] {Fr.of(a / b), Fr.of(a % b)};
      }, x[0], x[1]);
      api.assertEqual(api.add(api.mul(qr[0], x[1]), qr[1]), x[0]);
      return qr[0];
    });
    assertComputes(c, 47, 5, fr(9));
    ProofException e = assertThrows(ProofException.class, () -> c.solve(in(47, 0, fr(0))));
    assertTrue(e.getMessage().contains("hint 'divmod'"), e.getMessage());
    CompiledCircuit bad = CircuitCompiler.compile(api -> api.hint("short", 2, v -> new Fr[] {Fr.ONE}));
    ProofException e2 = assertThrows(ProofException.class, () -> bad.solve(Map.of()));
    assertTrue(e2.getMessage().contains("expected 2"), e2.getMessage());
  }

  @Test
  void poseidonGadgetEqualsNativePoseidon() {
    Random rnd = new Random(3);
    for (int n : new int[] {1, 2, 5, 16}) {
      CompiledCircuit c = CircuitCompiler.compile(api -> {
        Var out = api.publicInput("out");
        api.assertEqual(api.poseidon(api.secretInputs("x", n)), out);
      });
      Fr[] xs = new Fr[n];
      Map<String, Fr> m = new HashMap<>();
      for (int i = 0; i < n; i++) {
        xs[i] = Fr.random(rnd);
        m.put("x[" + i + "]", xs[i]);
      }
      m.put("out", Poseidon.hash(xs));
      assertTrue(c.r1cs().isSatisfied(c.solve(m)), "Poseidon(" + n + ")");
      m.put("out", Poseidon.hash(xs).add(Fr.ONE));
      assertThrows(ProofException.class, () -> c.solve(m));
      int perHash = c.constraintsByScope().get("poseidon");
      System.out.println("Poseidon(" + n + ") gadget: " + perHash + " constraints");
      // 3 per S-box: t per full round (8), 1 per partial round; the very first S-box on the constant lane is free
      int t = n + 1;
      int rp = io.vnft.zk.poseidon.PoseidonParameters.forWidth(t).partialRounds();
      assertEquals(3 * (8 * t + rp) - 3, perHash);
    }
  }

  @Test
  void gadgetsOnConstantsFoldToConstantsWithoutConstraints() {
    Fr[] folded = new Fr[4];
    CompiledCircuit c = CircuitCompiler.compile(api -> {
      folded[0] = api.poseidon(api.constant(1), api.constant(2)).constantValue();
      folded[1] = api.shiftRightFloor(api.constant(-9), 2, 8).constantValue();
      folded[2] = api.lessThan(api.constant(3), api.constant(7), 4).constantValue();
      folded[3] = api.select(api.constant(0), api.constant(5), api.constant(6)).constantValue();
    });
    assertEquals(0, c.nConstraints());
    assertEquals(Poseidon.hash(Fr.of(1), Fr.of(2)), folded[0]);
    assertEquals(Fr.of(-3), folded[1]);
    assertEquals(Fr.ONE, folded[2]);
    assertEquals(Fr.of(6), folded[3]);
  }

  @Test
  void spongeGadgetEqualsNativeSponge() {
    int n = 20;
    CompiledCircuit c = CircuitCompiler.compile(api -> {
      Var out = api.publicInput("out");
      api.assertEqual(api.poseidonSponge(api.secretInputs("x", n)), out);
    });
    Fr[] xs = new Fr[n];
    Map<String, Fr> m = new HashMap<>();
    for (int i = 0; i < n; i++) {
      xs[i] = Fr.of(i * 1000L + 1);
      m.put("x[" + i + "]", xs[i]);
    }
    m.put("out", io.vnft.zk.poseidon.PoseidonSponge.hash(xs));
    assertTrue(c.r1cs().isSatisfied(c.solve(m)));
  }

  @Test
  void merkleOpeningGadgetAcceptsTheTreeAndRejectsAWrongSibling() {
    Fr[] leaves = new Fr[6];
    for (int i = 0; i < leaves.length; i++) {
      leaves[i] = Fr.of(100 + i);
    }
    PoseidonMerkleTree tree = PoseidonMerkleTree.build(leaves);
    int depth = tree.depth();
    CompiledCircuit c = CircuitCompiler.compile(api -> {
      Var root = api.publicInput("root");
      Var leaf = api.secretInput("leaf");
      Var index = api.secretInput("index");
      Var[] sib = api.secretInputs("sibling", depth);
      api.assertEqual(api.merkleOpening(leaf, api.toBits(index, depth), sib), root);
    });
    Map<String, Integer> scopes = c.constraintsByScope();
    System.out.println("merkle depth " + depth + ": " + scopes);
    assertEquals(3 * 240 + 3 * 1, scopes.get("merkleOpening"));
    assertEquals(3 * 240, scopes.get("merkleOpening/poseidon"));
    assertEquals(depth + 1, scopes.get("toBits"));
    for (int idx = 0; idx < 8; idx++) {
      MerkleOpening o = tree.opening(idx);
      Assignment a = new Assignment().set("root", tree.root()).set("leaf", o.leaf()).set("index", idx)
          .set("sibling", o.siblings());
      assertTrue(c.r1cs().isSatisfied(c.solve(a)), "leaf " + idx + " (Assignment)");
      Map<String, Fr> m = new HashMap<>(a.toMap());
      assertTrue(c.r1cs().isSatisfied(c.solve(m)), "leaf " + idx);
      Map<String, Fr> bad = new HashMap<>(m);
      bad.put("sibling[1]", o.siblings().get(1).add(Fr.ONE));
      ProofException e = assertThrows(ProofException.class, () -> c.solve(bad));
      assertTrue(e.getMessage().contains("(top): assertEqual"), e.getMessage());
      Map<String, Fr> wrongLeaf = new HashMap<>(m);
      wrongLeaf.put("leaf", o.leaf().add(Fr.ONE));
      assertThrows(ProofException.class, () -> c.solve(wrongLeaf));
    }
  }

  @Test
  void shiftRightFloorIsFloorDivisionOfSignedValues() {
    int k = 3;
    int bits = 10;
    CompiledCircuit c = twoInputs((api, x) -> api.shiftRightFloor(x[0], k, bits));
    assertEquals(bits + 1 + 1, c.nConstraints());
    for (long v : new long[] {-512, -511, -100, -9, -8, -7, -1, 0, 1, 7, 8, 9, 100, 511}) {
      assertComputes(c, v, 0, Fr.of(Math.floorDiv(v, 1L << k)));
    }
    for (long v : new long[] {512, -513, 100000}) {
      assertThrows(ProofException.class, () -> c.solve(in(v, 0, Fr.of(Math.floorDiv(v, 1L << k)))), "x=" + v);
    }
    // The quotient is pinned: the honest quotient +- 1 with any remainder does not satisfy.
    assertThrows(ProofException.class, () -> c.solve(in(-9, 0, Fr.of(-1))));
  }

  @Test
  void divModPow2GivesFloorQuotientAndNonNegativeRemainder() {
    CompiledCircuit c = twoInputs((api, x) -> {
      Var[] qm = api.divModPow2(x[0], 9, 16);
      api.assertEqual(qm[1], x[1]);
      return qm[0];
    });
    for (long v : new long[] {-32768, -513, -512, -511, -1, 0, 1, 511, 512, 1000, 32767}) {
      assertComputes(c, v, Math.floorMod(v, 512), Fr.of(Math.floorDiv(v, 512)));
      // the remainder is pinned too
      assertThrows(ProofException.class, () -> c.solve(in(v, Math.floorMod(v, 512) + 1, Fr.of(Math.floorDiv(v, 512)))));
    }
  }

  @Test
  void clampBoundsSignedValues() {
    CompiledCircuit c = twoInputs((api, x) -> api.clamp(x[0], 0, 255, 16));
    System.out.println("clamp(16 bits): " + c.constraintsByScope());
    assertEquals(2 * 16 + 6, c.constraintsByScope().get("clamp"));
    for (long v : new long[] {-65536, -32768, -300, -1, 0, 1, 128, 254, 255, 256, 1000, 32767, 65535}) {
      assertComputes(c, v, 0, Fr.of(Math.max(0, Math.min(255, v))));
    }
    // outside lo - 2^bits <= x < lo + 2^bits
    assertThrows(ProofException.class, () -> c.solve(in(65536, 0, Fr.of(255))));
    assertThrows(ProofException.class, () -> c.solve(in(-65537, 0, Fr.ZERO)));
    assertThrows(ProofException.class, () -> c.solve(in(Long.MAX_VALUE, 0, Fr.of(255))));
    CompiledCircuit neg = twoInputs((api, x) -> api.clamp(x[0], -100, -20, 8));
    for (long v : new long[] {-356, -228, -101, -100, -60, -20, -19, 27, 155}) {
      assertComputes(neg, v, 0, Fr.of(Math.max(-100, Math.min(-20, v))));
    }
    assertThrows(ProofException.class, () -> neg.solve(in(156, 0, Fr.of(-20))));
  }

  /**
   * Under-constraint check: with the inputs fixed, changing any single internal wire of an honest
   * witness must break a constraint (a hint output left unconstrained would survive this).
   */
  @Test
  void everyInternalWireIsPinnedDown() {
    Map<String, CompiledCircuit> circuits = new java.util.LinkedHashMap<>();
    circuits.put("toBits", twoInputs((api, x) -> api.fromBits(api.toBits(x[0], 12))));
    circuits.put("divModPow2", twoInputs((api, x) -> api.sum(api.divModPow2(x[0], 4, 12))));
    circuits.put("clamp", twoInputs((api, x) -> api.clamp(x[0], -10, 10, 12)));
    circuits.put("lessThan", twoInputs((api, x) -> api.lessThan(x[0], x[1], 12)));
    circuits.put("div", twoInputs((api, x) -> api.div(x[0], x[1])));
    circuits.put("isEqual(non-zero difference)", twoInputs((api, x) -> api.isEqual(x[0], x[1])));
    circuits.put("select+logic", twoInputs((api, x) -> {
      Var b = api.toBits(x[0], 2)[0];
      return api.select(api.xor(b, api.toBits(x[1], 3)[1]), x[0], x[1]);
    }));
    circuits.put("poseidon", twoInputs((api, x) -> api.poseidon(x[0], x[1])));
    for (Map.Entry<String, CompiledCircuit> e : circuits.entrySet()) {
      CompiledCircuit c = e.getValue();
      Witness w = c.solve(in(3, 5, findOutput(c)));
      R1cs r = c.r1cs();
      int firstInternal = 1 + r.nPubIn() + r.nPrvIn();
      assertTrue(firstInternal < r.nWires(), e.getKey() + " has internal wires");
      for (int i = firstInternal; i < r.nWires(); i++) {
        Fr[] t = w.toArray();
        t[i] = t[i].add(Fr.ONE);
        assertFalse(r.isSatisfied(t), e.getKey() + ": internal wire " + i + " can change freely");
      }
    }
  }

  /** The value of the "out" input that satisfies c for x0 = 3, x1 = 5, read off the witness wires. */
  private static Fr findOutput(CompiledCircuit c) {
    // the outputs the gadgets above can have for these inputs
    Fr[] candidates = {Fr.ZERO, Fr.ONE, Fr.of(3), Fr.of(3).div(Fr.of(5)), Poseidon.hash(Fr.of(3), Fr.of(5))};
    for (Fr cand : candidates) {
      try {
        c.solve(in(3, 5, cand));
        return cand;
      } catch (ProofException ignored) {
        // not this one
      }
    }
    return fail("no candidate output satisfies " + c);
  }

  @Test
  void misuseIsReportedWhileCompiling() {
    assertThrows(InvalidInputException.class, () -> CircuitCompiler.compile(api -> {
      api.secretInput("a");
      api.publicInput("a");
    }));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CircuitCompiler.compile(api -> api.toBits(api.secretInput("a"), 254)));
    assertTrue(e.getMessage().contains("toBits n") && e.getMessage().contains("253"), e.getMessage());
    Var[] leaked = new Var[1];
    CircuitCompiler.compile(api -> leaked[0] = api.secretInput("a"));
    assertThrows(InvalidInputException.class, () -> CircuitCompiler.compile(api -> api.mul(leaked[0], leaked[0])));
    assertThrows(InvalidInputException.class,
        () -> CircuitCompiler.compile(api -> api.assertEqual(api.constant(1), api.constant(2))));
    assertThrows(InvalidInputException.class,
        () -> CircuitCompiler.compile(api -> api.clamp(api.secretInput("x"), 10, 5, 8)));
    assertThrows(InvalidInputException.class, () -> CircuitCompiler.compile(api -> api.poseidon()));
    CompiledCircuit c = twoInputs((api, x) -> x[0]);
    assertThrows(InvalidInputException.class, () -> c.solve(Map.of("x0", Fr.ONE, "out", Fr.ONE)), "missing x1");
    assertThrows(InvalidInputException.class,
        () -> c.solve(Map.of("x0", Fr.ONE, "x1", Fr.ONE, "out", Fr.ONE, "y", Fr.ONE)), "unknown y");
  }

  @Test
  void packageDocumentationExampleWorks() {
    Circuit c = api -> {
      Var y = api.publicInput("y");
      Var x = api.secretInput("x");
      api.assertRange(x, 16);
      Var q = api.scope("layer", () -> api.shiftRightFloor(api.mulConst(x, 3), 2, 20));
      api.assertEqual(api.clamp(q, 0, 255, 20), y);
    };
    CompiledCircuit cc = CircuitCompiler.compile(c);
    assertTrue(cc.r1cs().isSatisfied(cc.solve(Map.of("x", Fr.of(100), "y", Fr.of(75)))));
    assertTrue(cc.r1cs().isSatisfied(cc.solve(Map.of("x", Fr.of(1000), "y", Fr.of(255)))));
    assertThrows(ProofException.class, () -> cc.solve(Map.of("x", Fr.of(100), "y", Fr.of(76))));
    assertThrows(ProofException.class, () -> cc.solve(Map.of("x", Fr.of(1 << 16), "y", Fr.of(255))));
    assertTrue(cc.constraintsByScope().containsKey("layer"), cc.constraintsByScope().toString());
  }

  @Test
  void scopesNestAndCount() {
    CompiledCircuit c = CircuitCompiler.compile(api -> {
      Var a = api.secretInput("a");
      api.scope("layer1", () -> {
        Var sq = api.square(a);
        api.scope("act", () -> api.clamp(sq, 0, 10, 8));
      });
      api.square(a);
    });
    Map<String, Integer> s = c.constraintsByScope();
    assertEquals(1, s.get(CompiledCircuit.TOP_SCOPE));
    assertEquals(s.get("layer1/act") + 1, s.get("layer1"));
    assertEquals(s.get("layer1/act/clamp"), s.get("layer1/act"));
    assertEquals(c.nConstraints(), s.get("layer1") + s.get(CompiledCircuit.TOP_SCOPE));
    assertTrue(c.describeConstraint(0).startsWith("layer1: mul"), c.describeConstraint(0));
  }
}
