package io.vnft.zk.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.api.ProofException;
import io.vnft.zk.field.Fr;
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
  private record Step(SparseRow a, SparseRow b, int out, String hintName, Hint hint, SparseRow[] inputs,
      int[] outs, int label) {}

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
        steps[i] = new Step(row(m.a(), perm), row(m.b(), perm), perm[m.out()], null, null, null, null, m.label());
      } else {
        ConstraintSystem.HintStep h = (ConstraintSystem.HintStep) s;
        SparseRow[] ins = new SparseRow[h.inputs().length];
        for (int k = 0; k < ins.length; k++) {
          ins[k] = row(h.inputs()[k], perm);
        }
        int[] outs = new int[h.outs().length];
        for (int k = 0; k < outs.length; k++) {
          outs[k] = perm[h.outs()[k]];
        }
        steps[i] = new Step(null, null, -1, h.name(), h.hint(), ins, outs, h.label());
      }
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
    Fr[] w = new Fr[r1cs.nWires()];
    w[0] = Fr.ONE;
    for (Map.Entry<String, Integer> e : inputWire.entrySet()) {
      Fr v = inputs.get(e.getKey());
      if (v == null) {
        throw new InvalidInputException("missing value for input '" + e.getKey() + "'");
      }
      w[e.getValue()] = v;
    }
    for (Step s : steps) {
      if (s.hint == null) {
        w[s.out] = s.a.evaluate(w).mul(s.b.evaluate(w));
      } else {
        runHint(s, w);
      }
    }
    for (int i = 0; i < w.length; i++) {
      if (w[i] == null) {
        throw new ProofException("witness solving left wire " + i + " unassigned (internal error)");
      }
    }
    int bad = r1cs.firstUnsatisfied(w);
    if (bad >= 0) {
      throw new ProofException("inputs do not satisfy the circuit: constraint #" + bad + " ("
          + describeConstraint(bad) + ") is not satisfied");
    }
    return Witness.wrap(w);
  }

  private void runHint(Step s, Fr[] w) {
    Fr[] in = new Fr[s.inputs.length];
    for (int k = 0; k < in.length; k++) {
      in[k] = s.inputs[k].evaluate(w);
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
      w[s.outs[k]] = out[k];
    }
  }

  @Override
  public String toString() {
    return "CompiledCircuit[" + r1cs + ", public=" + publicNames + "]";
  }
}
