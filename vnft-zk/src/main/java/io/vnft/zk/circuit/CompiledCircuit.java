package io.vnft.zk.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.api.ProofException;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compiled {@link Circuit}: its {@link R1cs} (wire 0 = one, public inputs, secret inputs, internal
 * wires; {@code nPubOut = 0}) and a witness solver that assigns the inputs, runs the products and
 * hints in order and checks every constraint.
 *
 * <p>Immutable and thread-safe: {@link #solve} may run concurrently for different inputs (hints
 * must then be thread-safe, see {@link Hint}).
 */
public final class CompiledCircuit {
  private static final int L = FrOps.LIMBS;

  /** The key of {@link #constraintsByScope()} for constraints outside any scope. */
  public static final String TOP_SCOPE = "(top)";

  private final R1cs r1cs;
  private final List<String> publicNames;
  private final List<String> secretNames;
  private final Map<String, Integer> inputWire = new HashMap<>();
  private final Step[] steps;
  private final int[] constraintLabel;
  private final String[] labels;
  private final Map<String, Integer> byScope;

  /** A solving step on final wire ids. */
  private record Step(LimbRow a, LimbRow b, int out, String hintName, Hint hint, LimbRow[] inputs,
      int[] outs, int label) {}

  /**
   * The constraints that {@link #solve} must check, as limb rows ({@code 3k .. 3k+2} = A, B, C of
   * constraint {@code checkIndex[k]}). A product's own constraint {@code a * b = out} is left out:
   * the solver sets {@code out} to exactly {@code a * b} and never writes a wire twice.
   */
  private final LimbRow[] checkRows;
  private final int[] checkIndex;

  CompiledCircuit(ConstraintSystem cs) {
    int n = cs.wireCount();
    // Final order: one, public inputs, secret inputs, internal wires (each in creation order).
    int[] perm = new int[n];
    int next = 1;
    for (int id : cs.publicIds) {
      perm[id] = next++;
    }
    for (int id : cs.secretIds) {
      perm[id] = next++;
    }
    for (int id = 1; id < n; id++) {
      if (cs.kinds.get(id) == ConstraintSystem.KIND_INTERNAL) {
        perm[id] = next++;
      }
    }
    List<Constraint> constraints = new ArrayList<>(cs.constraints.size());
    for (Var[] c : cs.constraints) {
      constraints.add(new Constraint(row(c[0], perm), row(c[1], perm), row(c[2], perm)));
    }
    this.r1cs = new R1cs(n, 0, cs.publicIds.size(), cs.secretIds.size(), n, null, constraints);
    this.publicNames = List.copyOf(cs.publicNames);
    this.secretNames = List.copyOf(cs.secretNames);
    for (int i = 0; i < cs.publicIds.size(); i++) {
      inputWire.put(cs.publicNames.get(i), perm[cs.publicIds.get(i)]);
    }
    for (int i = 0; i < cs.secretIds.size(); i++) {
      inputWire.put(cs.secretNames.get(i), perm[cs.secretIds.get(i)]);
    }
    this.steps = new Step[cs.steps.size()];
    for (int i = 0; i < steps.length; i++) {
      ConstraintSystem.Step s = cs.steps.get(i);
      if (s instanceof ConstraintSystem.MulStep m) {
        steps[i] = new Step(new LimbRow(row(m.a(), perm)), new LimbRow(row(m.b(), perm)), perm[m.out()], null, null,
            null, null, m.label());
      } else {
        ConstraintSystem.HintStep h = (ConstraintSystem.HintStep) s;
        LimbRow[] ins = new LimbRow[h.inputs().length];
        for (int k = 0; k < ins.length; k++) {
          ins[k] = new LimbRow(row(h.inputs()[k], perm));
        }
        int[] outs = new int[h.outs().length];
        for (int k = 0; k < outs.length; k++) {
          outs[k] = perm[h.outs()[k]];
        }
        steps[i] = new Step(null, null, -1, h.name(), h.hint(), ins, outs, h.label());
      }
    }
    boolean[] byConstruction = new boolean[constraints.size()];
    for (ConstraintSystem.Step st : cs.steps) {
      if (st instanceof ConstraintSystem.MulStep m) {
        byConstruction[m.constraint()] = true;
      }
    }
    int nCheck = 0;
    for (boolean b : byConstruction) {
      nCheck += b ? 0 : 1;
    }
    this.checkRows = new LimbRow[3 * nCheck];
    this.checkIndex = new int[nCheck];
    int k = 0;
    for (int i = 0; i < constraints.size(); i++) {
      if (byConstruction[i]) {
        continue;
      }
      Constraint c = constraints.get(i);
      checkIndex[k] = i;
      checkRows[3 * k] = new LimbRow(c.a());
      checkRows[3 * k + 1] = new LimbRow(c.b());
      checkRows[3 * k + 2] = new LimbRow(c.c());
      k++;
    }
    this.constraintLabel = cs.constraintLabels.stream().mapToInt(Integer::intValue).toArray();
    this.labels = cs.labels.toArray(new String[0]);
    Map<String, Integer> counts = new TreeMap<>();
    for (int lab : constraintLabel) {
      String path = labels[lab].substring(0, labels[lab].indexOf('\t'));
      if (path.isEmpty()) {
        counts.merge(TOP_SCOPE, 1, Integer::sum);
        continue;
      }
      int slash = -1;
      do {
        slash = path.indexOf('/', slash + 1);
        counts.merge(slash < 0 ? path : path.substring(0, slash), 1, Integer::sum);
      } while (slash >= 0);
    }
    this.byScope = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  private static SparseRow row(Var v, int[] perm) {
    int n = v.ids.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Integer.compare(perm[v.ids[x]], perm[v.ids[y]]));
    int[] wires = new int[n];
    Fr[] cs = new Fr[n];
    for (int i = 0; i < n; i++) {
      wires[i] = perm[v.ids[order[i]]];
      cs[i] = v.coeffs[order[i]];
    }
    return SparseRow.wrap(wires, cs);
  }

