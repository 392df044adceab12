package io.vnft.zk.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import io.vnft.zk.poseidon.Poseidon;
import io.vnft.zk.poseidon.PoseidonParameters;
import io.vnft.zk.poseidon.PoseidonSponge;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link CircuitApi} implementation: records wires, constraints, solver steps and scopes while
 * {@link Circuit#define} runs. Single-threaded, used once by {@link CircuitCompiler}.
 */
final class ConstraintSystem implements CircuitApi {
  static final int KIND_ONE = 0;
  static final int KIND_PUBLIC = 1;
  static final int KIND_SECRET = 2;
  static final int KIND_INTERNAL = 3;

  /** A witness-solving step: a product wire or hint outputs. */
  sealed interface Step permits MulStep, HintStep {}

  /** {@code constraint} is the index of the product's own constraint, satisfied by construction. */
  record MulStep(Var a, Var b, int out, int label, int constraint) implements Step {}

  record HintStep(String name, Hint hint, Var[] inputs, int[] outs, int label) implements Step {}

  private static final int MAX_BITS = 253;
  private static final int[] NO_IDS = new int[0];
  private static final Fr[] NO_COEFFS = new Fr[0];

  final List<Integer> kinds = new ArrayList<>();
  final List<String> publicNames = new ArrayList<>();
  final List<Integer> publicIds = new ArrayList<>();
  final List<String> secretNames = new ArrayList<>();
  final List<Integer> secretIds = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  final List<Var[]> constraints = new ArrayList<>();
  final List<Integer> constraintLabels = new ArrayList<>();
  final List<Step> steps = new ArrayList<>();

  /** Distinct "scope path\tkind" labels; index = label id. */
  final List<String> labels = new ArrayList<>();
  private final Map<String, Integer> labelIds = new HashMap<>();
  private String scopePath = "";

  private final Var one;
  private final Var zero;

  ConstraintSystem() {
    kinds.add(KIND_ONE);
    one = new Var(this, new int[] {0}, new Fr[] {Fr.ONE}, true);
    zero = new Var(this, NO_IDS, NO_COEFFS, true);
  }

  int wireCount() {
    return kinds.size();
  }

  // ------------------------------------------------------------------ helpers

  private int newWire(int kind) {
    kinds.add(kind);
    return kinds.size() - 1;
  }

  private Var wire(int id, boolean bool) {
    return new Var(this, new int[] {id}, new Fr[] {Fr.ONE}, bool);
  }

  private Var check(Var v, String what) {
    if (v == null) {
      throw new InvalidInputException(what + " is null");
    }
    if (v.owner != this) {
      throw new InvalidInputException(what + " belongs to another circuit (or a finished compilation)");
    }
    return v;
  }

  private static void checkBits(String what, int bits, int min, int max) {
    if (bits < min || bits > max) {
      throw new InvalidInputException(what + " must be in [" + min + ", " + max + "], got " + bits);
    }
  }

  private int label(String kind) {
    String key = scopePath + "\t" + kind;
    Integer id = labelIds.get(key);
    if (id == null) {
      id = labels.size();
      labels.add(key);
      labelIds.put(key, id);
    }
    return id;
  }

  private void addConstraint(Var a, Var b, Var c, String kind) {
    constraints.add(new Var[] {a, b, c});
    constraintLabels.add(label(kind));
  }

  /** ca*a + cb*b, merging sorted terms and dropping zeros. */
  private Var combine(Var a, Fr ca, Var b, Fr cb, boolean bool) {
    int[] ids = new int[a.ids.length + b.ids.length];
    Fr[] cs = new Fr[ids.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.ids.length || j < b.ids.length) {
      int id;
      Fr c;
      if (j >= b.ids.length || (i < a.ids.length && a.ids[i] < b.ids[j])) {
        id = a.ids[i];
        c = a.coeffs[i++].mul(ca);
      } else if (i >= a.ids.length || b.ids[j] < a.ids[i]) {
        id = b.ids[j];
        c = b.coeffs[j++].mul(cb);
      } else {
        id = a.ids[i];
        c = a.coeffs[i++].mul(ca).add(b.coeffs[j++].mul(cb));
      }
      if (!c.isZero()) {
        ids[n] = id;
        cs[n++] = c;
      }
    }
    if (n != ids.length) {
      int[] ids2 = new int[n];
      Fr[] cs2 = new Fr[n];
      System.arraycopy(ids, 0, ids2, 0, n);
      System.arraycopy(cs, 0, cs2, 0, n);
      ids = ids2;
      cs = cs2;
    }
    return new Var(this, ids, cs, bool);
  }

  private Var scale(Var a, Fr c) {
    if (c.isZero()) {
      return zero;
    }
    if (c.equals(Fr.ONE)) {
      return a;
    }
    Fr[] cs = new Fr[a.coeffs.length];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = a.coeffs[i].mul(c);
    }
    return new Var(this, a.ids, cs, false);
  }

  private static boolean isBooleanConstant(Fr v) {
    return v.isZero() || v.equals(Fr.ONE);
  }

  // ------------------------------------------------------------------ inputs and constants

  private Var declare(String name, int kind) {
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException("input name must be non-empty");
    }
    if (!names.add(name)) {
      throw new InvalidInputException("input name '" + name + "' is declared twice");
    }
    int id = newWire(kind);
    if (kind == KIND_PUBLIC) {
      publicNames.add(name);
      publicIds.add(id);
    } else {
      secretNames.add(name);
      secretIds.add(id);
    }
    return wire(id, false);
  }

  @Override
  public Var publicInput(String name) {
    return declare(name, KIND_PUBLIC);
  }

  @Override
  public Var secretInput(String name) {
    return declare(name, KIND_SECRET);
  }

  @Override
  public Var[] publicInputs(String name, int n) {
    if (n < 0) {
      throw new InvalidInputException("publicInputs count must be >= 0, got " + n);
    }
    Var[] out = new Var[n];
    for (int i = 0; i < n; i++) {
      out[i] = publicInput(name + "[" + i + "]");
    }
    return out;
  }

  @Override
  public Var[] secretInputs(String name, int n) {
    if (n < 0) {
      throw new InvalidInputException("secretInputs count must be >= 0, got " + n);
    }
    Var[] out = new Var[n];
    for (int i = 0; i < n; i++) {
      out[i] = secretInput(name + "[" + i + "]");
    }
    return out;
  }

  @Override
  public Var constant(Fr c) {
    if (c == null) {
      throw new InvalidInputException("constant is null");
    }
    if (c.isZero()) {
      return zero;
    }
    return new Var(this, new int[] {0}, new Fr[] {c}, isBooleanConstant(c));
  }

  @Override
  public Var constant(long c) {
    return constant(Fr.of(c));
  }

  // ------------------------------------------------------------------ linear

  @Override
  public Var add(Var a, Var b) {
    return combine(check(a, "add a"), Fr.ONE, check(b, "add b"), Fr.ONE, false);
  }

  @Override
  public Var sum(Var... xs) {
    Var acc = zero;
    for (int i = 0; i < xs.length; i++) {
      acc = combine(acc, Fr.ONE, check(xs[i], "sum xs[" + i + "]"), Fr.ONE, false);
    }
    return acc;
  }

  @Override
  public Var sub(Var a, Var b) {
    return combine(check(a, "sub a"), Fr.ONE, check(b, "sub b"), Fr.ONE.neg(), false);
  }

  @Override
  public Var neg(Var a) {
    return scale(check(a, "neg a"), Fr.ONE.neg());
  }

  @Override
  public Var mulConst(Var a, Fr c) {
    check(a, "mulConst a");
    if (c == null) {
      throw new InvalidInputException("mulConst c is null");
    }
    return scale(a, c);
  }

  @Override
  public Var mulConst(Var a, long c) {
    return mulConst(a, Fr.of(c));
  }

  @Override
  public Var addConst(Var a, Fr c) {
    check(a, "addConst a");
    return combine(a, Fr.ONE, constant(c), Fr.ONE, false);
  }

  @Override
  public Var addConst(Var a, long c) {
    return addConst(a, Fr.of(c));
  }

  @Override
  public Var dotConst(Var[] xs, long[] weights) {
    if (xs == null || weights == null || xs.length != weights.length) {
      throw new InvalidInputException("dotConst: xs and weights must have the same length");
    }
    Fr[] w = new Fr[weights.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = Fr.of(weights[i]);
    }
    return dotConst(xs, w);
  }

  @Override
  public Var dotConst(Var[] xs, Fr[] weights) {
    if (xs == null || weights == null || xs.length != weights.length) {
      throw new InvalidInputException("dotConst: xs and weights must have the same length");
    }
    // Sum of many terms: collect into a map first so that a long dot product stays linear time.
    Map<Integer, Fr> acc = new HashMap<>();
    for (int i = 0; i < xs.length; i++) {
      Var x = check(xs[i], "dotConst xs[" + i + "]");
      if (weights[i] == null) {
        throw new InvalidInputException("dotConst weights[" + i + "] is null");
      }
      if (weights[i].isZero()) {
        continue;
      }
      for (int k = 0; k < x.ids.length; k++) {
        acc.merge(x.ids[k], x.coeffs[k].mul(weights[i]), Fr::add);
      }
    }
    int[] ids = acc.entrySet().stream().filter(e -> !e.getValue().isZero()).mapToInt(Map.Entry::getKey).sorted().toArray();
    Fr[] cs = new Fr[ids.length];
    for (int i = 0; i < ids.length; i++) {
      cs[i] = acc.get(ids[i]);
    }
    return new Var(this, ids, cs, false);
  }

  // ------------------------------------------------------------------ products and assertions

  @Override
  public Var mul(Var a, Var b) {
    check(a, "mul a");
    check(b, "mul b");
    if (a.isConstant()) {
      return scale(b, a.constantValue());
    }
    if (b.isConstant()) {
      return scale(a, b.constantValue());
    }
    int out = newWire(KIND_INTERNAL);
    Var o = wire(out, false);
    int before = constraints.size();
    addConstraint(a, b, o, "mul");
    steps.add(new MulStep(a, b, out, constraintLabels.get(before), before));
    return o;
  }

  @Override
  public Var square(Var a) {
    return mul(a, a);
  }

  @Override
  public void assertEqual(Var a, Var b) {
    Var d = sub(a, b);
    if (d.isConstant()) {
      if (!d.constantValue().isZero()) {
        throw new InvalidInputException("assertEqual of two different constants (difference " + d.constantValue() + ")");
      }
      return;
    }
    addConstraint(d, one, zero, "assertEqual");
  }

  @Override
  public void assertBoolean(Var a) {
    check(a, "assertBoolean a");
    if (a.knownBoolean) {
      return;
    }
    if (a.isConstant()) {
      if (!isBooleanConstant(a.constantValue())) {
        throw new InvalidInputException("assertBoolean of the constant " + a.constantValue());
      }
      return;
    }
    addConstraint(a, addConst(a, Fr.ONE.neg()), zero, "assertBoolean");
  }

  private Var asBoolean(Var a, String what) {
    check(a, what);
    assertBoolean(a);
    return a.knownBoolean ? a : new Var(this, a.ids, a.coeffs, true);
  }

  @Override
  public void assertNonZero(Var a) {
    scope("assertNonZero", () -> {
      inverse(a);
    });
  }

  // ------------------------------------------------------------------ bits

  @Override
  public Var[] toBits(Var x, int n) {
    check(x, "toBits x");
    checkBits("toBits n", n, 1, MAX_BITS);
    if (x.isConstant()) {
      BigInteger v = x.constantValue().toBigInteger();
      if (v.bitLength() > n) {
        throw new InvalidInputException("toBits: constant " + v + " does not fit in " + n + " bits");
      }
      Var[] out = new Var[n];
      for (int i = 0; i < n; i++) {
        out[i] = v.testBit(i) ? one : zero;
      }
      return out;
    }
    return scope("toBits", () -> {
      final int bits = n;
      Var[] out = hint("bits", bits, in -> {
        BigInteger v = in[0].toBigInteger();
        Fr[] r = new Fr[bits];
        for (int i = 0; i < bits; i++) {
          r[i] = v.testBit(i) ? Fr.ONE : Fr.ZERO;
        }
        return r;
      }, x);
      Fr[] pow = new Fr[bits];
      Fr p = Fr.ONE;
      for (int i = 0; i < bits; i++) {
        assertBoolean(out[i]);
        out[i] = new Var(this, out[i].ids, out[i].coeffs, true);
        pow[i] = p;
        p = p.add(p);
      }
      Var recomposed = dotConst(out, pow);
      Var d = sub(recomposed, x);
      addConstraint(d, one, zero, "range " + bits + " bits");
      return out;
    });
  }

  @Override
  public Var fromBits(Var... bits) {
    if (bits == null) {
      throw new InvalidInputException("fromBits bits is null");
    }
    checkBits("fromBits count", bits.length, 0, MAX_BITS);
    Fr[] pow = new Fr[bits.length];
    Fr p = Fr.ONE;
    for (int i = 0; i < bits.length; i++) {
      asBoolean(bits[i], "fromBits bits[" + i + "]");
      pow[i] = p;
      p = p.add(p);
    }
    return dotConst(bits, pow);
  }

  @Override
  public void assertRange(Var x, int bits) {
    toBits(x, bits);
  }

  // ------------------------------------------------------------------ comparisons

  @Override
  public Var isZero(Var x) {
    check(x, "isZero x");
    if (x.isConstant()) {
      return x.constantValue().isZero() ? one : zero;
    }
    return scope("isZero", () -> {
      Var inv = hint("inverseOrZero", 1, in -> new Fr[] {in[0].isZero() ? Fr.ZERO : in[0].inverse()}, x)[0];
      Var out = sub(one, mul(x, inv));
      addConstraint(x, out, zero, "x*isZero==0");
      return new Var(this, out.ids, out.coeffs, true);
    });
  }

  @Override
  public Var isEqual(Var a, Var b) {
    return isZero(sub(a, b));
  }

  @Override
  public Var lessThan(Var a, Var b, int bits) {
    check(a, "lessThan a");
    check(b, "lessThan b");
    checkBits("lessThan bits", bits, 1, MAX_BITS - 1);
    return scope("lessThan", () -> {
      Var d = addConst(sub(a, b), Fr.ONE.add(Fr.ONE).pow(BigInteger.valueOf(bits)));
      Var[] db = toBits(d, bits + 1);
      return not(db[bits]);
    });
  }

  @Override
  public Var lessOrEqual(Var a, Var b, int bits) {
    return not(lessThan(b, a, bits));
  }

  @Override
  public Var select(Var cond, Var a, Var b) {
    Var c = asBoolean(cond, "select cond");
    check(a, "select a");
    check(b, "select b");
    return scope("select", () -> {
      Var r = add(b, mul(c, sub(a, b)));
      return a.knownBoolean && b.knownBoolean ? new Var(this, r.ids, r.coeffs, true) : r;
    });
  }

  @Override
  public Var and(Var a, Var b) {
    Var x = asBoolean(a, "and a");
    Var y = asBoolean(b, "and b");
    Var r = mul(x, y);
    return new Var(this, r.ids, r.coeffs, true);
  }

  @Override
  public Var or(Var a, Var b) {
    Var x = asBoolean(a, "or a");
    Var y = asBoolean(b, "or b");
    Var r = sub(add(x, y), mul(x, y));
    return new Var(this, r.ids, r.coeffs, true);
  }

  @Override
  public Var xor(Var a, Var b) {
    Var x = asBoolean(a, "xor a");
    Var y = asBoolean(b, "xor b");
    Var r = sub(add(x, y), mulConst(mul(x, y), 2));
    return new Var(this, r.ids, r.coeffs, true);
  }

  @Override
  public Var not(Var a) {
    Var x = asBoolean(a, "not a");
    Var r = sub(one, x);
    return new Var(this, r.ids, r.coeffs, true);
  }

  // ------------------------------------------------------------------ division and hints

  @Override
  public Var inverse(Var x) {
    check(x, "inverse x");
    if (x.isConstant()) {
      if (x.constantValue().isZero()) {
        throw new InvalidInputException("inverse of the constant 0");
      }
      return constant(x.constantValue().inverse());
    }
    return scope("inverse", () -> {
      Var inv = hint("inverse", 1, in -> new Fr[] {in[0].isZero() ? Fr.ZERO : in[0].inverse()}, x)[0];
      addConstraint(x, inv, one, "x*inv==1 (x must be non-zero)");
      return inv;
    });
  }

  @Override
  public Var div(Var a, Var b) {
    check(a, "div a");
    check(b, "div b");
    if (b.isConstant()) {
      if (b.constantValue().isZero()) {
        throw new InvalidInputException("div by the constant 0");
      }
      return scale(a, b.constantValue().inverse());
    }
    return scope("div", () -> mul(a, inverse(b)));
  }

  @Override
  public Var[] hint(String name, int outputs, Hint hint, Var... inputs) {
    if (name == null || hint == null || inputs == null) {
      throw new InvalidInputException("hint: name, hint and inputs must not be null");
    }
    if (outputs < 1) {
      throw new InvalidInputException("hint '" + name + "': outputs must be >= 1, got " + outputs);
    }
    Var[] ins = new Var[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      ins[i] = check(inputs[i], "hint '" + name + "' inputs[" + i + "]");
    }
    int[] outs = new int[outputs];
    Var[] res = new Var[outputs];
    for (int i = 0; i < outputs; i++) {
      outs[i] = newWire(KIND_INTERNAL);
      res[i] = wire(outs[i], false);
    }
    steps.add(new HintStep(name, hint, ins, outs, label("hint " + name)));
    return res;
  }

  // ------------------------------------------------------------------ gadgets

  @Override
  public Var poseidon(Var... inputs) {
    if (inputs == null || inputs.length < 1 || inputs.length > Poseidon.MAX_INPUTS) {
      throw new InvalidInputException("poseidon: expected 1 to " + Poseidon.MAX_INPUTS + " inputs, got "
          + (inputs == null ? "null" : inputs.length));
    }
    for (int i = 0; i < inputs.length; i++) {
      check(inputs[i], "poseidon inputs[" + i + "]");
    }
    return scope("poseidon", () -> {
      int t = inputs.length + 1;
      PoseidonParameters p = PoseidonParameters.forWidth(t);
      Var[] s = new Var[t];
      s[0] = zero;
      System.arraycopy(inputs, 0, s, 1, inputs.length);
      Var[] next = new Var[t];
      Var[] row = new Var[t];
      Fr[] m = new Fr[t];
      for (int r = 0; r < p.totalRounds(); r++) {
        for (int i = 0; i < t; i++) {
          s[i] = addConst(s[i], p.roundConstant(r, i));
        }
        if (p.isFullRound(r)) {
          for (int i = 0; i < t; i++) {
            s[i] = pow5(s[i]);
          }
        } else {
          s[0] = pow5(s[0]);
        }
        for (int i = 0; i < t; i++) {
          for (int j = 0; j < t; j++) {
            m[j] = p.mds(i, j);
            row[j] = s[j];
          }
          next[i] = dotConst(row, m);
        }
        System.arraycopy(next, 0, s, 0, t);
      }
      return s[0];
    });
  }

  private Var pow5(Var x) {
    Var x2 = square(x);
    Var x4 = square(x2);
    return mul(x4, x);
  }

  @Override
  public Var poseidonSponge(Var... inputs) {
    if (inputs == null) {
      throw new InvalidInputException("poseidonSponge inputs is null");
    }
    return scope("poseidonSponge", () -> {
      Var h = zero;
      int rate = PoseidonSponge.RATE;
      for (int off = 0; off < inputs.length; off += rate) {
        int k = Math.min(rate, inputs.length - off);
        Var[] in = new Var[k + 1];
        in[0] = h;
        System.arraycopy(inputs, off, in, 1, k);
        h = poseidon(in);
      }
      return poseidon(h, constant(inputs.length));
    });
  }

  @Override
  public Var merkleOpening(Var leaf, Var[] indexBits, Var[] siblings) {
    check(leaf, "merkleOpening leaf");
    if (indexBits == null || siblings == null || indexBits.length != siblings.length) {
      throw new InvalidInputException("merkleOpening: indexBits and siblings must have the same length");
    }
    return scope("merkleOpening", () -> {
      Var cur = leaf;
      for (int i = 0; i < siblings.length; i++) {
        Var bit = asBoolean(indexBits[i], "merkleOpening indexBits[" + i + "]");
        Var sib = check(siblings[i], "merkleOpening siblings[" + i + "]");
        // bit = 0: (cur, sib); bit = 1: (sib, cur)
        Var d = mul(bit, sub(sib, cur));
        Var left = add(cur, d);
        Var right = sub(sib, d);
        cur = poseidon(left, right);
      }
      return cur;
    });
  }

  @Override
  public Var shiftRightFloor(Var x, int k, int xBits) {
    return divModPow2(x, k, xBits)[0];
  }

  @Override
  public Var[] divModPow2(Var x, int k, int xBits) {
    check(x, "divModPow2 x");
    checkBits("divModPow2 xBits", xBits, 1, MAX_BITS - 1);
    checkBits("divModPow2 k", k, 0, xBits - 1);
    return scope("divModPow2", () -> {
      // x + 2^(xBits-1) is in [0, 2^xBits): its bits give the remainder (low k) and, shifted back,
      // the floor quotient (high xBits - k) at once.
      Fr offset = Fr.of(BigInteger.ONE.shiftLeft(xBits - 1));
      Var[] bits = toBits(addConst(x, offset), xBits);
      Var[] low = new Var[k];
      Var[] high = new Var[xBits - k];
      System.arraycopy(bits, 0, low, 0, k);
      System.arraycopy(bits, k, high, 0, high.length);
      Var q = addConst(fromBits(high), Fr.of(BigInteger.ONE.shiftLeft(xBits - 1 - k)).neg());
      return new Var[] {q, fromBits(low)};
    });
  }

  @Override
  public Var clamp(Var x, long lo, long hi, int bits) {
    check(x, "clamp x");
    checkBits("clamp bits", bits, 2, MAX_BITS - 2);
    BigInteger half = BigInteger.ONE.shiftLeft(bits - 1);
    BigInteger blo = BigInteger.valueOf(lo);
    BigInteger bhi = BigInteger.valueOf(hi);
    if (lo > hi || blo.compareTo(half.negate()) < 0 || bhi.compareTo(half) >= 0) {
      throw new InvalidInputException("clamp: need -2^(bits-1) <= lo <= hi < 2^(bits-1), got lo=" + lo + " hi=" + hi
          + " bits=" + bits);
    }
    return scope("clamp", () -> {
      // lessThan(a, b, bits) decomposes a - b + 2^bits into bits + 1 bits, which both proves
      // |a - b| < 2^bits and makes the comparison exact under that condition. First x vs lo: this
      // pins lo - 2^bits <= x < lo + 2^bits. Then y in {lo, x} with y >= lo vs hi: |hi - y| < 2^bits
      // follows from hi - lo < 2^bits, so the second comparison is exact too.
      Var below = lessThan(x, constant(lo), bits);
      Var y = select(below, constant(lo), x);
      Var above = lessThan(constant(hi), y, bits);
      return select(above, constant(hi), y);
    });
  }

  // ------------------------------------------------------------------ bookkeeping

  @Override
  public <T> T scope(String name, Supplier<T> body) {
    if (name == null || name.isEmpty() || name.indexOf('/') >= 0) {
      throw new InvalidInputException("scope name must be non-empty and contain no '/', got '" + name + "'");
    }
    if (body == null) {
      throw new InvalidInputException("scope body is null");
    }
    String saved = scopePath;
    scopePath = saved.isEmpty() ? name : saved + "/" + name;
    try {
      return body.get();
    } finally {
      scopePath = saved;
    }
  }

  @Override
  public void scope(String name, Runnable body) {
    if (body == null) {
      throw new InvalidInputException("scope body is null");
    }
    scope(name, () -> {
      body.run();
      return null;
    });
  }

  @Override
  public int constraintCount() {
    return constraints.size();
  }

  Var one() {
    return one;
  }
}
