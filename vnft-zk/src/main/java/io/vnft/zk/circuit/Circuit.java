package io.vnft.zk.circuit;

/**
 * A statement to prove, written as code (gnark's {@code Define(api)}, arkworks'
 * {@code ConstraintSynthesizer}). {@link #define} declares the inputs through
 * {@link CircuitApi#publicInput}/{@link CircuitApi#secretInput} and states the relations between
 * them with the other {@link CircuitApi} calls; {@link CircuitCompiler#compile} turns it into an
 * {@link R1cs} plus a witness solver.
 *
 * <pre>{@code
 * Circuit c = api -> {
 *   Var root = api.publicInput("root");
 *   Var leaf = api.secretInput("leaf");
 *   Var[] path = api.secretInputs("path", 20);
 *   Var[] index = api.toBits(api.secretInput("index"), 20);
 *   api.assertEqual(api.merkleOpening(leaf, index, path), root);
 * };
 * CompiledCircuit cc = CircuitCompiler.compile(c);
 * }</pre>
 *
 * <p>{@code define} must be deterministic: the same circuit object must always declare the same
 * inputs and constraints, because a proving key is tied to one constraint system. It runs once
 * per compilation; values are not known while it runs (use {@link CircuitApi#hint} to compute
 * secret values from known ones at solving time).
 */
@FunctionalInterface
public interface Circuit {
  /**
   * Declares inputs and constraints.
   *
   * @param api the constraint builder, valid only during this call
   */
  void define(CircuitApi api);
}