  /** @return the constraint system */
  public R1cs r1cs() {
    return r1cs;
  }

  /** @return the public input names in wire order (wires 1..) */
  public List<String> publicInputNames() {
    return publicNames;
  }

  /** @return the secret input names in wire order */
  public List<String> secretInputNames() {
    return secretNames;
  }

  /** @return the number of constraints */
  public int nConstraints() {
    return r1cs.nConstraints();
  }

  /**
   * Constraints per scope, sorted by path. A constraint counts toward its scope and every enclosing
   * one ({@code "merkleOpening"} includes {@code "merkleOpening/poseidon"}); constraints outside any
   * scope are under {@link #TOP_SCOPE}.
   *
   * @return unmodifiable map from scope path to constraint count
   */
  public Map<String, Integer> constraintsByScope() {
    return byScope;
  }

  /**
   * @param i constraint index
   * @return where constraint {@code i} comes from, e.g. {@code "merkleOpening/poseidon: mul"}
   */
  public String describeConstraint(int i) {
    String l = labels[constraintLabel[i]];
    int tab = l.indexOf('\t');
    String path = tab == 0 ? TOP_SCOPE : l.substring(0, tab);
    return path + ": " + l.substring(tab + 1);
  }

  /**
   * Solves the witness.
   *
   * @param inputs a value for every public and secret input, by name
   * @return the full witness (length {@code r1cs().nWires()})
   * @throws InvalidInputException if an input is missing, unknown or null
   * @throws ProofException if a hint fails or the inputs violate a constraint (the message names the
   *     first unsatisfied constraint and its scope)
   */
  public Witness solve(Map<String, Fr> inputs) {
    if (inputs == null) {
      throw new InvalidInputException("inputs is null");
    }
    for (String k : inputs.keySet()) {
      if (!inputWire.containsKey(k)) {
        throw new InvalidInputException("unknown input '" + k + "' (the circuit declares " + publicNames.size()
            + " public and " + secretNames.size() + " secret inputs)");
      }
    }
    int n = r1cs.nWires();
    long[] w = new long[L * n];
    boolean[] set = new boolean[n];
    Fr.ONE.copyLimbsTo(w, 0);
    set[0] = true;
    for (Map.Entry<String, Integer> e : inputWire.entrySet()) {
      Fr v = inputs.get(e.getKey());
      if (v == null) {
        throw new InvalidInputException("missing value for input '" + e.getKey() + "'");
      }
      v.copyLimbsTo(w, L * e.getValue());
      set[e.getValue()] = true;
    }
    long[] scratch = new long[3 * L];
    for (Step s : steps) {
      if (s.hint == null) {
        s.a.evaluate(w, scratch, 0, scratch, 2 * L);
        s.b.evaluate(w, scratch, L, scratch, 2 * L);
        FrOps.mul(scratch, 0, scratch, L, w, L * s.out);
        set[s.out] = true;
      } else {
        runHint(s, w, set, scratch);
      }
    }
    for (int i = 0; i < n; i++) {
      if (!set[i]) {
        throw new ProofException("witness solving left wire " + i + " unassigned (internal error)");
      }
    }
    long[] abc = new long[4 * L];
    for (int k = 0; k < checkIndex.length; k++) {
      checkRows[3 * k].evaluate(w, abc, 0, scratch, 2 * L);
      checkRows[3 * k + 1].evaluate(w, abc, L, scratch, 2 * L);
      checkRows[3 * k + 2].evaluate(w, abc, 2 * L, scratch, 2 * L);
      FrOps.mul(abc, 0, abc, L, abc, 3 * L);
      if (!FrOps.eq(abc, 3 * L, abc, 2 * L)) {
        int i = checkIndex[k];
        throw new ProofException("inputs do not satisfy the circuit: constraint #" + i + " ("
            + describeConstraint(i) + ") is not satisfied");
      }
    }
    Fr[] values = new Fr[n];
    for (int i = 0; i < n; i++) {
      values[i] = FrOps.toFr(w, L * i);
    }
    return Witness.wrap(values);
  }

