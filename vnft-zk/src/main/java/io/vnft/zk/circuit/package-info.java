/**
 * The circuit DSL: statements written as Java code and compiled to a rank-1 constraint system.
 *
 * <h2>Writing a circuit</h2>
 * Implement {@link io.vnft.zk.circuit.Circuit} (a lambda is fine). In {@code define}, declare inputs
 * with {@link io.vnft.zk.circuit.CircuitApi#publicInput} / {@link io.vnft.zk.circuit.CircuitApi#secretInput}
 * and state relations with the other {@link io.vnft.zk.circuit.CircuitApi} methods. Values are
 * {@link io.vnft.zk.circuit.Var}s: handles to linear combinations, so additions and products by
 * constants are free; each product of two variables is one constraint.
 *
 * <pre>{@code
 * // Proves: "I know x in [0, 2^16) with floor(3x / 4), clamped to [0, 255], equal to the public y."
 * Circuit c = api -> {
 *   Var y = api.publicInput("y");
 *   Var x = api.secretInput("x");
 *   api.assertRange(x, 16);
 *   Var q = api.scope("layer", () -> api.shiftRightFloor(api.mulConst(x, 3), 2, 20));
 *   api.assertEqual(api.clamp(q, 0, 255, 20), y);
 * };
 * CompiledCircuit cc = CircuitCompiler.compile(c);
 * Witness w = cc.solve(Map.of("x", Fr.of(100), "y", Fr.of(75)));
 * R1csFile.write(cc.r1cs(), Path.of("c.r1cs"));      // snarkjs can read it
 * System.out.println(cc.constraintsByScope());        // {(top)=.., clamp=.., layer=..}
 * }</pre>
 *
 * <h2>Fixed-point networks</h2>
 * Linear layers with integer weights: {@link io.vnft.zk.circuit.CircuitApi#dotConst} (free).
 * Re-quantisation: {@link io.vnft.zk.circuit.CircuitApi#shiftRightFloor} /
 * {@link io.vnft.zk.circuit.CircuitApi#divModPow2} (floor division by {@code 2^k} of signed values,
 * about one constraint per bit of the value). Activations: {@link io.vnft.zk.circuit.CircuitApi#clamp},
 * {@link io.vnft.zk.circuit.CircuitApi#select}, comparisons. Signed values are field elements
 * {@code r - |v|}; every gadget that needs a range states and checks it.
 *
 * <h2>Soundness rules</h2>
 * {@link io.vnft.zk.circuit.CircuitApi#hint} outputs are unconstrained until you constrain them;
 * {@link io.vnft.zk.circuit.CircuitApi#lessThan} assumes range-checked operands. Everything else
 * constrains what it returns.
 *
 * <h2>Wire layout</h2>
 * As in iden3's {@code .r1cs}: wire 0 = 1, public inputs (declaration order), secret inputs, internal
 * wires; no public outputs. {@link io.vnft.zk.circuit.R1cs} and {@link io.vnft.zk.circuit.Witness}
 * are what the Groth16 prover consumes; {@code io.vnft.zk.iden3.R1csFile}/{@code WtnsFile} read and
 * write them in the iden3 formats.
 */
package io.vnft.zk.circuit;
