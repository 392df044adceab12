/**
 * BN254 groups and the pairing: {@link io.vnft.zk.curve.G1Point} (y^2 = x^3 + 3 over Fp), {@link
 * io.vnft.zk.curve.G2Point} (the order-r subgroup of the twist over Fp2), the optimal ate {@link
 * io.vnft.zk.curve.Pairing} with multi-pairing checks and precomputed G2 lines, and multi-scalar multiplication {@link
 * io.vnft.zk.curve.Msm} (multi-threaded Pippenger). Factories validate (canonical coordinates, on
 * the curve, G2 subgroup) and throw {@link io.vnft.api.InvalidInputException}; {@code
 * fromUnchecked} is the explicit fast path for trusted data.
 *
 * <p>Conformance: the EIP-196/197 precompile vectors of go-ethereum and ffjavascript (snarkjs'
 * arithmetic) are known answers in the tests. Not constant-time.
 */
package io.vnft.zk.curve;