  /**
   * Solves the witness from an {@link Assignment}.
   *
   * @param inputs the values of the circuit's inputs
   * @return the full witness, as {@link #solve(Map)} computes it
   * @see #solve(Map)
   */
  public Witness solve(Assignment inputs) {
    if (inputs == null) {
      throw new InvalidInputException("inputs is null");
    }
    return solve(inputs.toMap());
  }

  private void runHint(Step s, long[] w, boolean[] set, long[] scratch) {
    Fr[] in = new Fr[s.inputs.length];
    for (int k = 0; k < in.length; k++) {
      s.inputs[k].evaluate(w, scratch, 0, scratch, 2 * L);
      in[k] = FrOps.toFr(scratch, 0);
    }
    String where = labels[s.label].replace('\t', ' ');
    Fr[] out;
    try {
      out = s.hint.compute(in);
    } catch (RuntimeException e) {
      throw new ProofException("hint '" + s.hintName + "' (" + where + ") failed: " + e.getMessage(), e);
    }
    if (out == null || out.length != s.outs.length) {
      throw new ProofException("hint '" + s.hintName + "' (" + where + ") returned "
          + (out == null ? "null" : out.length + " values") + ", expected " + s.outs.length);
    }
    for (int k = 0; k < out.length; k++) {
      if (out[k] == null) {
        throw new ProofException("hint '" + s.hintName + "' (" + where + ") returned null at output " + k);
      }
      out[k].copyLimbsTo(w, L * s.outs[k]);
      set[s.outs[k]] = true;
    }
  }

  @Override
  public String toString() {
    return "CompiledCircuit[" + r1cs + ", public=" + publicNames + "]";
  }
}
