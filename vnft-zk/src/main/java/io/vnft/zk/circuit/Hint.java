package io.vnft.zk.circuit;

import io.vnft.zk.field.Fr;

/**
 * Computes secret wire values from already known ones while the witness is solved (e.g. the bits
 * of a number, a field inverse, a quotient). A hint is NOT a constraint: the circuit must pin its
 * outputs down with constraints, otherwise a prover may put anything there.
 *
 * <p>Implementations must be deterministic and side-effect free; they may be called from several
 * threads at once when several witnesses are solved in parallel. An exception thrown by a hint
 * becomes a {@link io.vnft.api.ProofException} naming the hint.
 */
@FunctionalInterface
public interface Hint {
  /**
   * @param inputs the values of the hint's input variables, in declaration order
   * @return exactly as many values as the hint declared outputs, none null
   */
  Fr[] compute(Fr[] inputs);
}
