package io.vnft.zk.circuit;

import io.vnft.api.InvalidInputException;
import io.vnft.zk.field.Fr;
import java.util.function.Supplier;

/**
 * The constraint builder handed to {@link Circuit#define}. All arithmetic is in the BN254 scalar
 * field {@code Fr} (modulus {@code r}, about 2^253.6); "signed" values {@code v < 0} are
 * represented as {@code r + v}.
 *
 * <p><b>Cost model.</b> Linear operations ({@link #add}, {@link #sub}, {@link #neg},
 * {@link #mulConst}, {@link #addConst}, {@link #dotConst}, {@link #constant}, and {@link #mul}
 * when one side is constant) are free. Each product of two non-constant variables costs one
 * constraint. The costs of the other operations are given on each method. The number of
 * constraints per named {@link #scope} is reported by
 * {@link CompiledCircuit#constraintsByScope()}.
 *
 * <p><b>Wires.</b> Wire 0 is the constant one; then the public inputs in declaration order; then the
 * secret inputs in declaration order; then internal wires, as in iden3's {@code .r1cs} (with no
 * public outputs: {@code nPubOut = 0}, {@code nPubIn} = number of public inputs). Input names
 * must be unique.
 *
 * <p><b>Errors.</b> Misuse (bit widths out of range, empty inputs, variables of another circuit,
 * contradictory constants) throws {@link InvalidInputException} while compiling, naming the
 * argument and the limit. Values that violate a constraint are only detected when the witness is
 * solved ({@link CompiledCircuit#solve}), which throws {@link io.vnft.api.ProofException} naming
 * the first unsatisfied constraint and its scope.
 *
 * <p>Not thread-safe: a builder is used by one thread during one {@code define} call.
 */
public interface CircuitApi {

  // ---- inputs and constants

  /**
   * Declares a public input (part of the statement, known to the verifier).
   *
   * @param name unique, non-empty name used to assign it in {@link CompiledCircuit#solve}
   * @return the input variable (a single wire)
   */
  Var publicInput(String name);

  /**
   * Declares a secret input (known to the prover only).
   *
   * @param name unique, non-empty name
   * @return the input variable (a single wire)
   */
  Var secretInput(String name);

  /**
   * Declares {@code n} public inputs named {@code name[0] .. name[n-1]}.
   *
   * @param name base name
   * @param n count, {@code >= 0}
   * @return the variables in order
   */
  Var[] publicInputs(String name, int n);

  /**
   * Declares {@code n} secret inputs named {@code name[0] .. name[n-1]}.
   *
   * @param name base name
   * @param n count, {@code >= 0}
   * @return the variables in order
   */
  Var[] secretInputs(String name, int n);

  /**
   * @param c the value
   * @return the constant {@code c} (free)
   */
  Var constant(Fr c);

  /**
   * @param c the value, any sign
   * @return the constant {@code c mod r} (negative values map to {@code r + c}; free)
   */
  Var constant(long c);

  // ---- linear (free)

  /**
   * @param a first summand
   * @param b second summand
   * @return {@code a + b} (free)
   */
  Var add(Var a, Var b);

  /**
   * @param xs the summands
   * @return the sum of all {@code xs} (free; 0 for none)
   */
  Var sum(Var... xs);

  /**
   * @param a the minuend
   * @param b the subtrahend
   * @return {@code a - b} (free)
   */
  Var sub(Var a, Var b);

  /**
   * @param a the value to negate
   * @return {@code -a} (free)
   */
  Var neg(Var a);

  /**
   * @param a the variable
   * @param c the constant factor
   * @return {@code c * a} (free)
   */
  Var mulConst(Var a, Fr c);

  /**
   * @param a the variable
   * @param c the constant factor, any sign
   * @return {@code c * a} with {@code c} taken mod r (free)
   */
  Var mulConst(Var a, long c);

  /**
   * @param a the variable
   * @param c the constant to add
   * @return {@code a + c} (free)
   */
  Var addConst(Var a, Fr c);

  /**
   * @param a the variable
   * @param c the constant to add, any sign
   * @return {@code a + c} with {@code c} taken mod r (free)
   */
  Var addConst(Var a, long c);

  /**
   * Dot product with constant integer weights, {@code sum w_i * x_i} (free: a linear layer of a
   * fixed-point network costs nothing).
   *
   * @param xs the variables
   * @param weights one weight per variable, taken mod r (negative weights are fine)
   * @return the linear combination
   * @throws InvalidInputException if the lengths differ
   */
  Var dotConst(Var[] xs, long[] weights);

  /**
   * Dot product with constant field weights (free).
   *
   * @param xs the variables
   * @param weights one constant weight per variable
   * @return sum_i weights[i] * xs[i]
   * @throws InvalidInputException if the lengths differ
   */
  Var dotConst(Var[] xs, Fr[] weights);

  // ---- products and assertions

  /**
   * @param a first factor
   * @param b second factor
   * @return {@code a * b} (1 constraint; free if either side is constant)
   */
  Var mul(Var a, Var b);

  /**
   * @param a the value to square
   * @return {@code a * a} (1 constraint; free for a constant)
   */
  Var square(Var a);

  /**
   * Constrains {@code a == b} (1 constraint; none if both are the same linear combination).
   *
   * @param a left side
   * @param b right side
   * @throws InvalidInputException if both are constants and differ
   */
  void assertEqual(Var a, Var b);

  /**
   * Constrains {@code a} to 0 or 1 (1 constraint; free if already known boolean).
   *
   * @param a the value that must be boolean
   * @throws InvalidInputException if {@code a} is a constant other than 0 or 1
   */
  void assertBoolean(Var a);

  /**
   * Constrains {@code a != 0} (1 constraint, through its inverse).
   *
   * @param a the value that must be non-zero
   */
  void assertNonZero(Var a);

  // ---- bits and ranges

  /**
   * Little-endian bit decomposition with range check: the returned bits are constrained boolean
   * and {@code sum 2^i bits[i] == x}, so {@code x} is proven to lie in {@code [0, 2^n)}
   * ({@code n + 1} constraints). Solving fails if {@code x >= 2^n}.
   *
   * @param x the value
   * @param n number of bits, {@code 1 <= n <= 253} (unique decomposition below r)
   * @return {@code n} boolean variables, least significant first
   */
  Var[] toBits(Var x, int n);

  /**
   * Recomposes {@code sum 2^i bits[i]}, asserting each bit boolean unless already known so (free
   * for bits from {@link #toBits}).
   *
   * @param bits 0 to 253 variables, least significant first
   * @return the number
   */
  Var fromBits(Var... bits);

  /**
   * Constrains {@code 0 <= x < 2^bits} ({@code bits + 1} constraints).
   *
   * @param bits {@code 1 <= bits <= 253}
   * @param x the value to range-check
   */
  void assertRange(Var x, int bits);

  // ---- comparisons and selection (results are known-boolean)

  /**
   * @param x the value to test
   * @return 1 if {@code x == 0} else 0 (2 constraints)
   */
  Var isZero(Var x);

  /**
   * @param a left side
   * @param b right side
   * @return 1 if {@code a == b} else 0 (2 constraints)
   */
  Var isEqual(Var a, Var b);

  /**
   * {@code a < b} for values the circuit already knows to lie in {@code [0, 2^bits)} (range-check
   * them first with {@link #assertRange} or {@link #toBits}: for unchecked values the result is
   * meaningless). Costs {@code bits + 2} constraints.
   *
   * @param bits {@code 1 <= bits <= 252}
   * @param a left side, known to lie in [0, 2^bits)
   * @param b right side, known to lie in [0, 2^bits)
   * @return 1 if {@code a < b} else 0
   */
  Var lessThan(Var a, Var b, int bits);

  /**
   * @param a left side, known to lie in [0, 2^bits)
   * @param b right side, known to lie in [0, 2^bits)
   * @param bits the bound on both values, as for {@link #lessThan}
   * @return 1 if {@code a <= b} else 0; same contract and cost as {@link #lessThan}
   */
  Var lessOrEqual(Var a, Var b, int bits);

  /**
   * @param cond constrained boolean (asserted here unless already known)
   * @param a the value when cond is 1
   * @param b the value when cond is 0
   * @return {@code cond ? a : b} (1 constraint; free when {@code a - b} is a constant and
   *     {@code cond} is known boolean)
   */
  Var select(Var cond, Var a, Var b);

  /**
   * @param a a boolean
   * @param b a boolean
   * @return {@code a AND b} for booleans (asserted unless known; 1 constraint)
   */
  Var and(Var a, Var b);

  /**
   * @param a a boolean
   * @param b a boolean
   * @return {@code a OR b} for booleans (1 constraint)
   */
  Var or(Var a, Var b);

  /**
   * @param a a boolean
   * @param b a boolean
   * @return {@code a XOR b} for booleans (1 constraint)
   */
  Var xor(Var a, Var b);

  /**
   * @param a a boolean
   * @return {@code NOT a} for a boolean (free once {@code a} is known boolean)
   */
  Var not(Var a);

  // ---- division

  /**
   * @param x the value to invert
   * @return {@code 1 / x}, computed by a hint and constrained by {@code x * inv == 1} (1
   *     constraint); solving fails if {@code x == 0}
   */
  Var inverse(Var x);

  /**
   * @param a the dividend
   * @param b the divisor
   * @return {@code a / b} (2 constraints; free if {@code b} is constant); solving fails if
   *     {@code b == 0}
   * @throws InvalidInputException if {@code b} is the constant 0
   */
  Var div(Var a, Var b);

  /**
   * Adds secret wires computed by {@code hint} from the values of {@code inputs} during solving.
   * Costs nothing and constrains nothing: the caller must constrain the outputs.
   *
   * @param name names the hint in error messages
   * @param outputs number of outputs, {@code >= 1}
   * @param hint the computation
   * @param inputs the variables whose values the hint receives
   * @return the {@code outputs} new variables
   */
  Var[] hint(String name, int outputs, Hint hint, Var... inputs);

  // ---- gadgets

  /**
   * circomlib's {@code Poseidon(n)} ({@link io.vnft.zk.poseidon.Poseidon#hash}): about 240
   * constraints for 2 inputs (3 per S-box).
   *
   * @param inputs 1 to 16 variables
   * @return the hash
   */
  Var poseidon(Var... inputs);

  /**
   * {@link io.vnft.zk.poseidon.PoseidonSponge} over any number of inputs.
   *
   * @param inputs 0 or more variables
   * @return the sponge digest
   */
  Var poseidonSponge(Var... inputs);

  /**
   * The root reached from {@code leaf} along a {@link io.vnft.zk.poseidon.PoseidonMerkleTree}
   * opening: at level {@code i}, bit 0 puts the running node on the left. Costs one Poseidon(2)
   * (240 constraints) plus 1 per level, plus 1 per index bit not already known boolean (bits from
   * {@link #toBits} are).
   *
   * @param leaf the leaf value
   * @param indexBits the leaf index bits, least significant (leaf level) first
   * @param siblings the siblings, leaf level first; same length as {@code indexBits}
   * @return the root (constrain it with {@link #assertEqual})
   */
  Var merkleOpening(Var leaf, Var[] indexBits, Var[] siblings);

  /**
   * Floor division by {@code 2^k} of a signed fixed-point value: for {@code x} in
   * {@code [-2^(xBits-1), 2^(xBits-1))} returns {@code floor(x / 2^k)}, in
   * {@code [-2^(xBits-1-k), 2^(xBits-1-k))}. Decomposes {@code x + 2^(xBits-1)} into
   * {@code xBits} bits, which proves the range of {@code x} and of the remainder
   * {@code x - 2^k*floor(x/2^k)} in {@code [0, 2^k)} ({@code xBits + 1} constraints). Solving fails
   * if {@code x} is out of range.
   *
   * @param k shift, {@code 0 <= k < xBits}
   * @param xBits signed width of {@code x}, {@code 1 <= xBits <= 252}
   * @param x the signed fixed-point value
   * @return floor(x / 2^k)
   */
  Var shiftRightFloor(Var x, int k, int xBits);

  /**
   * Floor division with remainder by {@code 2^k} of a signed {@code x} in
   * {@code [-2^(xBits-1), 2^(xBits-1))}: returns {@code {q, m}} with {@code x = q * 2^k + m},
   * {@code 0 <= m < 2^k} (so {@code m} is {@code x mod 2^k}, non-negative, and {@code q} is
   * {@link #shiftRightFloor}'s result). Same cost as {@link #shiftRightFloor} ({@code xBits + 1}
   * constraints); solving fails if {@code x} is out of range.
   *
   * @param k {@code 0 <= k < xBits}
   * @param xBits {@code 1 <= xBits <= 252}
   * @param x the signed value
   * @return {@code {quotient, remainder}}
   */
  Var[] divModPow2(Var x, int k, int xBits);

  /**
   * {@code min(max(x, lo), hi)} for a signed {@code x} with {@code lo - 2^bits <= x < lo + 2^bits}
   * (checked; this contains {@code [-2^(bits-1), 2^(bits-1))}). Costs {@code 2 * bits + 6}
   * constraints. Solving fails if {@code x} is out of that range.
   *
   * @param lo lower bound, {@code -2^(bits-1) <= lo <= hi}
   * @param hi upper bound, {@code hi < 2^(bits-1)}
   * @param bits {@code 2 <= bits <= 251}
   * @param x the signed value to clamp
   * @return x clamped to [lo, hi]
   */
  Var clamp(Var x, long lo, long hi, int bits);

  // ---- bookkeeping

  /**
   * Runs {@code body} in a named scope: constraints added inside count toward {@code name} (and
   * its enclosing scopes) in {@link CompiledCircuit#constraintsByScope()} and name the scope in
   * unsatisfied-constraint errors. Scopes nest as {@code outer/inner}.
   *
   * @param name non-empty, without {@code '/'}
   * @param body the gadget code
   * @param <T> the body's result type
   * @return what {@code body} returns
   */
  <T> T scope(String name, Supplier<T> body);

  /**
   * {@link #scope(String, Supplier)} for a body that returns nothing.
   *
   * @param name the scope's name, as for {@link #scope(String, Supplier)}
   * @param body the code to run inside the scope
   */
  void scope(String name, Runnable body);

  /** @return the number of constraints added so far */
  int constraintCount();
}
